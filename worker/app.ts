import { Hono, type Context } from 'hono';
import type { Db } from '../db/types.ts';
import { serverApi } from './api/server.ts';
import { widgetApi } from './api/widget.ts';
import { createErrorHandler, onNotFound, type ErrorLog } from './http/error-handler.ts';
import type { AppEnv } from './http/env.ts';
import { rateLimit } from './http/rate-limit.ts';
import { newId } from './lib/crypto.ts';
import type { ServiceContext } from './modules/context.ts';

/** What the entry points hand the app; only they know the runtime. */
export interface AppDeps {
  db: Db;
  /**
   * The connection's address, for rate limits: the socket on Node, `cf-connecting-ip`
   * on Workers. Never `X-Forwarded-For`, which any client can write.
   */
  clientAddress: (c: Context) => string;
  now?: () => number;
  newId?: () => string;
  /** Requests per minute per client address; defaults to 600. */
  rateLimitPerMinute?: number;
  /** Failed authentications per minute per client address; defaults to 30. */
  authFailuresPerMinute?: number;
  log?: ErrorLog;
}

/** The service context the app runs its modules with. */
export function serviceContext(deps: Pick<AppDeps, 'db' | 'now' | 'newId'>): ServiceContext {
  return { db: deps.db, now: deps.now ?? Date.now, newId: deps.newId ?? newId };
}

/** Builds the API: one route group per kind of caller, each bringing its own guards. */
export function createApp(deps: AppDeps) {
  const ctx = serviceContext(deps);
  // One limiter for every group: an address has one budget, whichever routes it calls.
  const limit = rateLimit({
    addressOf: deps.clientAddress,
    perMinute: deps.rateLimitPerMinute ?? 600,
    ...(deps.authFailuresPerMinute ? { failuresPerMinute: deps.authFailuresPerMinute } : {}),
    now: ctx.now,
  });
  const app = new Hono<AppEnv>();
  app.onError(
    createErrorHandler(
      deps.log ??
        ((message, error) => {
          console.error(message, error);
        }),
    ),
  );
  app.notFound(onNotFound);
  return app
    .get('/health', (c) => c.json({ ok: true }))
    .route('/v1', widgetApi(ctx, limit))
    .route('/v1', serverApi(ctx, limit));
}

/** The app's type, for Hono's typed client. */
export type CrmApp = ReturnType<typeof createApp>;
