import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customers, visitors } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { handMadeJwt, jwtPayload, withPayload } from '../fixtures/tokens.ts';

let t: TestApp;
let token: string;
let nowS: number;

beforeEach(async () => {
  t = await makeTestApp();
  token = await t.newVisitor();
  nowS = Math.floor(t.clock.now / 1000);
});

const identify = (identity: string | undefined, visitorToken = token) =>
  t.widget('POST', '/v1/identify', {
    body: {},
    headers: {
      Authorization: `Bearer ${visitorToken}`,
      ...(identity !== undefined ? { 'X-Crm-Identity': identity } : {}),
    },
  });

async function profile() {
  const visitor = await t.db.query.visitors.findFirst({
    where: eq(visitors.id, String(jwtPayload(token).sub)),
  });
  return t.db.query.customers.findFirst({ where: eq(customers.id, visitor?.customerId ?? '') });
}

async function expectStillAnonymous() {
  expect((await profile())?.externalId).toBeNull();
  expect(await countRows(t.db, customers)).toBe(1);
}

describe('POST /v1/identify', () => {
  it('promotes the anonymous profile with a good token, then answers unchanged', async () => {
    const identity = await t.identityToken('cust-42', {
      email: 'ada@example.com',
      name: 'Ada',
      phone: '+100',
    });
    const res = await identify(identity);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'promoted' });
    expect(await profile()).toMatchObject({
      externalId: 'cust-42',
      email: 'ada@example.com',
      name: 'Ada',
      phone: '+100',
      identifiedAt: t.clock.now,
    });
    const again = await identify(identity);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'unchanged' });
    expect(await countRows(t.db, customers)).toBe(1);
  });

  it('accepts a token expired within the 60 s clock skew', async () => {
    const res = await identify(await t.identityToken('cust-skew', { exp: nowS - 60 }));
    expect(res.status).toBe(200);
    expect((await profile())?.externalId).toBe('cust-skew');
  });

  it('refuses a token expired beyond the skew', async () => {
    await expectError(
      await identify(await t.identityToken('cust-old', { exp: nowS - 61 })),
      401,
      'invalid_identity_token',
    );
    await expectStillAnonymous();
  });

  it('refuses a token that turns expired when the clock moves on', async () => {
    const identity = await t.identityToken('cust-late');
    t.clock.now += 661_000;
    await expectError(await identify(identity), 401, 'invalid_identity_token');
    await expectStillAnonymous();
  });

  it('refuses a token that lives longer than 24 hours', async () => {
    const long = await t.identityToken('cust-long', { exp: nowS + 25 * 3600 });
    await expectError(await identify(long), 401, 'invalid_identity_token');
    await expectStillAnonymous();
    const day = await t.identityToken('cust-long', { exp: nowS + 24 * 3600 });
    expect((await identify(day)).status).toBe(200);
  });

  it('refuses a token that is not valid yet', async () => {
    await expectError(await identify(await t.identityToken('cust-nbf', { nbf: nowS + 120 })), 401);
    await expectStillAnonymous();
  });

  it('refuses a tampered payload', async () => {
    const real = await t.identityToken('cust-1');
    await expectError(
      await identify(withPayload(real, { ...jwtPayload(real), sub: 'cust-admin' })),
      401,
      'invalid_identity_token',
    );
    await expectStillAnonymous();
  });

  it.each([
    ['HS512', { alg: 'HS512', typ: 'JWT' }, 'sha512'],
    ['alg none', { alg: 'none', typ: 'JWT' }, null],
    ['alg None', { alg: 'None' }, null],
    ['lowercase hs256', { alg: 'hs256' }, 'sha256'],
    ['no alg', { typ: 'JWT' }, 'sha256'],
  ] as const)('refuses %s', async (_label, header, hash) => {
    const forged = handMadeJwt(header, { sub: 'cust-1', exp: nowS + 600 }, t.created.identitySecret, hash);
    await expectError(await identify(forged), 401, 'invalid_identity_token');
    await expectStillAnonymous();
  });

  it('accepts a hand-made HS256 token, so the refusals above are about the algorithm', async () => {
    const good = handMadeJwt(
      { alg: 'HS256', typ: 'JWT' },
      { sub: 'cust-hand', exp: nowS + 600 },
      t.created.identitySecret,
    );
    expect(await (await identify(good)).json()).toEqual({ status: 'promoted' });
  });

  it("refuses a token signed with another site's secret", async () => {
    const b = await t.addSite('Site B');
    await expectError(await identify(await b.identityToken('cust-1')), 401, 'invalid_identity_token');
    await expectStillAnonymous();
  });

  it('refuses the visitor token in place of the identity token', async () => {
    await expectError(await identify(token), 401, 'invalid_identity_token');
    await expectStillAnonymous();
  });

  it.each([
    ['no exp', { sub: 'cust-1' }],
    ['empty sub', { sub: '', exp: 0 }],
    ['blank sub', { sub: '   ', exp: 0 }],
    ['sub "null"', { sub: 'null', exp: 0 }],
    ['sub "undefined"', { sub: 'undefined', exp: 0 }],
    ['sub " Null "', { sub: ' Null ', exp: 0 }],
    ['numeric sub', { sub: 42, exp: 0 }],
    ['bad email', { sub: 'cust-1', exp: 0, email: 'not-an-email' }],
    ['fractional exp', { sub: 'cust-1', exp: 0.5 }],
  ])('refuses claims with %s', async (_label, claims) => {
    const payload: Record<string, unknown> = { ...claims };
    if (payload.exp === 0) payload.exp = nowS + 600;
    if (payload.exp === 0.5) payload.exp = nowS + 600.5;
    await expectError(await identify(handMadeJwt({ alg: 'HS256' }, payload, t.created.identitySecret)), 401);
    await expectStillAnonymous();
  });

  it('needs the identity header', async () => {
    await expectError(await identify(undefined), 401, 'identity_required');
    await expectStillAnonymous();
  });

  it('needs the visitor token', async () => {
    const res = await t.widget('POST', '/v1/identify', {
      body: {},
      headers: { 'X-Crm-Identity': await t.identityToken('cust-1') },
    });
    await expectError(res, 401, 'visitor_token_required');
    await expectStillAnonymous();
  });

  it('needs application/json and an empty body', async () => {
    const identity = await t.identityToken('cust-1');
    const headers = { Authorization: `Bearer ${token}`, 'X-Crm-Identity': identity };
    const asText = await t.widget('POST', '/v1/identify', {
      raw: '{}',
      headers: { ...headers, 'Content-Type': 'text/plain' },
    });
    await expectError(asText, 415, 'unsupported_media_type');
    const withId = await t.widget('POST', '/v1/identify', { body: { sub: 'cust-2' }, headers });
    await expectError(withId, 400, 'validation_failed');
    await expectStillAnonymous();
  });

  it('refuses a different sub for an identified visitor with 409 already_identified', async () => {
    expect((await identify(await t.identityToken('cust-a'))).status).toBe(200);
    await expectError(await identify(await t.identityToken('cust-b')), 409, 'already_identified');
    expect((await profile())?.externalId).toBe('cust-a');
    expect(await countRows(t.db, customers)).toBe(1);
  });
});
