import { Hono, type Context } from 'hono';
import type { Db } from '../db/types.ts';
import { consoleApi } from './api/console.ts';
import { consolePage } from './api/console-page.ts';
import { serverApi } from './api/server.ts';
import { widgetApi } from './api/widget.ts';
import { createErrorHandler, onNotFound, type ErrorLog } from './http/error-handler.ts';
import type { AppEnv } from './http/env.ts';
import { rateLimit } from './http/rate-limit.ts';
import { newId } from './lib/crypto.ts';
import { CONSOLE_PATH } from './contract/constants.ts';
import type { ServiceContext } from './modules/context.ts';
import { SiteCache } from './modules/sites/cache.ts';
import type { LatLng } from './modules/tickets/geo.ts';
import type { BlobStorage } from './modules/tickets/storage.ts';
import { OfferCache } from './modules/offers/cache.ts';
import { offerConversions } from './modules/offers/conversions.ts';
import type { OfferDeps } from './modules/offers/decide.ts';
import { DEFAULT_SOURCES, type OfferDataSources } from './modules/offers/sources.ts';
import { crossSellFacts, scoreFacts } from './modules/scoring/offer-facts.ts';
import { hasOpenComplaint } from './modules/tickets/offer-facts.ts';

/** What the entry points hand the app; only they know the runtime. */
export interface AppDeps {
  db: Db;
  /** Where event ingestion writes (see `OpenDatabase.eventDb`); defaults to `db`. */
  eventDb?: Db;
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
  /** The one-time token that lets the first owner set the installation up; none: no setup. */
  setupToken?: string;
  /** PBKDF2 work factor for staff passwords; only tests lower it. */
  passwordIterations?: number;
  /** Where ticket attachments are stored (R2 on Workers, a directory on Node); none: no attachments. */
  blobs?: BlobStorage;
  /** The request's own coordinates where the runtime knows them (`request.cf` on Workers). */
  requestLocation?: (c: Context) => LatLng | null;
  /** Facts offers target on that other modules hold (scores, cross-sell, complaints). */
  offerSources?: Partial<OfferDataSources>;
  /** See `ServiceContext.readAhead`; only the Node entries set it. */
  readAhead?: boolean;
}

/** The service context the app runs its modules with. */
export function serviceContext(
  deps: Pick<AppDeps, 'db' | 'eventDb' | 'now' | 'newId' | 'passwordIterations' | 'readAhead'>,
): ServiceContext {
  return {
    db: deps.db,
    ...(deps.eventDb ? { eventDb: deps.eventDb } : {}),
    now: deps.now ?? Date.now,
    newId: deps.newId ?? newId,
    ...(deps.passwordIterations ? { passwordIterations: deps.passwordIterations } : {}),
    ...(deps.readAhead ? { readAhead: true } : {}),
    orderHooks: [offerConversions],
  };
}

/**
 * What offer decisions read besides the offers: the live offers' cache, and the facts the other
 * modules know of a profile (scores, cross-sell, complaints), `overrides` taking precedence.
 */
export function offerDeps(ctx: ServiceContext, overrides: Partial<OfferDataSources> = {}): OfferDeps {
  const sources: OfferDataSources = {
    ...DEFAULT_SOURCES,
    scores: scoreFacts,
    crossSell: crossSellFacts,
    openComplaint: hasOpenComplaint,
    ...overrides,
  };
  return { cache: new OfferCache(ctx), sources };
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
  const sites = new SiteCache(ctx);
  const offers = offerDeps(ctx, deps.offerSources);
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
    .route(
      '/v1',
      widgetApi(
        ctx,
        limit,
        sites,
        { blobs: deps.blobs, clientAddress: deps.clientAddress, requestLocation: deps.requestLocation },
        offers,
      ),
    )
    .route('/v1', serverApi(ctx, limit))
    .route(
      `${CONSOLE_PATH}/api`,
      consoleApi(ctx, limit, sites, { setupToken: deps.setupToken }, offers, { blobs: deps.blobs }),
    )
    .route(CONSOLE_PATH, consolePage());
}

/** The app's type, for Hono's typed client. */
export type CrmApp = ReturnType<typeof createApp>;
