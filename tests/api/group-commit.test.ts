import { count, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { withGroupCommit } from '../../db/group-commit.ts';
import { migrateDb } from '../../db/migrate.ts';
import { events, products, sites } from '../../db/schema/index.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { issueVisitorToken, verifyVisitorToken } from '../../worker/modules/identity/visitors.ts';
import { ingestEvents } from '../../worker/modules/tracking/service.ts';

/** A migrated in-memory database whose batches are grouped, counting the transactions really run. */
async function groupedDb() {
  const database = await openDb(':memory:');
  await migrateDb(database.db);
  const transactions = { count: 0 };
  const single = database.db.batch.bind(database.db);
  Object.assign(database.db, {
    batch: (items: Parameters<typeof single>[0]) => {
      transactions.count += 1;
      return single(items);
    },
  });
  return { db: withGroupCommit(database.db), transactions };
}

describe('group commit', () => {
  it('writes concurrent batches in one transaction and gives each caller its own results', async () => {
    const { db, transactions } = await groupedDb();
    const ctx = { db, now: () => Date.UTC(2026, 10, 23), newId };
    const { site } = await createSite(ctx, { name: 'Grouped', allowedOrigins: [] });
    const visitors = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const { visitorToken } = await issueVisitorToken(ctx, site, undefined);
        return verifyVisitorToken(ctx, site, visitorToken);
      }),
    );
    const before = transactions.count;
    const answers = await Promise.all(
      visitors.map((visitor, v) =>
        ingestEvents(
          ctx,
          site,
          visitor,
          Array.from({ length: 5 }, (_, i) => ({
            id: `grouped-${v}-${i}`,
            type: 'page_view',
            sessionId: `session-${v}-x`,
            seq: i,
            ts: 1,
            path: `/${v}/${i}`,
          })),
        ),
      ),
    );
    expect(transactions.count - before).toBe(1);
    expect(answers.map((a) => a.accepted)).toEqual(Array(8).fill(5));
    const [stored] = await db.select({ n: count() }).from(events);
    expect(stored?.n).toBe(40);
  });

  it('runs each batch alone when the shared transaction fails, so a bad write fails only its caller', async () => {
    const { db } = await groupedDb();
    const ctx = { db, now: () => 1, newId };
    const { site } = await createSite(ctx, { name: 'Isolated', allowedOrigins: [] });
    const good = db.batch([
      db.insert(products).values({ siteId: site.id, sku: 'OK-1', name: 'Ok', category: 'A', priceCents: 1 }),
    ]);
    // A product of a site that does not exist breaks the foreign key.
    const bad = db.batch([
      db
        .insert(products)
        .values({ siteId: 'no-such-site', sku: 'BAD-1', name: 'Bad', category: 'A', priceCents: 1 }),
    ]);
    const [goodResult, badResult] = await Promise.allSettled([good, bad]);
    expect(goodResult.status).toBe('fulfilled');
    expect(badResult.status).toBe('rejected');
    const rows = await db.select({ sku: products.sku }).from(products);
    expect(rows).toEqual([{ sku: 'OK-1' }]);
    const [siteRows] = await db.select({ n: sql<number>`count(*)` }).from(sites);
    expect(siteRows?.n).toBe(1);
  });
});
