import { eq } from 'drizzle-orm';
import { scoringRuns, sites } from '../../db/schema/index.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../worker/lib/crypto.ts';
import type { ServiceContext } from '../../worker/modules/context.ts';
import type { Site } from '../../db/schema/index.ts';
import { issueVisitorToken, verifyVisitorToken } from '../../worker/modules/identity/visitors.ts';
import { recordOrder } from '../../worker/modules/orders/service.ts';
import { scoreSite } from '../../worker/modules/scoring/pass.ts';
import { ingestEvents } from '../../worker/modules/tracking/service.ts';

const DAY = 24 * 3600 * 1000;

/** A small deterministic generator, so every demo start seeds the same shoppers. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Baskets shoppers of the demo buy: lamps with mugs, desks then chairs, rugs with throws… */
const BASKETS: { skus: string[]; cents: number }[] = [
  { skus: ['LAMP-01', 'MUG-01'], cents: 6700 },
  { skus: ['KETTLE-01', 'MUG-01'], cents: 8300 },
  { skus: ['RUG-01', 'THROW-01'], cents: 29900 },
  { skus: ['DESK-01'], cents: 54900 },
  { skus: ['CHAIR-01'], cents: 12900 },
  { skus: ['LAMP-02'], cents: 18900 },
  { skus: ['MUG-01'], cents: 1800 },
];

const PRICES: Record<string, number> = {
  'LAMP-01': 4900,
  'LAMP-02': 18900,
  'CHAIR-01': 12900,
  'DESK-01': 54900,
  'MUG-01': 1800,
  'KETTLE-01': 6500,
  'RUG-01': 22000,
  'THROW-01': 7900,
};

const FIRST = ['Mei', 'Jun', 'Lena', 'Omar', 'Sofia', 'Hao', 'Ines', 'Ravi', 'Yuki', 'Tom', 'Zara', 'Li'];
const LAST = ['Wang', 'Silva', 'Kim', 'Novak', 'Chen', 'Haddad', 'Ito', 'Berg', 'Lopez', 'Zhou'];

type Kind = 'champion' | 'loyal' | 'churned' | 'once' | 'new' | 'fading';

/**
 * Shoppers with a past for the customer-intelligence pages of the demo site (`npm start`):
 * regular buyers, champions, some who stopped buying, one-time and brand-new buyers, and
 * anonymous browsers; scored once a month ago and again now, so the dashboard shows how the
 * segments moved. Runs once: a site already scored is left alone (orders carry idempotency
 * keys, so a seed cut short is completed by the next start).
 */
export async function seedScoringDemo(db: Db, publishableKey: string): Promise<void> {
  const site = await db.query.sites.findFirst({ where: eq(sites.publishableKey, publishableKey) });
  if (!site) return;
  const scored = await db.query.scoringRuns.findFirst({ where: eq(scoringRuns.siteId, site.id) });
  if (scored) return;
  let clock = Date.now();
  const ctx: ServiceContext = { db, now: () => clock, newId };
  await seedShoppers(ctx, site, (at) => {
    clock = at;
  });
}

