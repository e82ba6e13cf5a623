import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../worker/lib/crypto.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import { scoreSite } from '../../worker/modules/scoring/pass.ts';
import type { CustomerScoresResponse, StaffCustomerSummary } from '../../worker/contract/scoring.ts';
import { expectError } from '../fixtures/assert.ts';
import { signedInMember } from '../fixtures/console.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';

const DAY = 86_400_000;
let t: TestApp;
let other: Awaited<ReturnType<TestApp['addSite']>>;

async function order(app: Pick<TestApp, 'staff'>, externalId: string, daysAgo: number, skus: string[]) {
  const res = await app.staff('POST', '/v1/orders', {
    headers: { 'Idempotency-Key': `api-${externalId}-${daysAgo}-${skus.join('-')}` },
    body: {
      customer: { externalId, name: `Name ${externalId}`, email: `${externalId}@example.com` },
      placedAt: t.clock.now - daysAgo * DAY,
      items: skus.map((sku) => ({ sku, quantity: 1, unitPriceCents: 2500 })),
    },
  });
  expect(res.status).toBe(201);
}

/** A staff token as the host's server signs it: HS256 with the site's identity secret. */
function staffToken(secret: string, extra: Record<string, unknown> = {}, ttlSeconds = 300) {
  return signHs256(
    {
      typ: 'crm-staff',
      aud: 'crm-staff',
      sub: 'agent-7',
      exp: Math.floor(t.clock.now / 1000) + ttlSeconds,
      ...extra,
    },
    secret,
  );
}

