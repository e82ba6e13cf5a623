/** A point on the earth, in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Half the earth's circumference: no two points are farther apart. */
export const MAX_DISTANCE_M = Math.PI * EARTH_RADIUS_M;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, accurate to well under a metre at these scales). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box; `lngRanges` has two parts when the box crosses the antimeridian. */
export interface BoundingBox {
  minLat: number;
  maxLat: number;
  lngRanges: [number, number][];
}

/**
 * The smallest lat/lng box holding every point within `radiusM` of `center`: whatever lies
 * outside it is farther than `radiusM`. Near a pole (or for a radius that reaches one) the
 * box spans every longitude.
 */
export function boundingBox(center: LatLng, radiusM: number): BoundingBox {
  const angular = radiusM / EARTH_RADIUS_M;
  const dLat = (angular * 180) / Math.PI;
  const minLat = center.lat - dLat;
  const maxLat = center.lat + dLat;
  if (minLat <= -90 || maxLat >= 90) {
    return { minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat), lngRanges: [[-180, 180]] };
  }
  // The widest longitude span of the circle (at the latitude where it touches its meridians).
  const dLng = (Math.asin(Math.min(1, Math.sin(angular) / Math.cos(rad(center.lat)))) * 180) / Math.PI;
  const west = center.lng - dLng;
  const east = center.lng + dLng;
  if (dLng >= 180) return { minLat, maxLat, lngRanges: [[-180, 180]] };
  if (west < -180)
    return {
      minLat,
      maxLat,
      lngRanges: [
        [west + 360, 180],
        [-180, east],
      ],
    };
  if (east > 180)
    return {
      minLat,
      maxLat,
      lngRanges: [
        [west, 180],
        [-180, east - 360],
      ],
    };
  return { minLat, maxLat, lngRanges: [[west, east]] };
}

/** What routing needs of a service site. */
export interface RoutableSite extends LatLng {
  id: string;
  active: boolean;
  categories: readonly string[];
}

/** Whether a site may take a ticket of `category`. */
export function handles(site: RoutableSite, category: string): boolean {
  return site.active && site.categories.includes(category);
}

/**
 * The nearest active site handling `category`, by great-circle distance; ties go to the
 * smaller id so the choice never depends on row order. Null when no site qualifies.
 */
export function nearestSite<T extends RoutableSite>(
  sites: readonly T[],
  from: LatLng,
  category: string,
): { site: T; distanceM: number } | null {
  let best: { site: T; distanceM: number } | null = null;
  for (const site of sites) {
    if (!handles(site, category)) continue;
    const d = distanceM(from, site);
    if (!best || d < best.distanceM || (d === best.distanceM && site.id < best.site.id)) {
      best = { site, distanceM: d };
    }
  }
  return best;
}

/** Whether coordinates are on the earth. */
export function validLatLng(point: LatLng): boolean {
  return (
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    Math.abs(point.lat) <= 90 &&
    Math.abs(point.lng) <= 180
  );
}

/** A postcode or city as stored: upper case, no spaces or dashes. */
export function normalizePostcode(code: string): string {
  return code
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}
