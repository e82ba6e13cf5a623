import type { MiddlewareHandler } from 'hono';
import type { Site } from '../../db/schema/index.ts';
import { bearerToken } from './bearer.ts';
import type { AppEnv } from './env.ts';
import { unauthorized } from './errors.ts';

/** Resolves the site from a secret key (`Authorization: Bearer sk_…`), for server-to-server routes. */
export function secretKey(find: (secretKey: string) => Promise<Site | undefined>): MiddlewareHandler<AppEnv> {
  return async function secretKeyHandler(c, next) {
    const token = bearerToken(c);
    if (!token?.startsWith('sk_') || token.length > 200) {
      throw unauthorized('secret_key_required', 'This route needs the site secret key as a bearer token');
    }
    const site = await find(token);
    if (!site) throw unauthorized('invalid_secret_key', 'Unknown secret key');
    c.set('site', site);
    c.set('principal', { kind: 'server', site });
    await next();
  };
}
