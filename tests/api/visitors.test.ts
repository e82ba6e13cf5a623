import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customerStats, customers, visitors } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, pageView, type TestApp } from '../fixtures/app.ts';
import { handMadeJwt, jwtPayload, withPayload } from '../fixtures/tokens.ts';

interface VisitorBody {
  visitorToken: string;
  expiresAt: number;
  created: boolean;
}

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

const refresh = (visitorToken: string) => t.widget('POST', '/v1/visitors', { body: { visitorToken } });
const me = (token: string) => t.widget('GET', '/v1/me', { headers: { Authorization: `Bearer ${token}` } });

describe('POST /v1/visitors', () => {
  it('creates an anonymous visitor with an empty profile (201)', async () => {
    const res = await t.widget('POST', '/v1/visitors', { body: {} });
    expect(res.status).toBe(201);
    const body = await res.json<VisitorBody>();
    expect(Object.keys(body).sort()).toEqual(['created', 'expiresAt', 'visitorToken']);
    expect(body.created).toBe(true);
    expect(body.expiresAt).toBe(t.clock.now + 180 * 24 * 3600 * 1000);
    const claims = jwtPayload(body.visitorToken);
    expect(claims).toMatchObject({ typ: 'vt', sid: t.site.id });
    const visitor = await t.db.query.visitors.findFirst({ where: eq(visitors.id, String(claims.sub)) });
    expect(visitor).toMatchObject({ siteId: t.site.id, tokenId: claims.jti, revokedAt: null });
    const customer = await t.db.query.customers.findFirst({
      where: eq(customers.id, visitor?.customerId ?? ''),
    });
    expect(customer).toMatchObject({ siteId: t.site.id, externalId: null, email: null, name: null });
    expect(await countRows(t.db, customerStats)).toBe(1);
  });

  it('gives every new visitor its own profile', async () => {
    await t.newVisitor();
    await t.newVisitor();
    expect(await countRows(t.db, visitors)).toBe(2);
    expect(await countRows(t.db, customers)).toBe(2);
  });

  it('refreshes a valid token (200) for the same visitor and retires the old one', async () => {
    const first = await t.newVisitor();
    t.clock.now += 1000;
    const res = await refresh(first);
    expect(res.status).toBe(200);
    const body = await res.json<VisitorBody>();
    expect(body.created).toBe(false);
    expect(body.visitorToken).not.toBe(first);
    expect(jwtPayload(body.visitorToken).sub).toBe(jwtPayload(first).sub);
    expect(await countRows(t.db, visitors)).toBe(1);
    expect(await countRows(t.db, customers)).toBe(1);

    expect((await me(body.visitorToken)).status).toBe(200);
    await expectError(await me(first), 401, 'invalid_visitor_token');
    await expectError(await t.track(first, [pageView('sess-old-01', 0, '/')]), 401, 'invalid_visitor_token');
    await expectError(await refresh(first), 401, 'invalid_visitor_token');
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['alg none', handMadeJwt({ alg: 'none' }, { sub: 'x', exp: 9e9 }, '', null)],
  ])('refuses to refresh a %s token with 401 and creates nobody', async (_label, bad) => {
    await expectError(await refresh(bad), 401, 'invalid_visitor_token');
    expect(await countRows(t.db, visitors)).toBe(0);
  });

  it('refuses to refresh a forged token (payload swapped, signature kept)', async () => {
    const real = await t.newVisitor();
    const forged = withPayload(real, { ...jwtPayload(real), exp: 9_999_999_999 });
    await expectError(await refresh(forged), 401, 'invalid_visitor_token');
    const byGuess = handMadeJwt({ alg: 'HS256' }, jwtPayload(real), 'guessed-secret');
    await expectError(await refresh(byGuess), 401, 'invalid_visitor_token');
    expect(await countRows(t.db, visitors)).toBe(1);
  });

  it("refuses to refresh another site's visitor token", async () => {
    const b = await t.addSite('Site B');
    const bToken = await b.newVisitor();
    await expectError(await refresh(bToken), 401, 'invalid_visitor_token');
    expect(await countRows(t.db, visitors)).toBe(1);
  });

  it('refuses unknown body fields (400)', async () => {
    await expectError(
      await t.widget('POST', '/v1/visitors', { body: { customerId: 'abc' } }),
      400,
      'validation_failed',
    );
    expect(await countRows(t.db, visitors)).toBe(0);
  });

  it('needs application/json', async () => {
    const res = await t.widget('POST', '/v1/visitors', {
      raw: '{}',
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectError(res, 415, 'unsupported_media_type');
    expect(await countRows(t.db, visitors)).toBe(0);
  });
});
