import { Hono, type MiddlewareHandler } from 'hono';
import { consoleHeaders, sameOrigin, staffSession } from '../http/console-guards.ts';
import type { AppEnv } from '../http/env.ts';
import type { ServiceContext } from '../modules/context.ts';
import { consoleCustomerRoutes } from '../modules/profiles/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { consoleHelpRoutes } from '../modules/help/routes.ts';
import { consoleConfiguratorRoutes } from '../modules/configurator/routes.ts';
import { scoringConsoleRoutes } from '../modules/scoring/routes.ts';
import type { SiteCache } from '../modules/sites/cache.ts';
import { siteRoutes } from '../modules/sites/routes.ts';
import { ticketConsoleRoutes, type TicketDeps } from '../modules/tickets/routes.ts';
import {
  auditRoutes,
  inviteRoutes,
  meRoutes,
  setupRoutes,
  signInRoutes,
  signOutRoutes,
  staffRoutes,
  type ConsoleEntryOptions,
} from '../modules/staff/routes.ts';
import { resumeSession } from '../modules/staff/sessions.ts';
import { guarded } from './guarded.ts';
import type { OfferDeps } from '../modules/offers/decide.ts';
import { consoleOfferRoutes } from '../modules/offers/routes.ts';

/**
 * The staff console's API (`/console/api`): same-origin JSON behind a session cookie. Setup,
 * sign-in and accepting an invitation need no session; everything else does, and each route
 * then declares the permission it needs. Changes must carry the console's own `Origin`, and
 * nothing is cached or framed.
 */
export function consoleApi(
  ctx: ServiceContext,
  rateLimit: MiddlewareHandler,
  sites: SiteCache,
  options: ConsoleEntryOptions,
  offers: OfferDeps,
  tickets: Pick<TicketDeps, 'blobs'>,
) {
  const entry = [rateLimit, consoleHeaders(), sameOrigin()];
  const session = [...entry, staffSession((token) => resumeSession(ctx, token))];
  // A site's own pages sit under its id, behind the one session guard of `/sites`.
  const site = new Hono<AppEnv>()
    .route('/', siteRoutes(ctx, sites))
    .route('/:siteId/customers', consoleCustomerRoutes(ctx))
    .route('/:siteId/configurator', consoleConfiguratorRoutes(ctx))
    .route('/:siteId/help', consoleHelpRoutes(ctx))
    .route('/:siteId/scoring', scoringConsoleRoutes(ctx))
    .route('/:siteId/offers', consoleOfferRoutes(ctx, offers))
    .route('/:siteId', reportRoutes(ctx))
    .route('/:siteId', ticketConsoleRoutes(ctx, tickets));
  return new Hono<AppEnv>()
    .route('/setup', guarded(entry, setupRoutes(ctx, options)))
    .route('/sign-in', guarded(entry, signInRoutes(ctx)))
    .route('/invites', guarded(entry, inviteRoutes(ctx)))
    .route('/me', guarded(session, meRoutes(ctx)))
    .route('/sign-out', guarded(session, signOutRoutes(ctx)))
    .route('/staff', guarded(session, staffRoutes(ctx)))
    .route('/audit', guarded(session, auditRoutes(ctx)))
    .route('/sites', guarded(session, site));
}
