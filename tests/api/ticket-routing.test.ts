import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { servicePostcodes, serviceSites } from '../../db/schema/index.ts';
import { newId } from '../../worker/lib/crypto.ts';
import {
  boundingBox,
  distanceM,
  nearestSite,
  type LatLng,
  type RoutableSite,
} from '../../worker/modules/tickets/geo.ts';
import { routeTicket, type LocationHints } from '../../worker/modules/tickets/routing.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
const ctx = () => ({ db: t.db, now: () => t.clock.now, newId });

beforeEach(async () => {
  t = await makeTestApp();
});

interface SiteSpec {
  name: string;
  lat: number;
  lng: number;
  categories?: string[];
  active?: boolean;
  isDefault?: boolean;
}

async function addSites(specs: SiteSpec[], siteId = t.site.id) {
  const ids = new Map<string, string>();
  for (const s of specs) {
    const id = newId();
    ids.set(s.name, id);
    await t.db.insert(serviceSites).values({
      id,
      siteId,
      name: s.name,
      lat: s.lat,
      lng: s.lng,
      categories: s.categories ?? ['repair'],
      active: s.active ?? true,
      isDefault: s.isDefault ?? false,
      createdAt: 0,
      updatedAt: 0,
    });
  }
  return ids;
}

// Real cities; from Frankfurt: Mainz 33.7 km, Cologne 152 km, Munich 304 km; from Sydney Hamburg
// (16,276 km) is nearer than Munich (16,327 km) and Cologne (16,569 km).
const FRANKFURT = { lat: 50.1109, lng: 8.6821 };
const CITIES: SiteSpec[] = [
  { name: 'Mainz', lat: 49.9929, lng: 8.2473, categories: ['returns'] },
  { name: 'Cologne', lat: 50.9375, lng: 6.9603, categories: ['repair', 'returns'] },
  { name: 'Munich', lat: 48.1351, lng: 11.582, categories: ['repair'] },
  { name: 'Wiesbaden (closed)', lat: 50.0782, lng: 8.2398, categories: ['repair'], active: false },
  { name: 'Hamburg', lat: 53.5511, lng: 9.9937, categories: ['repair'], isDefault: true },
];

describe('routing a new ticket', () => {
  it.each<[string, string, LocationHints, string | null, string]>([
    ['the nearest eligible site wins', 'returns', { shared: FRANKFURT }, 'Mainz', 'shared'],
    ['a closer site lacking the category loses', 'repair', { shared: FRANKFURT }, 'Cologne', 'shared'],
    [
      'inactive sites are skipped (Wiesbaden is nearer)',
      'repair',
      { shared: FRANKFURT },
      'Cologne',
      'shared',
    ],
    ['a postcode is looked up in the site’s table', 'repair', { postcode: ' 80331 ' }, 'Munich', 'postcode'],
    [
      'shared coordinates come before the postcode',
      'repair',
      { shared: FRANKFURT, postcode: '80331' },
      'Cologne',
      'shared',
    ],
    [
      'an unknown postcode falls through to the request’s coordinates',
      'repair',
      { postcode: '00000', request: { lat: 48.2, lng: 11.6 } },
      'Munich',
      'request',
    ],
    ['no location goes to the site’s default', 'repair', {}, 'Hamburg', 'default'],
    [
      'no eligible site anywhere goes to the default',
      'warranty',
      { shared: FRANKFURT },
      'Hamburg',
      'default',
    ],
    [
      'far away still finds the nearest (radius doubles)',
      'repair',
      { shared: { lat: -33.86, lng: 151.2 } },
      'Hamburg',
      'shared',
    ],
  ])('%s', async (_name, category, hints, expected, reason) => {
    const ids = await addSites(CITIES);
    await t.db
      .insert(servicePostcodes)
      .values({ siteId: t.site.id, code: '80331', label: 'München', lat: 48.137, lng: 11.575 });
    const route = await routeTicket(ctx(), t.site.id, category, hints);
    expect(route.serviceSiteId).toBe(expected ? ids.get(expected) : null);
    expect(route.reason).toBe(reason);
  });

  it('stores the distance in metres', async () => {
    await addSites(CITIES);
    const route = await routeTicket(ctx(), t.site.id, 'returns', { shared: FRANKFURT });
    expect(route.distanceM).toBeGreaterThan(33_000);
    expect(route.distanceM).toBeLessThan(34_500);
  });

  it('with no default and no location routes nowhere, and never to another tenant’s site', async () => {
    const other = await t.addSite('Other tenant');
    await addSites([{ name: 'Elsewhere', lat: 50.11, lng: 8.68, isDefault: true }], other.site.id);
    const route = await routeTicket(ctx(), t.site.id, 'repair', { shared: FRANKFURT });
    expect(route).toEqual({ serviceSiteId: null, distanceM: null, reason: 'none' });
  });
});

const point = fc.record({
  lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
});
const sites = fc.array(
  fc.record({
    lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    active: fc.boolean(),
    categories: fc.subarray(['repair', 'returns', 'warranty'], { minLength: 1 }),
  }),
  { maxLength: 40 },
);

describe('routing properties', () => {
  it('the chosen site is never farther than any other eligible one', () => {
    fc.assert(
      fc.property(sites, point, (specs, from) => {
        const list: RoutableSite[] = specs.map((s, i) => ({ ...s, id: `s${String(i).padStart(3, '0')}` }));
        const best = nearestSite(list, from, 'repair');
        const eligible = list.filter((s) => s.active && s.categories.includes('repair'));
        if (eligible.length === 0) return best === null;
        return best !== null && eligible.every((s) => best.distanceM <= distanceM(from, s));
      }),
    );
  });

  it('the bounding box holds every point within the radius', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 1, max: 5_000_000, noNaN: true }), point, (center, radius, p) => {
        if (distanceM(center, p) > radius) return true;
        const box = boundingBox(center, radius);
        const inLat = p.lat >= box.minLat - 1e-9 && p.lat <= box.maxLat + 1e-9;
        const inLng = box.lngRanges.some(([w, e]) => p.lng >= w - 1e-9 && p.lng <= e + 1e-9);
        return inLat && inLng;
      }),
    );
  });

  it('the indexed query picks the same site as an exhaustive search', async () => {
    await fc.assert(
      fc.asyncProperty(sites, point, async (specs, from: LatLng) => {
        const fresh = await t.addSite(`prop-${newId()}`);
        const ids = await addSites(
          specs.map((s, i) => ({ ...s, name: `s${i}` })),
          fresh.site.id,
        );
        const route = await routeTicket(ctx(), fresh.site.id, 'repair', { shared: from });
        const list = specs.map((s, i) => ({ ...s, id: ids.get(`s${i}`) ?? '' }));
        const best = nearestSite(list, from, 'repair');
        if (!best) return route.serviceSiteId === null;
        const chosen = list.find((s) => s.id === route.serviceSiteId);
        return chosen !== undefined && Math.abs(distanceM(from, chosen) - best.distanceM) < 1e-6;
      }),
      { numRuns: 60 },
    );
  });
});
