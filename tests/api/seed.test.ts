import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { customerStats, customers, sites } from '../../db/schema/index.ts';
import { DEMO_CUSTOMERS, DEMO_SITE, seedDemo } from '../../examples/shop/seed.ts';
import { recomputeStats } from '../../worker/modules/profiles/stats.ts';

async function seeded() {
  const { db } = await openDb(':memory:');
  await migrateDb(db);
  expect(await seedDemo(db, ['http://localhost:8787'])).toBe(true);
  return db;
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
});
