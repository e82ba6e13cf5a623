import { beforeEach, describe, expect, it } from 'vitest';
import { expectError } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';

interface Summary {
  id: string;
  externalId: string;
  email: string | null;
  name: string | null;
  lastSeenAt: number;
  orders: number;
}
interface Page {
  customers: Summary[];
  nextCursor: string | null;
}

let t: TestApp;
let n = 0;

beforeEach(async () => {
  t = await makeTestApp();
});

async function addCustomer(externalId: string, name: string | undefined, email?: string) {
  n += 1;
  const res = await t.staff('POST', '/v1/orders', {
    headers: { 'Idempotency-Key': `cust-order-${n}-x` },
    body: {
      customer: { externalId, ...(name ? { name } : {}), ...(email ? { email } : {}) },
      items: [{ sku: 'MUG-01', quantity: 1, unitPriceCents: 1800 }],
    },
  });
  expect(res.status).toBe(201);
  return (await res.json<{ customerId: string }>()).customerId;
}

const search = async (query: string) => {
  const res = await t.staff('GET', `/v1/customers${query}`);
  expect(res.status).toBe(200);
  return await res.json<Page>();
};

describe('GET /v1/customers', () => {
  beforeEach(async () => {
    await addCustomer('ext-ada', 'Ada Lovelace', 'ada@example.com');
    t.clock.now += 1000;
    await addCustomer('ext-adam', 'Adam Smith', 'adam@shop.example');
    t.clock.now += 1000;
    await addCustomer('ext-grace', 'Grace Hopper', 'grace@example.com');
    t.clock.now += 1000;
    await addCustomer('ext-pct', '100% Cotton', 'cotton@example.com');
    await t.newVisitor(); // anonymous profiles are not listed
  });

  it('lists identified customers, most recently seen first', async () => {
    const page = await search('');
    expect(page.customers.map((c) => c.externalId)).toEqual(['ext-pct', 'ext-grace', 'ext-adam', 'ext-ada']);
    expect(page.nextCursor).toBeNull();
    expect(page.customers[0]).toMatchObject({ orders: 1, revenueCents: 1800, email: 'cotton@example.com' });
  });

  it('finds by name prefix, case-insensitively', async () => {
    expect((await search('?q=Ada')).customers.map((c) => c.externalId)).toEqual(['ext-adam', 'ext-ada']);
    expect((await search('?q=grace%20h')).customers.map((c) => c.externalId)).toEqual(['ext-grace']);
    expect((await search('?q=Lovelace')).customers).toEqual([]);
  });

  it('finds by email and by external id', async () => {
    expect((await search('?q=adam%40shop.example')).customers.map((c) => c.externalId)).toEqual(['ext-adam']);
    expect((await search('?q=ext-grace')).customers.map((c) => c.name)).toEqual(['Grace Hopper']);
    expect((await search('?q=ext-')).customers).toEqual([]);
  });

  it('treats % and _ in the query as text, not as wildcards', async () => {
    expect((await search('?q=%25')).customers).toEqual([]);
    expect((await search('?q=_')).customers).toEqual([]);
    expect((await search('?q=100%25')).customers.map((c) => c.externalId)).toEqual(['ext-pct']);
  });

  it.each([
    '?limit=101',
    '?limit=0',
    '?limit=-1',
    '?limit=abc',
    '?limit=1.5',
    '?customerId=x',
    '?q=' + 'a'.repeat(201),
  ])('refuses %s with 400', async (query) => {
    await expectError(await t.staff('GET', `/v1/customers${query}`), 400, 'validation_failed');
  });

  it.each(['not base64!', 'bm9waXBl', 'MTIzfA', 'YWJjfGRlZg'])(
    'refuses the cursor %s with 400 invalid_cursor',
    async (cursor) => {
      await expectError(
        await t.staff('GET', `/v1/customers?cursor=${encodeURIComponent(cursor)}`),
        400,
        'invalid_cursor',
      );
    },
  );

  it('needs the secret key', async () => {
    await expectError(await t.app.request('/v1/customers'), 401, 'secret_key_required');
    const withPk = await t.staff('GET', '/v1/customers', { headers: { Authorization: `Bearer ${t.key}` } });
    await expectError(withPk, 401, 'secret_key_required');
    await expectError(await t.widget('GET', '/v1/customers'), 401, 'secret_key_required');
  });
});

describe('cursor pagination', () => {
  it('returns every customer exactly once across pages, also when last-seen times tie', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 57; i += 1) {
      if (i % 4 === 0) t.clock.now += 1000; // groups of four share a lastSeenAt
      ids.push(await addCustomer(`page-${i}`, `Page ${i}`));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10';
      const page = await search(query);
      expect(page.customers.length).toBeLessThanOrEqual(10);
      seen.push(...page.customers.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(6);
    expect(seen.length).toBe(57);
    expect(new Set(seen).size).toBe(57);
    expect([...seen].sort()).toEqual([...ids].sort());
    const full = await search('?limit=100');
    expect(full.customers.map((c) => c.id)).toEqual(seen);
    expect(full.nextCursor).toBeNull();
  });
});

describe('GET /v1/customers/:id', () => {
  it('answers the whole profile for staff, not cached', async () => {
    const id = await addCustomer('ext-prof', 'Pro File', 'pro@example.com');
    const res = await t.staff('GET', `/v1/customers/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      id,
      externalId: 'ext-prof',
      email: 'pro@example.com',
      stats: { orders: 1, revenueCents: 1800, topCategories: [{ category: 'Kitchen', count: 1 }] },
    });
  });

  it('refuses an id that no profile could have', async () => {
    await expectError(await t.staff('GET', `/v1/customers/${'x'.repeat(65)}`), 400, 'validation_failed');
    await expectError(await t.staff('GET', '/v1/customers/a%20b'), 400, 'validation_failed');
  });

  it('answers 404 for an unknown id', async () => {
    await expectError(await t.staff('GET', '/v1/customers/does-not-exist'), 404, 'not_found');
  });

  it("answers 404 for another site's customer (tenant isolation)", async () => {
    const b = await t.addSite('Site B');
    const res = await b.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'site-b-order-1' },
      body: { customer: { externalId: 'ext-b' }, items: [{ sku: 'B-1', quantity: 1, unitPriceCents: 1 }] },
    });
    const { customerId } = await res.json<{ customerId: string }>();
    expect((await b.staff('GET', `/v1/customers/${customerId}`)).status).toBe(200);
    await expectError(await t.staff('GET', `/v1/customers/${customerId}`), 404, 'not_found');
    expect((await search('?q=ext-b')).customers).toEqual([]);
    expect((await search('')).customers).toEqual([]);
  });
});
