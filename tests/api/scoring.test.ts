import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  associationRules,
  browsingGroups,
  customerScores,
  customers,
  itemsetCounts,
  scoringSettings,
  sequenceRules,
} from '../../db/schema/index.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../worker/contract/scoring.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { lastFullRun, scoreSite, startPass, step } from '../../worker/modules/scoring/pass.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';

const DAY = 86_400_000;

/**
 * The fixed dataset: ten buyers whose orders (days before "now") are chosen so every score can
 * be worked out by hand. Each buyer's first order is a lamp, every later one a mug; c2 bought
 * one mug only.
 *
 * | c | orders (days ago) | each (cents) | revenue | R | F | M | segment | tier | stage |
 * |---|---|---|---|---|---|---|---|---|---|
 * | c1 | 300 | 1000 | 1000 | 1 | 1 | 1 | lost | C | lapsed |
 * | c2 | 5 | 2000 | 2000 | 5 | 1 | 1 | new | C | new |
 * | c3 | 180, 150 | 1500 | 3000 | 1 | 2 | 2 | hibernating | C | regular |
 * | c4 | 130, 100 | 2000 | 4000 | 2 | 2 | 2 | hibernating | B | regular |
 * | c5 | 140, 110, 80 | 2000 | 6000 | 2 | 3 | 3 | at_risk | B | regular |
 * | c6 | 120, 90, 60 | 3000 | 9000 | 3 | 3 | 3 | need_attention | B | regular |
 * | c7 | 130, 100, 70, 40 | 3000 | 12000 | 3 | 4 | 4 | loyal | A | regular |
 * | c8 | 140 … 20 every 30 | 4000 | 20000 | 4 | 4 | 4 | loyal | A | regular |
 * | c9 | 390, 50, 40, 30, 20, 10 | 5000 | 30000 | 4 | 5 | 5 | loyal | A | long_standing |
 * | c10 | 422 … 2 every 60 | 8000 | 64000 | 5 | 5 | 5 | champions | A | loyal |
 *
 * Quintile of 0-based rank i among 10 buyers: floor(i / 2) + 1. Recency orders by last order
 * (oldest first): c1, c3, c4, c5, c6, c7, c8, c9, c2, c10. Revenue 151000: 80 % = 120800, so
 * c10, c9, c8, c7 (64000 + 30000 + 20000 + 12000 before c6 passes it) are A; 95 % = 143450,
 * so c6, c5, c4 are B (141000 before c3), the rest C. c9's gaps (340, 10, 10, 10, 10) vary too
 * much (CV 1.74 > 0.75) for loyal; c10's are steady and span 420 days.
 */
const BUYERS: [string, number[], number][] = [
  ['c1', [300], 1000],
  ['c2', [5], 2000],
  ['c3', [180, 150], 1500],
  ['c4', [130, 100], 2000],
  ['c5', [140, 110, 80], 2000],
  ['c6', [120, 90, 60], 3000],
  ['c7', [130, 100, 70, 40], 3000],
  ['c8', [140, 110, 80, 50, 20], 4000],
  ['c9', [390, 50, 40, 30, 20, 10], 5000],
  ['c10', [422, 362, 302, 242, 182, 122, 62, 2], 8000],
];

const EXPECTED: Record<string, [string, string, string, string]> = {
  c1: ['1-1-1', 'lost', 'C', 'lapsed'],
  c2: ['5-1-1', 'new', 'C', 'new'],
  c3: ['1-2-2', 'hibernating', 'C', 'regular'],
  c4: ['2-2-2', 'hibernating', 'B', 'regular'],
  c5: ['2-3-3', 'at_risk', 'B', 'regular'],
  c6: ['3-3-3', 'need_attention', 'B', 'regular'],
  c7: ['3-4-4', 'loyal', 'A', 'regular'],
  c8: ['4-4-4', 'loyal', 'A', 'regular'],
  c9: ['4-5-5', 'loyal', 'A', 'long_standing'],
  c10: ['5-5-5', 'champions', 'A', 'loyal'],
};

let t: TestApp;
const ctx = () => ({ db: t.db, now: () => t.clock.now, newId });

