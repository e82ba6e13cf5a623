import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../db/types.ts';
import { MAX_BATCH_BYTES } from './contract/events.ts';
import { SITE_KEY_PARAM } from './contract/common.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError } from './http/errors.ts';
import { newId } from './lib/crypto.ts';
import { createErrorHandler, onNotFound } from './http/error-handler.ts';
import { rateLimit } from './http/rate-limit.ts';
import { secretKey } from './http/secret-key.ts';
import { siteCors } from './http/site-cors.ts';
import { siteKey } from './http/site-key.ts';
import { customerRoutes } from './modules/profiles/routes.ts';
import { eventRoutes } from './modules/tracking/routes.ts';
import { identifyRoutes } from './modules/identity/routes.ts';
import { meRoutes } from './modules/profiles/me-routes.ts';
import { orderRoutes } from './modules/orders/routes.ts';
import { visitorRoutes } from './modules/identity/visitor-routes.ts';
import type { ServiceContext } from './modules/context.ts';
import { findSiteByPublishableKey, findSiteBySecretKey, isOriginAllowed } from './modules/sites/service.ts';

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
  /** Requests per minute per credential and address; defaults to 600. */
  rateLimitPerMinute?: number;
  log?: (message: string, error: unknown) => void;
}

/** Largest body any route other than event ingestion reads. */
const MAX_BODY_BYTES = 64 * 1024;

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The body is larger than ${maxSize} bytes`);
    },
  });

/** Builds the API: widget routes keyed by the publishable key, staff routes by the secret key. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const ctx: ServiceContext = { db: deps.db, now, newId: deps.newId ?? newId };
  const limit = rateLimit({
    limit: deps.rateLimitPerMinute ?? 600,
    windowMs: 60_000,
    now,
    keyOf: (c) =>
      `${c.req.query(SITE_KEY_PARAM) ?? c.req.header('Authorization') ?? ''}|${deps.clientAddress(c)}`,
  });
  const widget = [
    limit,
    siteKey({ find: (key) => findSiteByPublishableKey(ctx, key), now }),
    siteCors(isOriginAllowed),
  ] as const;
  const staff = [limit, secretKey((key) => findSiteBySecretKey(ctx, key))] as const;

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
  app.get('/health', (c) => c.json({ ok: true }));

  app.use('/v1/events', ...widget, limitBody(MAX_BATCH_BYTES));
  // `/x/*` also matches `/x` itself in Hono; listing both would run (and rate-limit) twice.
  for (const path of ['/v1/visitors', '/v1/identify', '/v1/me/*']) {
    app.use(path, ...widget, limitBody(MAX_BODY_BYTES));
  }
  for (const path of ['/v1/orders', '/v1/customers/*']) {
    app.use(path, ...staff, limitBody(MAX_BODY_BYTES));
  }

  return app
    .route('/v1/visitors', visitorRoutes(ctx))
    .route('/v1/events', eventRoutes(ctx))
    .route('/v1/identify', identifyRoutes(ctx))
    .route('/v1/me', meRoutes(ctx))
    .route('/v1/orders', orderRoutes(ctx))
    .route('/v1/customers', customerRoutes(ctx));
}

/** The app's type, for Hono's typed client. */
export type CrmApp = ReturnType<typeof createApp>;
