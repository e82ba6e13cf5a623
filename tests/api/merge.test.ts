import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customerStats, customers, events, sessions, visitors } from '../../db/schema/index.ts';
import { countRows, expectError, snapshotCounts } from '../fixtures/assert.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';
import { jwtPayload } from '../fixtures/tokens.ts';
import { ingestEvents } from '../../worker/modules/tracking/service.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

const tables = { customers, customerStats, events, sessions, visitors };

const identify = async (visitorToken: string, sub: string) =>
  t.widget('POST', '/v1/identify', {
    body: {},
    headers: { Authorization: `Bearer ${visitorToken}`, 'X-Crm-Identity': await t.identityToken(sub) },
  });

async function customerOf(visitorToken: string) {
  const v = await t.db.query.visitors.findFirst({
    where: eq(visitors.id, String(jwtPayload(visitorToken).sub)),
  });
  if (!v) throw new Error('visitor missing');
  return v.customerId;
}

async function stats(customerId: string) {
  return t.db.query.customerStats.findFirst({ where: eq(customerStats.customerId, customerId) });
}

/** A visitor who viewed `pages` pages in one session, leaving the first after 1 s. */
async function browse(sessionId: string, pages: number) {
  const token = await t.newVisitor();
  const views = Array.from({ length: pages }, (_, i) => pageView(sessionId, i * 2, `/${sessionId}/${i}`));
  const first = views[0];
  if (!first) throw new Error('no pages');
  const res = await t.track(token, [
    ...views,
    pageLeave(sessionId, 1, first.id, 1000),
    productView(sessionId, 99, 'MUG-01'),
  ]);
  expect(res.status).toBe(200);
  return token;
}

describe('identify merges an anonymous visitor into a known customer', () => {
  it('moves events and sessions, drops the anonymous row and recomputes the stats', async () => {
    const known = await browse('sess-known-1', 3);
    expect(await (await identify(known, 'cust-7')).json()).toEqual({ status: 'promoted' });
    const target = await customerOf(known);

    const anon = await browse('sess-anon-01', 2);
    const anonymous = await customerOf(anon);
    const res = await identify(anon, 'cust-7');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'merged' });

    expect(await customerOf(anon)).toBe(target);
    expect(await t.db.query.customers.findFirst({ where: eq(customers.id, anonymous) })).toBeUndefined();
    expect(await stats(anonymous)).toBeUndefined();
    expect(await t.db.select().from(events).where(eq(events.customerId, anonymous))).toEqual([]);
    expect(await t.db.select().from(sessions).where(eq(sessions.customerId, anonymous))).toEqual([]);
    expect(await t.db.$count(events, eq(events.customerId, target))).toBe(3 + 1 + 1 + 2 + 1 + 1);
    expect(await t.db.$count(sessions, eq(sessions.customerId, target))).toBe(2);
    expect(await stats(target)).toMatchObject({
      pageViews: 5,
      totalDwellMs: 2000,
      sessions: 2,
      orders: 0,
      topCategories: [{ category: 'Kitchen', count: 2 }],
    });
    expect(await countRows(t.db, customers)).toBe(1);

    // The merged visitor now reads the merged profile.
    const me = await t.widget('GET', '/v1/me', {
      headers: { Authorization: `Bearer ${anon}`, 'X-Crm-Identity': await t.identityToken('cust-7') },
    });
    expect((await me.json<{ pageViews: number }>()).pageViews).toBe(5);
  });

  it('merges into a customer first seen through an order, keeping the order', async () => {
    const order = await t.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'order-merge-0001' },
      body: {
        customer: { externalId: 'cust-9', email: 'bo@example.com' },
        items: [{ sku: 'LAMP-01', quantity: 2, unitPriceCents: 4900 }],
      },
    });
    expect(order.status).toBe(201);
    const { customerId: target } = await order.json<{ customerId: string }>();

    const anon = await browse('sess-anon-02', 4);
    const anonymous = await customerOf(anon);
    expect(await (await identify(anon, 'cust-9')).json()).toEqual({ status: 'merged' });
    expect(await customerOf(anon)).toBe(target);
    expect(await t.db.query.customers.findFirst({ where: eq(customers.id, anonymous) })).toBeUndefined();
    expect(await stats(target)).toMatchObject({
      pageViews: 4,
      totalDwellMs: 1000,
      sessions: 1,
      orders: 1,
      revenueCents: 9800,
      topCategories: [
        { category: 'Kitchen', count: 1 },
        { category: 'Lighting', count: 1 },
      ],
    });
    expect((await t.db.query.customers.findFirst({ where: eq(customers.id, target) }))?.email).toBe(
      'bo@example.com',
    );
  });

  it('merges once: a replay answers unchanged and counts nothing twice', async () => {
    const known = await browse('sess-known-3', 1);
    await identify(known, 'cust-3');
    const anon = await browse('sess-anon-03', 2);
    expect(await (await identify(anon, 'cust-3')).json()).toEqual({ status: 'merged' });
    const target = await customerOf(anon);
    const before = { counts: await snapshotCounts(t.db, tables), stats: await stats(target) };

    const replay = await identify(anon, 'cust-3');
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'unchanged' });
    expect({ counts: await snapshotCounts(t.db, tables), stats: await stats(target) }).toEqual(before);
    expect(before.stats).toMatchObject({ pageViews: 3, sessions: 2 });
  });

  it('keeps counting correctly for events sent after the merge', async () => {
    const known = await browse('sess-known-4', 1);
    await identify(known, 'cust-4');
    const anon = await browse('sess-anon-04', 1);
    await identify(anon, 'cust-4');
    await t.track(anon, [pageView('sess-anon-04', 10, '/after')]);
    expect(await stats(await customerOf(anon))).toMatchObject({ pageViews: 3, sessions: 2 });
  });

  it('never merges an identified profile into another one (409, nothing moves)', async () => {
    const a = await browse('sess-ident-a', 2);
    await identify(a, 'cust-a');
    const b = await browse('sess-ident-b', 1);
    await identify(b, 'cust-b');
    const aCustomer = await customerOf(a);
    const before = { counts: await snapshotCounts(t.db, tables), stats: await stats(aCustomer) };

    await expectError(await identify(a, 'cust-b'), 409, 'already_identified');
    expect(await customerOf(a)).toBe(aCustomer);
    expect({ counts: await snapshotCounts(t.db, tables), stats: await stats(aCustomer) }).toEqual(before);
    expect(await t.db.$count(events, eq(events.customerId, aCustomer))).toBe(4);
  });

  it('stores a batch that raced the merge on the customer the visitor now belongs to', async () => {
    const token = await t.newVisitor();
    const visitorId = String(jwtPayload(token).sub);
    const before = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorId) });
    if (!before) throw new Error('visitor missing');
    // The customer is known from another device, so identifying here merges the anonymous profile.
    await identify(await t.newVisitor(), 'racer');
    await identify(token, 'racer');
    const merged = await customerOf(token);
    expect(merged).not.toBe(before.customerId);
    // What a request that read the visitor just before the merge committed goes on to write.
    const ctx = { db: t.db, now: () => t.clock.now, newId: () => crypto.randomUUID() };
    const answer = await ingestEvents(ctx, t.site, before, [pageView('race-session', 0, '/raced')]);
    expect(answer.accepted).toBe(1);
    const stored = await t.db.query.events.findFirst({ where: eq(events.visitorId, visitorId) });
    expect(stored?.customerId).toBe(merged);
  });
});