async function placeOrder(externalId: string, daysAgo: number, sku: string, cents: number) {
  const res = await t.staff('POST', '/v1/orders', {
    headers: { 'Idempotency-Key': `ord-${externalId}-${daysAgo}-${sku}` },
    body: {
      customer: { externalId },
      placedAt: t.clock.now - daysAgo * DAY,
      items: [{ sku, quantity: 1, unitPriceCents: cents }],
    },
  });
  expect(res.status).toBe(201);
}

async function scoresOf(externalId: string) {
  const customer = await t.db.query.customers.findFirst({
    where: and(eq(customers.siteId, t.site.id), eq(customers.externalId, externalId)),
  });
  const row = await t.db.query.customerScores.findFirst({
    where: eq(customerScores.customerId, customer?.id ?? ''),
  });
  if (!row || !customer) throw new Error(`no scores for ${externalId}`);
  return row;
}

beforeAll(async () => {
  t = await makeTestApp();
  for (const [externalId, days, cents] of BUYERS) {
    for (const [i, d] of days.entries()) {
      const sku = externalId === 'c2' ? 'MUG-01' : i === 0 ? 'LAMP-01' : 'MUG-01';
      await placeOrder(externalId, d, sku, cents);
    }
  }
  // Sequence lifts on ten buyers sit near 1; this site keeps every rule with enough support.
  await t.db.insert(scoringSettings).values({
    siteId: t.site.id,
    settings: { ...DEFAULT_SCORING_SETTINGS, minLift: 0 },
    updatedAt: t.clock.now,
  });
  // An anonymous visitor who only browsed lamps: a prospect, in the lamp lovers' group.
  const visitor = await t.newVisitor();
  const view = pageView('score-sess-1', 0, '/lamp');
  await t.track(visitor, [
    view,
    productView('score-sess-1', 1, 'LAMP-01'),
    pageLeave('score-sess-1', 2, view.id, 120_000),
  ]);
  // The pass starts a second after the data was written, as the nightly run would.
  t.clock.now += 1000;
  await scoreSite(ctx(), t.site.id, 'full');
});

