import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { events, visitors } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, pageLeave, pageView, type TestApp } from '../fixtures/app.ts';
import { jwtPayload } from '../fixtures/tokens.ts';

let t: TestApp;
let a: string;
let b: string;

beforeEach(async () => {
  t = await makeTestApp();
  a = await t.newVisitor();
  b = await t.newVisitor();
  const viewA = pageView('sess-me-a01', 0, '/a-page');
  await t.track(a, [viewA, pageLeave('sess-me-a01', 1, viewA.id, 3000)]);
  await t.track(b, [pageView('sess-me-b01', 0, '/b-one'), pageView('sess-me-b01', 1, '/b-two')]);
});

const me = (token: string, path = '/v1/me', headers: Record<string, string> = {}) =>
  t.widget('GET', path, { headers: { Authorization: `Bearer ${token}`, ...headers } });

async function customerOf(token: string) {
  const v = await t.db.query.visitors.findFirst({ where: eq(visitors.id, String(jwtPayload(token).sub)) });
  return v?.customerId ?? '';
}

const identify = async (token: string, sub: string, claims: Record<string, unknown> = {}) =>
  t.widget('POST', '/v1/identify', {
    body: {},
    headers: { Authorization: `Bearer ${token}`, 'X-Crm-Identity': await t.identityToken(sub, claims) },
  });

describe('GET /v1/me', () => {
  it("reads an anonymous visitor's own profile", async () => {
    const res = await me(a);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toEqual({
      identified: false,
      name: null,
      memberSince: t.clock.now,
      pageViews: 1,
      orders: 0,
      recentOrders: [],
      recentPages: [{ path: '/a-page', title: '/a-page', viewedAt: t.clock.now, dwellMs: 3000 }],
    });
  });

  it("never yields B's data to A's token, whatever ids the request names", async () => {
    const bId = await customerOf(b);
    const bVisitor = String(jwtPayload(b).sub);
    for (const path of [
      `/v1/me?customerId=${bId}`,
      `/v1/me?visitorId=${bVisitor}`,
      `/v1/me?id=${bId}&customer=${bId}`,
    ]) {
      const res = await me(a, path, { 'X-Customer-Id': bId });
      expect(res.status).toBe(200);
      const body = await res.json<{ pageViews: number; recentPages: { path: string }[] }>();
      expect(body.pageViews).toBe(1);
      expect(body.recentPages.map((p) => p.path)).toEqual(['/a-page']);
    }
    for (const path of [`/v1/me/${bId}`, `/v1/me/${bVisitor}`, `/v1/me/customers/${bId}`]) {
      const res = await me(a, path);
      await expectError(res, 404, 'not_found');
    }
    const post = await t.widget('POST', '/v1/me', {
      body: { customerId: bId },
      headers: { Authorization: `Bearer ${a}` },
    });
    await expectError(post, 404);
  });

  it('needs a visitor token', async () => {
    await expectError(await t.widget('GET', '/v1/me'), 401, 'visitor_token_required');
    await expectError(await me('not-a-token'), 401, 'invalid_visitor_token');
    const basic = await t.widget('GET', '/v1/me', { headers: { Authorization: `Basic ${a}` } });
    await expectError(basic, 401, 'visitor_token_required');
  });

  it('asks for the identity token once the profile is identified', async () => {
    expect((await identify(a, 'cust-me', { name: 'Ada' })).status).toBe(200);
    await expectError(await me(a), 401, 'identity_required');
    const other = await t.identityToken('cust-other');
    await expectError(await me(a, '/v1/me', { 'X-Crm-Identity': other }), 401, 'identity_mismatch');
    const expired = await t.identityToken('cust-me', { exp: Math.floor(t.clock.now / 1000) - 120 });
    await expectError(await me(a, '/v1/me', { 'X-Crm-Identity': expired }), 401, 'invalid_identity_token');
    const good = await me(a, '/v1/me', { 'X-Crm-Identity': await t.identityToken('cust-me') });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ identified: true, name: 'Ada', pageViews: 1 });
  });

  it('answers with the minimum of personal data: no email, phone, ids or attributes', async () => {
    await identify(a, 'cust-pii', { email: 'ada@example.com', phone: '+4912345', name: 'Ada' });
    await t.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'order-me-00001' },
      body: {
        customer: { externalId: 'cust-pii' },
        reference: 'R-1',
        items: [{ sku: 'MUG-01', quantity: 1, unitPriceCents: 1800 }],
      },
    });
    const res = await me(a, '/v1/me', { 'X-Crm-Identity': await t.identityToken('cust-pii') });
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['identified', 'memberSince', 'name', 'orders', 'pageViews', 'recentOrders', 'recentPages'].sort(),
    );
    expect(body.recentOrders).toEqual([
      {
        reference: 'R-1',
        placedAt: t.clock.now,
        totalCents: 1800,
        currency: 'USD',
        items: [{ name: 'Mug', quantity: 1 }],
      },
    ]);
    for (const secret of ['ada@example.com', '+4912345', 'cust-pii', await customerOf(a), 'MUG-01']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('POST /v1/me/logout', () => {
  it('revokes the visitor token everywhere (204)', async () => {
    const res = await t.widget('POST', '/v1/me/logout', {
      body: {},
      headers: { Authorization: `Bearer ${a}` },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const row = await t.db.query.visitors.findFirst({ where: eq(visitors.id, String(jwtPayload(a).sub)) });
    expect(row?.revokedAt).toBe(t.clock.now);

    const before = await countRows(t.db, events);
    await expectError(await me(a), 401, 'invalid_visitor_token');
    await expectError(await t.track(a, [pageView('sess-me-a01', 5, '/x')]), 401, 'invalid_visitor_token');
    await expectError(await identify(a, 'cust-after'), 401, 'invalid_visitor_token');
    await expectError(await t.widget('POST', '/v1/visitors', { body: { visitorToken: a } }), 401);
    await expectError(
      await t.widget('POST', '/v1/me/logout', { body: {}, headers: { Authorization: `Bearer ${a}` } }),
      401,
    );
    expect(await countRows(t.db, events)).toBe(before);
    // B is untouched.
    expect((await me(b)).status).toBe(200);
  });

  it('needs application/json, so a cross-site form cannot log anyone out', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await t.widget('POST', '/v1/me/logout', {
        raw: '{}',
        headers: { Authorization: `Bearer ${a}`, 'Content-Type': type },
      });
      await expectError(res, 415, 'unsupported_media_type');
    }
    await expectError(
      await t.widget('POST', '/v1/me/logout', {
        body: { visitorId: 'x' },
        headers: { Authorization: `Bearer ${a}` },
      }),
      400,
      'validation_failed',
    );
    await expectError(await t.widget('POST', '/v1/me/logout', { body: {} }), 401, 'visitor_token_required');
    expect((await me(a)).status).toBe(200);
  });
});
