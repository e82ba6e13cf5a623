import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customerStats, customers, orderItems, orders } from '../../db/schema/index.ts';
import { expectError, snapshotCounts } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

const tables = { customers, customerStats, orders, orderItems };

const order = (overrides: Record<string, unknown> = {}) => ({
  customer: { externalId: 'cust-1', email: 'ada@example.com', name: 'Ada' },
  reference: 'R-100',
  currency: 'EUR',
  items: [
    { sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 },
    { sku: 'MUG-01', quantity: 3, unitPriceCents: 1800 },
  ],
  ...overrides,
});

const post = (key: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  t.staff('POST', '/v1/orders', {
    body,
    headers: { ...(key !== undefined ? { 'Idempotency-Key': key } : {}), ...headers },
  });

async function statsOf(externalId: string) {
  const customer = await t.db.query.customers.findFirst({ where: eq(customers.externalId, externalId) });
  return t.db.query.customerStats.findFirst({ where: eq(customerStats.customerId, customer?.id ?? '') });
}

describe('POST /v1/orders', () => {
  it('records an order (201), creating the customer on first sight', async () => {
    const res = await post('order-key-0001', order());
    expect(res.status).toBe(201);
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    const body = await res.json<{ id: string; customerId: string }>();
    const customer = await t.db.query.customers.findFirst({ where: eq(customers.externalId, 'cust-1') });
    expect(customer).toMatchObject({
      siteId: t.site.id,
      email: 'ada@example.com',
      name: 'Ada',
      identifiedAt: t.clock.now,
    });
    expect(body).toEqual({
      id: body.id,
      customerId: customer?.id,
      reference: 'R-100',
      currency: 'EUR',
      totalCents: 4900 + 3 * 1800,
      placedAt: t.clock.now,
      items: [
        { sku: 'LAMP-01', name: 'Desk lamp', category: 'Lighting', quantity: 1, unitPriceCents: 4900 },
        { sku: 'MUG-01', name: 'Mug', category: 'Kitchen', quantity: 3, unitPriceCents: 1800 },
      ],
    });
    expect(await statsOf('cust-1')).toMatchObject({
      orders: 1,
      revenueCents: 10300,
      lastOrderAt: t.clock.now,
      topCategories: [
        { category: 'Kitchen', count: 1 },
        { category: 'Lighting', count: 1 },
      ],
    });
  });

  it('replays the same key and body: 200, identical body, Idempotent-Replayed, counted once', async () => {
    const first = await post('order-key-0002', order());
    const firstBody = await first.text();
    const counts = await snapshotCounts(t.db, tables);
    t.clock.now += 5000;
    const again = await post('order-key-0002', { ...order(), items: order().items });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(await snapshotCounts(t.db, tables)).toEqual(counts);
    expect(await statsOf('cust-1')).toMatchObject({ orders: 1, revenueCents: 10300 });
  });

  it('refuses the same key with another body (409) and changes nothing', async () => {
    await post('order-key-0003', order());
    const counts = await snapshotCounts(t.db, tables);
    const res = await post('order-key-0003', order({ currency: 'USD' }));
    await expectError(res, 409, 'idempotency_conflict');
    await expectError(
      await post('order-key-0003', order({ customer: { externalId: 'cust-2' } })),
      409,
      'idempotency_conflict',
    );
    expect(await snapshotCounts(t.db, tables)).toEqual(counts);
    expect(await statsOf('cust-1')).toMatchObject({ orders: 1, revenueCents: 10300 });
    expect(
      await t.db.query.customers.findFirst({ where: eq(customers.externalId, 'cust-2') }),
    ).toBeUndefined();
  });

  it('stores exactly one order for five concurrent requests with one key', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => post('order-key-race1', order())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const bodies = new Set(await Promise.all(results.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    expect(await snapshotCounts(t.db, tables)).toEqual({
      customers: 1,
      customerStats: 1,
      orders: 1,
      orderItems: 2,
    });
    expect(await statsOf('cust-1')).toMatchObject({ orders: 1, revenueCents: 10300 });
  });

  it('adds a second order of the same customer to the stats and top categories', async () => {
    await post('order-key-0004', order());
    await post('order-key-0005', order({ items: [{ sku: 'MUG-01', quantity: 1, unitPriceCents: 1800 }] }));
    await post(
      'order-key-0006',
      order({ items: [{ sku: 'X-1', category: 'Garden', quantity: 1, unitPriceCents: 100 }] }),
    );
    expect(await statsOf('cust-1')).toMatchObject({
      orders: 3,
      revenueCents: 10300 + 1800 + 100,
      topCategories: [
        { category: 'Kitchen', count: 2 },
        { category: 'Garden', count: 1 },
        { category: 'Lighting', count: 1 },
      ],
    });
    expect(await snapshotCounts(t.db, { customers })).toEqual({ customers: 1 });
  });

  it.each([
    ['missing', undefined],
    ['too short', 'short'],
    ['with spaces', 'order key 0001'],
    ['too long', 'k'.repeat(65)],
  ])('refuses a %s Idempotency-Key with 400', async (_label, key) => {
    await expectError(await post(key, order()), 400, 'validation_failed');
    expect(await snapshotCounts(t.db, tables)).toEqual({
      customers: 0,
      customerStats: 0,
      orders: 0,
      orderItems: 0,
    });
  });

  it('needs the secret key', async () => {
    const bare = await t.app.request('/v1/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'order-key-0007' },
      body: JSON.stringify(order()),
    });
    await expectError(bare, 401, 'secret_key_required');
    await expectError(
      await post('order-key-0007', order(), { Authorization: `Bearer ${t.key}` }),
      401,
      'secret_key_required',
    );
    await expectError(
      await post('order-key-0007', order(), { Authorization: 'Bearer sk_wrong' }),
      401,
      'invalid_secret_key',
    );
    const b = await t.addSite('Site B');
    await expectError(
      await post('order-key-0007', order(), { Authorization: `Bearer sk_${b.created.secretKey.slice(3)}x` }),
      401,
      'invalid_secret_key',
    );
    expect(await snapshotCounts(t.db, tables)).toEqual({
      customers: 0,
      customerStats: 0,
      orders: 0,
      orderItems: 0,
    });
  });

  it.each([
    ['no items', { items: [] }],
    ['negative quantity', { items: [{ sku: 'MUG-01', quantity: -1, unitPriceCents: 100 }] }],
    ['zero quantity', { items: [{ sku: 'MUG-01', quantity: 0, unitPriceCents: 100 }] }],
    ['fractional price', { items: [{ sku: 'MUG-01', quantity: 1, unitPriceCents: 1.5 }] }],
    ['lowercase currency', { currency: 'eur' }],
    ['long currency', { currency: 'EURO' }],
    ['no customer', { customer: undefined }],
    ['customer without id', { customer: { email: 'a@example.com' } }],
    ['bad email', { customer: { externalId: 'c', email: 'nope' } }],
    ['unknown field', { discount: 5 }],
    ['string quantity', { items: [{ sku: 'MUG-01', quantity: '1', unitPriceCents: 100 }] }],
  ])('refuses %s with 400 validation_failed and stores nothing', async (_label, overrides) => {
    await expectError(await post('order-key-bad01', order(overrides)), 400, 'validation_failed');
    expect(await snapshotCounts(t.db, tables)).toEqual({
      customers: 0,
      customerStats: 0,
      orders: 0,
      orderItems: 0,
    });
    // A refused request does not burn the key.
    expect((await post('order-key-bad01', order())).status).toBe(201);
  });
});