describe('full scoring on the fixed dataset', () => {
  it('gives the hand-computed RFM codes, segments, tiers and stages', async () => {
    const got: Record<string, [string, string, string, string]> = {};
    for (const [c] of BUYERS) {
      const s = await scoresOf(c);
      got[c] = [s.rfmCode ?? '', s.segment ?? '', s.tier ?? '', s.stage];
    }
    expect(got).toEqual(EXPECTED);
  });

  it('counts tiers and draws the Pareto curve from the buyers by revenue, highest first', async () => {
    const buyers = (await t.db.select().from(customerScores).where(eq(customerScores.siteId, t.site.id)))
      .filter((s) => s.orders > 0)
      .sort((a, b) => b.revenueCents - a.revenueCents || (a.customerId < b.customerId ? 1 : -1));
    const total = buyers.reduce((sum, b) => sum + b.revenueCents, 0);
    const tiers: Record<string, { count: number; revenueCents: number }> = {};
    const pareto: number[] = [];
    let carried = 0;
    buyers.forEach((b, i) => {
      const tier = carried < 0.8 * total ? 'A' : carried < 0.95 * total ? 'B' : 'C';
      expect(b.tier).toBe(tier);
      const cell = (tiers[tier] ??= { count: 0, revenueCents: 0 });
      cell.count += 1;
      cell.revenueCents += b.revenueCents;
      carried += b.revenueCents;
      if (pareto.length < Math.ceil(((i + 1) * 20) / buyers.length)) {
        pareto.push(Number((carried / total).toFixed(4)));
      }
    });
    const run = await lastFullRun(t.db, t.site.id);
    expect(run?.distribution?.tiers).toEqual(tiers);
    expect(run?.distribution?.pareto).toEqual(pareto);
    expect(run?.distribution?.buyers).toBe(buyers.length);
  });

  it('scores churn from the customer’s own cadence, with reasons', async () => {
    const c1 = await scoresOf('c1');
    // One order 300 days ago; usual gap for one order = lapsedDays / 2 = 90 days: ratio 3.33.
    expect(c1.churnRisk).toBeCloseTo(1 / (1 + Math.exp(-2.2 * (300 / 90 - 1.6))), 3);
    expect(c1.churnReasons[0]).toMatchObject({
      code: 'single_order_aging',
      values: { daysSince: 300, usualGapDays: 90 },
    });
    const c10 = await scoresOf('c10');
    const risk10 = 1 / (1 + Math.exp(-2.2 * (2 / 60 - 1.6)));
    expect(c10.churnRisk).toBeCloseTo(risk10, 3);
    expect(c10.churnReasons).toEqual([]);
    // 365 / 60 orders a year × (1 − risk) × 8000 cents.
    expect(c10.clv12mCents).toBe(Math.round((365 / 60) * (1 - Number(risk10.toFixed(4))) * 8000));
    expect(c1.churnRisk ?? 0).toBeGreaterThan(c10.churnRisk ?? 1);
  });

  it('scores a browsing prospect: stage and look-alike group, no RFM', async () => {
    const rows = await t.db.select().from(customerScores).where(eq(customerScores.stage, 'prospect'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rfmCode: null, segment: null, tier: null, churnRisk: null });
    const groups = await t.db.select().from(browsingGroups).where(eq(browsingGroups.siteId, t.site.id));
    const group = groups.find((g) => g.groupId === rows[0]?.groupId);
    expect(group?.name).toBe('Lighting');
  });

  it('mines the sequence rule lamp → mug by hand', async () => {
    const rules = await t.db.select().from(sequenceRules).where(eq(sequenceRules.siteId, t.site.id));
    // 9 buyers of lamps (c1, c3…c10), 9 of mugs (c2…c10), 10 buyers; 7 bought a mug within 60
    // days of their lamp (c9's first mug came 340 days after it).
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ antecedent: '["LAMP-01"]', consequent: '["MUG-01"]', supportCount: 7 });
    expect(rules[0]?.confidence).toBeCloseTo(7 / 9, 6);
    expect(rules[0]?.lift).toBeCloseTo(7 / 9 / (9 / 10), 6);
  });

  it('moves scores as new orders arrive (incremental pass)', async () => {
    const before = await scoresOf('c1');
    t.clock.now += 60_000;
    await placeOrder('c1', 0, 'MUG-01', 10_000);
    const run = await scoreSite(ctx(), t.site.id, 'incremental');
    expect(run.kind).toBe('incremental');
    expect(run.scored).toBe(1);
    const after = await scoresOf('c1');
    // Newest order of all: R 5. Revenue 11000 lies between c5's 6000 (quintile 3) and c7's 12000 (4).
    expect(after.recency).toBe(5);
    expect(after.monetary).toBe(3);
    expect(after.stage).toBe('regular');
    expect(after.churnRisk ?? 1).toBeLessThan(before.churnRisk ?? 0);
    expect(after.scoredAt).toBe(t.clock.now);
    // Nobody else was touched.
    expect((await scoresOf('c2')).scoredAt).toBe(before.scoredAt);
  });
});

/** 1 + the bounds a (value, id) pair reaches: how an incremental pass places a buyer. */
function placed(value: number, id: string, bounds: readonly [number, string][]) {
  return 1 + bounds.filter(([v, bid]) => value > v || (value === v && id >= bid)).length;
}

