import { and, eq, gte, lte, or, sql } from 'drizzle-orm';
import { servicePostcodes, serviceSites, type ServiceSite } from '../../../db/schema/index.ts';
import type { RoutingReason } from '../../contract/constants.ts';
import type { ServiceContext } from '../context.ts';
import {
  boundingBox,
  distanceM,
  MAX_DISTANCE_M,
  nearestSite,
  normalizePostcode,
  validLatLng,
  type LatLng,
} from './geo.ts';

/** Where the customer is, as far as the request tells. */
export interface LocationHints {
  /** Coordinates the customer chose to share (browser geolocation). */
  shared?: LatLng | undefined;
  /** A postcode or city the customer typed, looked up in the site's table. */
  postcode?: string | undefined;
  /** The request's own coordinates (`request.cf` on Workers; none on Node). */
  request?: LatLng | null | undefined;
}

/** The routing decision stored on the ticket. */
export interface Route {
  serviceSiteId: string | null;
  distanceM: number | null;
  reason: RoutingReason;
}

/** First search radius; it doubles until a site is found inside it or the whole earth is covered. */
const FIRST_RADIUS_M = 50_000;

/** The customer's location and which hint gave it. */
export async function locate(
  ctx: ServiceContext,
  siteId: string,
  hints: LocationHints,
): Promise<{ point: LatLng; reason: RoutingReason } | null> {
  if (hints.shared && validLatLng(hints.shared)) return { point: hints.shared, reason: 'shared' };
  if (hints.postcode) {
    const code = normalizePostcode(hints.postcode);
    const row = code
      ? await ctx.db.query.servicePostcodes.findFirst({
          where: and(eq(servicePostcodes.siteId, siteId), eq(servicePostcodes.code, code)),
        })
      : undefined;
    if (row) return { point: { lat: row.lat, lng: row.lng }, reason: 'postcode' };
  }
  if (hints.request && validLatLng(hints.request)) return { point: hints.request, reason: 'request' };
  return null;
}

/** Sites of `siteId` in a box that handle `category`, active only. */
function candidatesIn(ctx: ServiceContext, siteId: string, category: string, from: LatLng, radiusM: number) {
  const box = radiusM >= MAX_DISTANCE_M ? null : boundingBox(from, radiusM);
  return ctx.db
    .select()
    .from(serviceSites)
    .where(
      and(
        eq(serviceSites.siteId, siteId),
        box ? gte(serviceSites.lat, box.minLat) : undefined,
        box ? lte(serviceSites.lat, box.maxLat) : undefined,
        box
          ? or(...box.lngRanges.map(([w, e]) => and(gte(serviceSites.lng, w), lte(serviceSites.lng, e))))
          : undefined,
        eq(serviceSites.active, true),
        sql`EXISTS (SELECT 1 FROM json_each(${serviceSites.categories}) WHERE value = ${category})`,
      ),
    );
}

/**
 * The nearest active service site handling `category`: sites in a bounding box on the indexed
 * coordinates first, then the exact great-circle distance of those few. A site found within
 * the radius is the nearest of all (everything outside the box is farther than the radius);
 * otherwise the radius doubles.
 */
export async function nearestServiceSite(
  ctx: ServiceContext,
  siteId: string,
  category: string,
  from: LatLng,
): Promise<{ site: ServiceSite; distanceM: number } | null> {
  for (let radius = FIRST_RADIUS_M; ; radius *= 2) {
    const rows = await candidatesIn(ctx, siteId, category, from, radius);
    const best = nearestSite(rows, from, category);
    if (best && best.distanceM <= radius) return best;
    if (radius >= MAX_DISTANCE_M) return best;
  }
}

/** The site's default service site (if active), for tickets without a usable location. */
async function defaultSite(ctx: ServiceContext, siteId: string): Promise<ServiceSite | undefined> {
  return ctx.db.query.serviceSites.findFirst({
    where: and(
      eq(serviceSites.siteId, siteId),
      eq(serviceSites.isDefault, true),
      eq(serviceSites.active, true),
    ),
  });
}

/**
 * Routes a new ticket: the customer's location from the hints in order (shared coordinates,
 * postcode, the request's coordinates), then the nearest eligible site; with no location, or
 * no eligible site anywhere, the site's default.
 */
export async function routeTicket(
  ctx: ServiceContext,
  siteId: string,
  category: string,
  hints: LocationHints,
): Promise<Route> {
  const located = await locate(ctx, siteId, hints);
  if (located) {
    const best = await nearestServiceSite(ctx, siteId, category, located.point);
    if (best) {
      return { serviceSiteId: best.site.id, distanceM: Math.round(best.distanceM), reason: located.reason };
    }
  }
  const fallback = await defaultSite(ctx, siteId);
  if (!fallback) return { serviceSiteId: null, distanceM: null, reason: 'none' };
  return {
    serviceSiteId: fallback.id,
    distanceM: located ? Math.round(distanceM(located.point, fallback)) : null,
    reason: 'default',
  };
}
