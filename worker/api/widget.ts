import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { siteCors } from '../http/site-cors.ts';
import { siteKey } from '../http/site-key.ts';
import type { ServiceContext } from '../modules/context.ts';
import { identifyRoutes, visitorRoutes } from '../modules/identity/routes.ts';
import { meRoutes } from '../modules/profiles/routes.ts';
import { staffCardRoutes } from '../modules/scoring/routes.ts';
import type { SiteCache } from '../modules/sites/cache.ts';
import { isOriginAllowed } from '../modules/sites/service.ts';
import { surveyRoutes, ticketRoutes, type TicketDeps } from '../modules/tickets/routes.ts';
import { eventRoutes } from '../modules/tracking/routes.ts';
import { helpRoutes } from '../modules/help/routes.ts';
import { configuratorRoutes } from '../modules/configurator/routes.ts';
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
  tickets: TicketDeps,
  offers: OfferDeps,
) {
  const guards = [rateLimit, siteKey((key) => sites.get(key)), siteCors(isOriginAllowed)];
  return new Hono<AppEnv>()
    .route('/visitors', guarded(guards, visitorRoutes(ctx)))
    .route('/events', guarded(guards, eventRoutes(ctx)))
    .route('/identify', guarded(guards, identifyRoutes(ctx)))
    .route('/me', guarded(guards, meRoutes(ctx)))
    .route('/tickets', guarded(guards, ticketRoutes(ctx, tickets)))
    .route('/surveys', guarded(guards, surveyRoutes(ctx)))
    .route('/help', guarded(guards, helpRoutes(ctx)))
    .route('/configurator', guarded(guards, configuratorRoutes(ctx)))
    .route('/staff', guarded(guards, staffCardRoutes(ctx)))
    .route('/offers', guarded(guards, offerWidgetRoutes(ctx, offers)));
}
