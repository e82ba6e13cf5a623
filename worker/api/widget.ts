import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { siteCors } from '../http/site-cors.ts';
import { siteKey } from '../http/site-key.ts';
import type { ServiceContext } from '../modules/context.ts';
import { identifyRoutes, visitorRoutes } from '../modules/identity/routes.ts';
import { meRoutes } from '../modules/profiles/routes.ts';
import type { SiteCache } from '../modules/sites/cache.ts';
import { isOriginAllowed } from '../modules/sites/service.ts';
import { eventRoutes } from '../modules/tracking/routes.ts';
import type { OfferDeps } from '../modules/offers/decide.ts';
import { offerWidgetRoutes } from '../modules/offers/routes.ts';
import { guarded } from './guarded.ts';

/**
 * Routes the widgets call from visitors' browsers: the publishable key names the site, CORS
 * admits only its origins, and each route checks the visitor (and identity) tokens it needs.
 */
export function widgetApi(
  ctx: ServiceContext,
  rateLimit: MiddlewareHandler,
  sites: SiteCache,
  offers: OfferDeps,
) {
  const guards = [rateLimit, siteKey((key) => sites.get(key)), siteCors(isOriginAllowed)];
  return new Hono<AppEnv>()
    .route('/visitors', guarded(guards, visitorRoutes(ctx)))
    .route('/events', guarded(guards, eventRoutes(ctx)))
    .route('/identify', guarded(guards, identifyRoutes(ctx)))
    .route('/me', guarded(guards, meRoutes(ctx)))
    .route('/offers', guarded(guards, offerWidgetRoutes(ctx, offers)));
}