const lookup = (app: Pick<TestApp, 'widget'>, customer: string, token: string) =>
  app.widget('GET', `/v1/staff/customer?customer=${encodeURIComponent(customer)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });

beforeAll(async () => {
  t = await makeTestApp();
  // Lamps and mugs go together; a lamp buyer without a mug gets the mug suggested.
  await order(t, 'ann', 40, ['LAMP-01', 'MUG-01']);
  await order(t, 'ann', 5, ['LAMP-01', 'MUG-01']);
  await order(t, 'bob', 30, ['LAMP-01', 'MUG-01']);
  await order(t, 'cat', 200, ['LAMP-01']);
  await order(t, 'dan', 20, ['MUG-01']);
  other = await t.addSite('Other shop');
  await order(other, 'zed', 5, ['LAMP-01']);
  await t.db.insert((await import('../../db/schema/index.ts')).scoringSettings).values({
    siteId: t.site.id,
    settings: { minSupport: 0, minSupportCount: 2, minConfidence: 0.5, minLift: 0 },
    updatedAt: t.clock.now,
  });
  t.clock.now += 1000;
  const ctx = { db: t.db, now: () => t.clock.now, newId };
  await scoreSite(ctx, t.site.id, 'full');
  await scoreSite(ctx, other.site.id, 'full');
});

describe('console scoring API', () => {
  it('shows a customer’s scores with reasons and the next product with its rule', async () => {
    const { browser } = await signedInMember(t, 'service');
    const list = await browser.call('GET', `/sites/${t.site.id}/scoring/customers?sort=churn`);
    expect(list.status).toBe(200);
    const { customers } = await list.json<{
      customers: { customerId: string; externalId: string; churnRisk: number }[];
    }>();
    expect(customers.map((c) => c.externalId)).toEqual(['cat', 'bob', 'dan', 'ann']);
    const cat = customers[0]?.customerId ?? '';
    const res = await browser.call('GET', `/sites/${t.site.id}/scoring/customers/${cat}`);
    const body = await res.json<CustomerScoresResponse>();
    expect(body.scores).toMatchObject({ stage: 'lapsed', churnReasons: [{ code: 'single_order_aging' }] });
    // 5 baskets: 4 with a lamp, 3 of them with a mug, 4 with a mug: lamp ⇒ mug, 3/4, lift 3/4 ÷ 4/5.
    expect(body.recommendations).toEqual([
      {
        sku: 'MUG-01',
        name: 'Mug',
        kind: 'association',
        because: ['LAMP-01'],
        confidence: 0.75,
        lift: 0.75 / 0.8,
      },
    ]);
  });

  it('pages the lists by keyset and exports them as CSV', async () => {
    const { browser } = await signedInMember(t, 'marketing');
    const first = await browser.call('GET', `/sites/${t.site.id}/scoring/customers?limit=3`);
    const page1 = await first.json<{ customers: { externalId: string }[]; nextCursor: string }>();
    const second = await browser.call(
      'GET',
      `/sites/${t.site.id}/scoring/customers?limit=3&cursor=${encodeURIComponent(page1.nextCursor)}`,
    );
    const page2 = await second.json<{ customers: { externalId: string }[]; nextCursor: string | null }>();
    expect([...page1.customers, ...page2.customers].map((c) => c.externalId)).toEqual([
      'cat',
      'bob',
      'dan',
      'ann',
    ]);
    expect(page2.nextCursor).toBeNull();
    const csv = await browser.call('GET', `/sites/${t.site.id}/scoring/customers?format=csv&tier=A`);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,external_id,name,email,rfm_code,segment,tier,stage,group,churn_risk,clv_12m,orders,revenue,last_order_at',
    );
    expect(lines.slice(1).every((l) => l.split(',')[6] === 'A')).toBe(true);
  });

  it('draws the dashboard from the last full run and re-scores on demand', async () => {
    const { browser } = await signedInMember(t, 'marketing');
    const res = await browser.call('GET', `/sites/${t.site.id}/scoring/dashboard`);
    const body = await res.json<{
      current: { distribution: { buyers: number; tiers: Record<string, unknown> } };
    }>();
    expect(body.current.distribution.buyers).toBe(4);
    await order(t, 'eve', 0, ['MUG-01']);
    const run = await browser.call('POST', `/sites/${t.site.id}/scoring/run`, {});
    expect(await run.json()).toEqual({ kind: 'incremental', scored: 1 });
  });

  it('refuses lists to roles without the permission and bad filters with 400', async () => {
    const { browser } = await signedInMember(t, 'content');
    expect((await browser.call('GET', `/sites/${t.site.id}/scoring/customers`)).status).toBe(403);
    const { browser: marketing } = await signedInMember(t, 'marketing');
    await expectError(await marketing.call('GET', `/sites/${t.site.id}/scoring/customers?segment=vip`), 400);
    const service = (await signedInMember(t, 'service')).browser;
    expect((await service.call('POST', `/sites/${t.site.id}/scoring/run`, {})).status).toBe(403);
  });
});

describe('staff card API', () => {
  it('shows the 360 summary with scores to a valid staff token', async () => {
    const res = await lookup(t, 'cat', await staffToken(t.created.identitySecret));
    expect(res.status).toBe(200);
    const body = await res.json<StaffCustomerSummary>();
    expect(body).toMatchObject({
      externalId: 'cat',
      name: 'Name cat',
      orders: 1,
      scores: { stage: 'lapsed' },
    });
  });

  it('refuses a token of site A on site B, an identity token, and a token for another customer', async () => {
    const tokenA = await staffToken(t.created.identitySecret);
    await expectError(await lookup(other, 'zed', tokenA), 401, 'invalid_staff_token');
    // Site B's own customer is not reachable through site A's key either.
    await expectError(await lookup(t, 'zed', tokenA), 404);
    const identity = await t.identityToken('cat');
    await expectError(await lookup(t, 'cat', identity), 401, 'invalid_staff_token');
    const scoped = await staffToken(t.created.identitySecret, { customer: 'bob' });
    await expectError(await lookup(t, 'cat', scoped), 403);
    const long = await staffToken(t.created.identitySecret, {}, 3600);
    await expectError(await lookup(t, 'cat', long), 401, 'invalid_staff_token');
  });

  it('never lets a staff token pass for a customer’s identity', async () => {
    const visitor = await t.newVisitor();
    const token = await staffToken(t.created.identitySecret, { sub: 'cat' });
    const res = await t.widget('POST', '/v1/identify', {
      body: {},
      headers: { Authorization: `Bearer ${visitor}`, 'X-Crm-Identity': token },
    });
    await expectError(res, 401, 'invalid_identity_token');
  });

  it('keeps scores off the visitor’s own routes', async () => {
    const visitor = await t.newVisitor();
    const headers = { Authorization: `Bearer ${visitor}`, 'X-Crm-Identity': await t.identityToken('cat') };
    await t.widget('POST', '/v1/identify', { body: {}, headers });
    const me = await t.widget('GET', '/v1/me', { headers });
    expect(me.status).toBe(200);
    const text = await me.text();
    for (const word of ['churn', 'segment', 'tier', 'rfm', 'clv', 'lapsed']) expect(text).not.toContain(word);
  });
});
