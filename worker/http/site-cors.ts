import type { MiddlewareHandler } from 'hono';
import { IDENTITY_HEADER } from '../contract/constants.ts';
import type { AppEnv } from './env.ts';
import { forbidden } from './errors.ts';

/**
 * CORS for the widget API, decided per site: only the site's allowed origins get an
 * `Access-Control-Allow-Origin`, always with `Vary: Origin`, never with credentials.
 * A browser request from any other origin is refused before the route runs, so a
 * simple (non-preflighted) POST from a foreign page cannot write either.
 */
export function siteCors(isAllowed: (site: AppEnv['Variables']['site'], origin: string) => boolean) {
  const handler: MiddlewareHandler<AppEnv> = async function siteCorsHandler(c, next) {
    c.header('Vary', 'Origin');
    const origin = c.req.header('Origin');
    // Requests without Origin come from servers and tools, where CORS protects nothing.
    if (origin === undefined) {
      await next();
      return;
    }
    if (!isAllowed(c.get('site'), origin)) {
      throw forbidden('origin_not_allowed', `Origin ${origin} is not allowed for this site`);
    }
    c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header(
        'Access-Control-Allow-Headers',
        `Authorization, Content-Type, ${IDENTITY_HEADER}, Idempotency-Key`,
      );
      c.header('Access-Control-Max-Age', '7200');
      return c.body(null, 204);
    }
    await next();
  };
  return handler;
}
