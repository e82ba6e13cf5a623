import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import {
  customerStats,
  customers,
  events,
  orders,
  sessions,
  sites,
  visitors,
} from '../../db/schema/index.ts';
import type { Db } from '../../db/types.ts';
import { DEMO_CUSTOMERS, DEMO_SITE, seedDemo } from '../../examples/shop/seed.ts';
import { recomputeStats } from '../../worker/modules/profiles/stats.ts';

async function migrated() {
  const { db } = await openDb(':memory:');
  await migrateDb(db);
  return db;
}

async function seeded() {
  const db = await migrated();
  expect(await seedDemo(db, ['http://localhost:8787'])).toBe(true);
  return db;
}

/** How many rows of each kind the database holds. */
async function census(db: Db) {
  const rows = async (table: typeof sites | typeof customers | typeof events | typeof orders) =>
    (await db.select({ n: count() }).from(table))[0]?.n;
  return {
    sites: await rows(sites),
    customers: await rows(customers),
    events: await rows(events),
    orders: await rows(orders),
    sessions: (await db.select({ n: count() }).from(sessions))[0]?.n,
    visitors: (await db.select({ n: count() }).from(visitors))[0]?.n,
  };
}

/** The same database, except that its `batch` fails from the `failAt`-th call on: a kill mid-seed. */
function dyingAt(db: Db, failAt: number, onBatch = () => 0): Db {
  let calls = 0;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'batch') return Reflect.get(target, property, receiver) as unknown;
      return (items: Parameters<Db['batch']>[0]) => {
        calls += 1;
        onBatch();
        if (calls >= failAt) return Promise.reject(new Error('killed'));
        return target.batch(items);
      };
    },
  });
}

describe('demo seed', () => {
  it('creates the demo customers with history, and running totals that match the rows', async () => {
    const db = await seeded();
    const known = await db.select().from(customers);
    expect(known.map((c) => c.externalId).sort()).toEqual(DEMO_CUSTOMERS.map((c) => c.externalId).sort());
    const before = await db.select().from(customerStats).orderBy(customerStats.customerId);
    expect(before.every((s) => s.pageViews > 0 && s.orders > 0 && s.totalDwellMs > 0)).toBe(true);
    expect(before.every((s) => s.topCategories.length > 0)).toBe(true);
    // The counters kept incrementally must equal a recount from the rows themselves.
    const [site] = await db.select().from(sites);
    for (const stats of before) await recomputeStats(db, site?.id ?? '', stats.customerId);
    expect(await db.select().from(customerStats).orderBy(customerStats.customerId)).toEqual(before);
  });

  it('seeds once, and lets the demo site allow the origin of a later start', async () => {
    const db = await seeded();
    expect(await seedDemo(db, ['http://localhost:9000'])).toBe(false);
    const demo = await db.query.sites.findFirst({
      where: eq(sites.publishableKey, DEMO_SITE.publishableKey),
    });
    expect(demo?.allowedOrigins).toEqual(['http://localhost:8787', 'http://localhost:9000']);
    expect(await db.select().from(customers)).toHaveLength(DEMO_CUSTOMERS.length);
  });

  it('a seed killed at any of its write batches is redone whole on the next start', async () => {
    const whole = await census(await seeded());
    // Count the seed's batches, then kill a fresh seed at each one in turn.
    const counter = await migrated();
    let batches = 0;
    await seedDemo(
      dyingAt(counter, Infinity, () => (batches += 1)),
      ['http://localhost:8787'],
    );
    expect(batches).toBeGreaterThan(5);
    for (let failAt = 1; failAt <= batches; failAt++) {
      const db = await migrated();
      await expect(seedDemo(dyingAt(db, failAt), ['http://localhost:8787'])).rejects.toThrow('killed');
      expect(await census(db)).not.toEqual(whole);
      expect(await seedDemo(db, ['http://localhost:8787'])).toBe(true);
      expect(await census(db)).toEqual(whole);
      const [demo] = await db.select().from(sites);
      expect(demo?.name).toBe(DEMO_SITE.name);
    }
  });
});