describe('RFM quintiles on any small site, ties included', () => {
  it('ranks each dimension by (value, customer id), and the saved bounds place every buyer the same', async () => {
    const buyer = fc.record({
      days: fc.array(fc.constantFrom(10, 20, 30), { minLength: 1, maxLength: 3 }),
      cents: fc.constantFrom(1000, 2000),
    });
    let site = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(buyer, { minLength: 1, maxLength: 12 }), async (buyers) => {
        site += 1;
        const other = await t.addSite(`Quintiles ${site}`);
        for (const [b, { days, cents }] of buyers.entries()) {
          for (const [i, d] of days.entries()) {
            const res = await other.staff('POST', '/v1/orders', {
              headers: { 'Idempotency-Key': `quintile-${b}-${i}` },
              body: {
                customer: { externalId: `b${b}` },
                placedAt: t.clock.now - d * DAY,
                items: [{ sku: 'MUG-01', quantity: 1, unitPriceCents: cents }],
              },
            });
            expect(res.status).toBe(201);
          }
        }
        await scoreSite(ctx(), other.site.id, 'full');
        const rows = await t.db.select().from(customerScores).where(eq(customerScores.siteId, other.site.id));
        const bounds = (await lastFullRun(t.db, other.site.id))?.boundaries;
        const n = rows.length;
        expect(n).toBe(buyers.length);
        const dimensions = [
          ['recency', (r: (typeof rows)[number]) => r.lastOrderAt ?? 0],
          ['frequency', (r: (typeof rows)[number]) => r.orders],
          ['monetary', (r: (typeof rows)[number]) => r.revenueCents],
        ] as const;
        for (const [field, value] of dimensions) {
          const sorted = [...rows].sort(
            (a, b) => value(a) - value(b) || (a.customerId < b.customerId ? -1 : 1),
          );
          sorted.forEach((row, i) => {
            const expected = Math.min(5, Math.floor((5 * i) / n) + 1);
            expect(row[field]).toBe(expected);
            expect(placed(value(row), row.customerId, bounds?.[field] ?? [])).toBe(expected);
          });
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('association rules: the textbook nine baskets', () => {
  it('finds the frequent itemsets and rule confidences of the textbook (min support count 2)', async () => {
    const other = await t.addSite('Textbook');
    const baskets = [
      ['I1', 'I2', 'I5'],
      ['I2', 'I4'],
      ['I2', 'I3'],
      ['I1', 'I2', 'I4'],
      ['I1', 'I3'],
      ['I2', 'I3'],
      ['I1', 'I3'],
      ['I1', 'I2', 'I3', 'I5'],
      ['I1', 'I2', 'I3'],
    ];
    for (const [i, items] of baskets.entries()) {
      const res = await other.staff('POST', '/v1/orders', {
        headers: { 'Idempotency-Key': `T${i + 1}00-basket` },
        body: {
          customer: { externalId: `shopper-${i}` },
          items: items.map((sku) => ({ sku, quantity: 1, unitPriceCents: 100 })),
        },
      });
      expect(res.status).toBe(201);
    }
    await t.db.insert(scoringSettings).values({
      siteId: other.site.id,
      settings: {
        ...DEFAULT_SCORING_SETTINGS,
        minSupport: 0,
        minSupportCount: 2,
        minConfidence: 0,
        minLift: 0,
      },
      updatedAt: t.clock.now,
    });
    await scoreSite(ctx(), other.site.id, 'full');
    const counts = await t.db
      .select({ items: itemsetCounts.items, count: itemsetCounts.count })
      .from(itemsetCounts)
      .where(and(eq(itemsetCounts.siteId, other.site.id), eq(itemsetCounts.kind, 'basket')));
    const frequent = Object.fromEntries(counts.filter((c) => c.count >= 2).map((c) => [c.items, c.count]));
    expect(frequent).toEqual({
      '["I1"]': 6,
      '["I2"]': 7,
      '["I3"]': 6,
      '["I4"]': 2,
      '["I5"]': 2,
      '["I1","I2"]': 4,
      '["I1","I3"]': 4,
      '["I1","I5"]': 2,
      '["I2","I3"]': 4,
      '["I2","I4"]': 2,
      '["I2","I5"]': 2,
      '["I1","I2","I3"]': 2,
      '["I1","I2","I5"]': 2,
    });
    const rules = await t.db
      .select()
      .from(associationRules)
      .where(eq(associationRules.siteId, other.site.id));
    const confidence = (ante: string, cons: string) =>
      rules.find((r) => r.antecedent === ante && r.consequent === cons)?.confidence;
    // The textbook's rules from {I1, I2, I5}: 50 %, 100 %, 100 %, 33 %, 29 %, 100 %.
    expect(confidence('["I1","I2"]', '["I5"]')).toBeCloseTo(2 / 4, 6);
    expect(confidence('["I1","I5"]', '["I2"]')).toBeCloseTo(1, 6);
    expect(confidence('["I2","I5"]', '["I1"]')).toBeCloseTo(1, 6);
    expect(confidence('["I1"]', '["I2","I5"]')).toBeCloseTo(2 / 6, 6);
    expect(confidence('["I2"]', '["I1","I5"]')).toBeCloseTo(2 / 7, 6);
    expect(confidence('["I5"]', '["I1","I2"]')).toBeCloseTo(1, 6);
    // 6 pairs × 2 directions + 2 triples × 6 splits.
    expect(rules).toHaveLength(24);
    const lift = rules.find((r) => r.antecedent === '["I5"]' && r.consequent === '["I1","I2"]')?.lift;
    expect(lift).toBeCloseTo(1 / (4 / 9), 6);
  });
  it('counts every itemset of big baskets once, however many steps a page of them takes', async () => {
    const other = await t.addSite('Big baskets');
    // Basket i holds the 20 skus from 3i on: 1,350 itemsets each, most of them new, so the
    // 40 baskets' page is cut into several steps.
    const sku = (n: number) => `SKU-${String(n).padStart(3, '0')}`;
    const baskets = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 20 }, (_, j) => sku(3 * i + j)),
    );
    const expected = new Map<string, number>();
    for (const items of baskets) {
      const add = (set: string[]) =>
        expected.set(JSON.stringify(set), (expected.get(JSON.stringify(set)) ?? 0) + 1);
      items.forEach((x, a) => {
        add([x]);
        items.forEach((y, b) => {
          if (b <= a) return;
          add([x, y]);
          items.forEach((z, c) => {
            if (c > b) add([x, y, z]);
          });
        });
      });
    }
    for (const [i, items] of baskets.entries()) {
      const res = await other.staff('POST', '/v1/orders', {
        headers: { 'Idempotency-Key': `big-basket-${i}` },
        body: {
          customer: { externalId: `big-${i % 7}` },
          items: items.map((s) => ({ sku: s, quantity: 1, unitPriceCents: 100 })),
        },
      });
      expect(res.status).toBe(201);
    }
    const state = await startPass(ctx(), other.site.id, 'full');
    let basketSteps = 0;
    for (;;) {
      if (state.phase === 'baskets') basketSteps += 1;
      if ((await step(ctx(), state)).done) break;
    }
    expect(basketSteps).toBeGreaterThan(1);
    expect(state.baskets).toBe(40);
    const counts = await t.db
      .select({ items: itemsetCounts.items, count: itemsetCounts.count })
      .from(itemsetCounts)
      .where(and(eq(itemsetCounts.siteId, other.site.id), eq(itemsetCounts.kind, 'basket')));
    expect(new Map(counts.map((c) => [c.items, c.count]))).toEqual(expected);
  });
});

describe('a pass over many pages', () => {
  it('scores and counts the same when a Node process reads the next pages ahead', async () => {
    const other = await t.addSite('Many profiles');
    const site = other.site.id;
    const now = t.clock.now;
    // 4,700 buyers: more than one features step (8 pages of 500), with 1–3 orders of 1–3 lines.
    await t.database.client.execute(`
      INSERT INTO customers (id, site_id, external_id, attributes, first_seen_at, last_seen_at)
      WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 4700)
      SELECT 'many-' || n, '${site}', 'm' || n, '{}', ${now} - 400 * ${DAY}, ${now} - (n % 97) * ${DAY} FROM g`);
    await t.database.client.execute(`
      INSERT INTO orders (id, site_id, customer_id, idempotency_key, request_hash, currency, total_cents, placed_at, created_at)
      WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 4700),
      k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 2)
      SELECT 'many-o' || n || '-' || i, '${site}', 'many-' || n, 'many-' || n || '-' || i, 'test', 'USD',
        1000 + (n * 37 + i * 11) % 9000, ${now} - ((n + i * 13) % 300) * ${DAY}, ${now}
      FROM g JOIN k WHERE i <= n % 3`);
    await t.database.client.execute(`
      INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
      WITH RECURSIVE l(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM l WHERE j < 2)
      SELECT '${site}', id, 'SKU-' || ((total_cents / 7 + j * 3) % 10), 'Item', 'Things', 1, 100
      FROM orders JOIN l WHERE site_id = '${site}' AND j <= total_cents % 3`);
    const snapshot = async () => ({
      scores: await t.db
        .select()
        .from(customerScores)
        .where(eq(customerScores.siteId, site))
        .orderBy(customerScores.customerId),
      counts: await t.db
        .select({ kind: itemsetCounts.kind, items: itemsetCounts.items, count: itemsetCounts.count })
        .from(itemsetCounts)
        .where(eq(itemsetCounts.siteId, site))
        .orderBy(itemsetCounts.kind, itemsetCounts.items),
    });
    await scoreSite(ctx(), site, 'full');
    const plain = await snapshot();
    await scoreSite({ ...ctx(), readAhead: true }, site, 'full');
    const ahead = await snapshot();
    expect(plain.scores).toHaveLength(4700);
    expect(plain.counts.some((c) => c.kind === 'sequence')).toBe(true);
    expect(ahead).toEqual(plain);
  });
});
