import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerCategories, visitors } from '../../db/schema/index.ts';
import { INTEREST_WINDOW, recountCategories } from '../../worker/modules/profiles/stats.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';
import { jwtPayload } from '../fixtures/tokens.ts';

// Browsing interests (dwell-weighted product views per category) are kept as running sums by
// ingestion, so the scoring job never reads events. These tests hold the running sums to the
// definition, recounted from the stored events: a product view weighs 1 + the minutes (up to
// ten) that the page it was viewed on was visible, whatever order the minutes arrive in.

async function customerOf(t: TestApp, visitorToken: string): Promise<string> {
  const v = await t.db.query.visitors.findFirst({
    where: eq(visitors.id, String(jwtPayload(visitorToken).sub)),
  });
  if (!v) throw new Error('visitor missing');
  return v.customerId;
}

type Row = { category: string; count: number; interest: number };

async function categories(t: TestApp, customerId: string): Promise<Row[]> {
  const rows = await t.db
    .select({
      category: customerCategories.category,
      count: customerCategories.count,
      interest: customerCategories.interest,
    })
    .from(customerCategories)
    .where(eq(customerCategories.customerId, customerId))
    .orderBy(customerCategories.category);
  return rows.map((r) => ({ ...r, interest: Number(r.interest.toFixed(6)) }));
}

/** What the repair job's recount from the stored events gives, without keeping it. */
async function recounted(t: TestApp, customerId: string): Promise<Row[]> {
  const kept = await categories(t, customerId);
  const [first, ...rest] = recountCategories(t.db, t.site.id, customerId);
  await t.db.batch([first, ...rest]);
  const fresh = await categories(t, customerId);
  // Put the running sums back, so the next batch of a property run adds to what ingestion kept.
  await t.db.delete(customerCategories).where(eq(customerCategories.customerId, customerId));
  if (kept.length) {
    await t.db.insert(customerCategories).values(kept.map((r) => ({ ...r, customerId, siteId: t.site.id })));
  }
  return fresh;
}

describe('browsing interests kept by ingestion', () => {
  it('weighs a product view by the minutes of its page, the leave arriving in a later batch', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const lampPage = pageView('int-sess-1', 0, '/lamp');
    await t.track(token, [lampPage, productView('int-sess-1', 1, 'LAMP-01')]);
    const customer = await customerOf(t, token);
    expect(await categories(t, customer)).toEqual([{ category: 'Lighting', count: 1, interest: 1 }]);

    // 90 s visible, in two stretches (the tab hidden in between), then 20 minutes more: capped at 10.
    await t.track(token, [pageLeave('int-sess-1', 2, lampPage.id, 60_000)]);
    await t.track(token, [pageLeave('int-sess-1', 3, lampPage.id, 30_000)]);
    expect(await categories(t, customer)).toEqual([{ category: 'Lighting', count: 1, interest: 2.5 }]);
    await t.track(token, [pageLeave('int-sess-1', 4, lampPage.id, 1_200_000)]);
    expect(await categories(t, customer)).toEqual([{ category: 'Lighting', count: 1, interest: 11 }]);

    // The next page's product view takes none of the lamp page's minutes.
    const mugPage = pageView('int-sess-1', 5, '/mug');
    await t.track(token, [
      mugPage,
      productView('int-sess-1', 6, 'MUG-01'),
      pageLeave('int-sess-1', 7, mugPage.id, 30_000),
    ]);
    expect(await categories(t, customer)).toEqual([
      { category: 'Kitchen', count: 1, interest: 1.5 },
      { category: 'Lighting', count: 1, interest: 11 },
    ]);
    expect(await recounted(t, customer)).toEqual(await categories(t, customer));
  });

  it(`looks back ${INTEREST_WINDOW} of the customer's events for a product view's page, no further`, async () => {
    const t = await makeTestApp();
    // A page with two minutes of visible time, then `between` events of another session, then a
    // product view of that page: the page counts while it is among the last INTEREST_WINDOW events.
    const interestAfter = async (between: number) => {
      const token = await t.newVisitor();
      const session = `int-window-${between}`;
      const page = pageView(session, 0, '/lamp');
      await t.track(token, [page, pageLeave(session, 1, page.id, 120_000)]);
      const others = Array.from({ length: between }, (_, i) => pageView(`${session}-other`, i, `/o${i}`));
      await t.track(token, [...others, productView(session, 2, 'LAMP-01')]);
      return categories(t, await customerOf(t, token));
    };
    expect(await interestAfter(INTEREST_WINDOW - 2)).toEqual([
      { category: 'Lighting', count: 1, interest: 3 },
    ]);
    expect(await interestAfter(INTEREST_WINDOW - 1)).toEqual([
      { category: 'Lighting', count: 1, interest: 1 },
    ]);
  });

  it('a duplicate batch adds nothing', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const page = pageView('int-sess-2', 0, '/lamp');
    const batch = [
      page,
      productView('int-sess-2', 1, 'LAMP-01'),
      pageLeave('int-sess-2', 2, page.id, 120_000),
    ];
    await t.track(token, batch);
    await t.track(token, batch);
    const customer = await customerOf(t, token);
    expect(await categories(t, customer)).toEqual([{ category: 'Lighting', count: 1, interest: 3 }]);
  });

  it('equals the recount from the stored events for any split of a session into batches', async () => {
    const t = await makeTestApp();
    const skus = ['LAMP-01', 'MUG-01', 'NOT-IN-CATALOGUE'];
    const page = fc.record({
      views: fc.array(fc.constantFrom(...skus), { maxLength: 3 }),
      leaves: fc.array(fc.integer({ min: 0, max: 900_000 }), { maxLength: 3 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(page, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }),
        async (pages, sizes) => {
          run += 1;
          const session = `int-prop-${run}`;
          let seq = 0;
          // The events in the order the tracker makes them: a page's view, its product views, its leaves.
          const all = pages.flatMap(({ views, leaves }) => {
            const view = pageView(session, seq++, `/p${seq}`);
            return [
              view,
              ...views.map((sku) => productView(session, seq++, sku)),
              ...leaves.map((ms) => pageLeave(session, seq++, view.id, ms)),
            ];
          });
          const token = await t.newVisitor();
          for (let at = 0, i = 0; at < all.length; i++) {
            const size = sizes[i % sizes.length] ?? 1;
            const batch = all.slice(at, at + size);
            const res = await t.track(token, batch);
            expect(await res.json()).toMatchObject({ accepted: batch.length });
            at += size;
          }
          const customer = await customerOf(t, token);
          const kept = await categories(t, customer);
          const viewed = new Set(pages.flatMap((p) => p.views).filter((sku) => sku !== 'NOT-IN-CATALOGUE'));
          expect(kept.length).toBe(viewed.size);
          expect(kept).toEqual(await recounted(t, customer));
        },
      ),
      { numRuns: 40 },
    );
  });
});