async function seedShoppers(ctx: ServiceContext, site: Site, setClock: (at: number) => void) {
  const rand = random(11);
  const now = Date.now();
  const kinds: Kind[] = ['champion', 'loyal', 'loyal', 'churned', 'once', 'once', 'new', 'fading'];
  const orders: {
    at: number;
    externalId: string;
    name: string;
    basket: (typeof BASKETS)[number];
    n: number;
  }[] = [];
  for (let i = 0; i < 96; i++) {
    const kind = kinds[i % kinds.length] ?? 'once';
    const externalId = `demo-${String(i).padStart(3, '0')}`;
    const name = `${FIRST[i % FIRST.length] ?? ''} ${LAST[Math.floor(i / 3) % LAST.length] ?? ''}`;
    const gap = kind === 'champion' ? 14 : kind === 'loyal' ? 30 : 45;
    const span =
      kind === 'once' ? 0 : kind === 'new' ? 0 : kind === 'champion' ? 300 : kind === 'loyal' ? 420 : 240;
    const last =
      kind === 'churned'
        ? 200 + rand() * 150
        : kind === 'new'
          ? rand() * 20
          : kind === 'once'
            ? 30 + rand() * 300
            : rand() * 20;
    const lastAt = now - last * DAY;
    const count = span === 0 ? 1 : Math.max(2, Math.round(span / gap));
    for (let n = 0; n < count; n++) {
      const jitter = kind === 'fading' ? n * 12 : (rand() - 0.5) * gap * 0.3;
      const at = lastAt - (count - 1 - n) * gap * DAY - jitter * DAY;
      const basket = BASKETS[Math.floor(rand() * BASKETS.length)] ?? BASKETS[0];
      // A desk is followed by a chair a few weeks later, for the sequence rules.
      const chosen = n > 0 && orders.at(-1)?.basket.skus.includes('DESK-01') ? BASKETS[4] : basket;
      if (chosen) orders.push({ at, externalId, name, basket: chosen, n });
    }
  }
  orders.sort((a, b) => a.at - b.at);
  const recordUpTo = async (until: number, from: number) => {
    for (const o of orders) {
      if (o.at < from || o.at >= until) continue;
      setClock(o.at);
      await recordOrder(ctx, site, `demo-order-${o.externalId}-${o.n}`, {
        customer: { externalId: o.externalId, name: o.name, email: `${o.externalId}@shoppers.example` },
        currency: 'USD',
        placedAt: o.at,
        items: o.basket.skus.map((sku) => ({
          sku,
          quantity: sku === 'MUG-01' && o.basket.skus.length > 1 ? 2 : 1,
          unitPriceCents: PRICES[sku] ?? 1000,
        })),
      });
    }
  };
  const monthAgo = now - 30 * DAY;
  await recordUpTo(monthAgo, -Infinity);
  await browsers(ctx, site, rand, monthAgo - 2 * DAY, setClock);
  setClock(monthAgo);
  await scoreSite(ctx, site.id, 'full');
  await recordUpTo(now, monthAgo);
  await browsers(ctx, site, rand, now - DAY, setClock);
  setClock(now);
  await scoreSite(ctx, site.id, 'full');
}

/** Anonymous visitors who browse one or two categories for a while and never buy. */
async function browsers(
  ctx: ServiceContext,
  site: Site,
  rand: () => number,
  at: number,
  setClock: (at: number) => void,
) {
  const interests = [
    ['LAMP-01', 'LAMP-02'],
    ['CHAIR-01', 'DESK-01'],
    ['MUG-01', 'KETTLE-01'],
    ['RUG-01', 'THROW-01'],
  ];
  for (let i = 0; i < 24; i++) {
    setClock(at + i * 60_000);
    const { visitorToken } = await issueVisitorToken(ctx, site, undefined);
    const visitor = await verifyVisitorToken(ctx, site, visitorToken);
    const skus = interests[i % interests.length] ?? [];
    const sessionId = `demo-browse-${at}-${i}`;
    await ingestEvents(
      ctx,
      site,
      visitor,
      skus.flatMap((sku, j) => [
        {
          id: `${sessionId}-${j}-v`,
          type: 'page_view',
          sessionId,
          seq: j * 3,
          ts: at,
          path: `/product.html?sku=${sku}`,
        },
        {
          id: `${sessionId}-${j}-p`,
          type: 'product_view',
          sessionId,
          seq: j * 3 + 1,
          ts: at + 1,
          properties: { sku },
        },
        {
          id: `${sessionId}-${j}-l`,
          type: 'page_leave',
          sessionId,
          seq: j * 3 + 2,
          ts: at + 2,
          dwellMs: Math.round(10_000 + rand() * 120_000),
          viewId: `${sessionId}-${j}-v`,
        },
      ]),
    );
  }
}
