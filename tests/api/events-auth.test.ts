import { beforeEach, describe, expect, it } from 'vitest';
import { events, sessions } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, pageView, type TestApp } from '../fixtures/app.ts';
import { handMadeJwt, jwtPayload, withPayload } from '../fixtures/tokens.ts';

let t: TestApp;
let token: string;

beforeEach(async () => {
  t = await makeTestApp();
  token = await t.newVisitor();
});

async function expectNothingStored() {
  expect(await countRows(t.db, events)).toBe(0);
  expect(await countRows(t.db, sessions)).toBe(0);
}

describe('POST /v1/events visitor token', () => {
  it('refuses a batch without a visitor token (400) and stores nothing', async () => {
    const res = await t.widget('POST', '/v1/events', { body: { events: [pageView('sess-nt-01', 0, '/')] } });
    await expectError(res, 400, 'validation_failed');
    await expectNothingStored();
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['two parts', 'abc.def'],
    ['empty parts', '..'],
    ['bad base64', '!!!.???.***'],
  ])('refuses a %s token with 401 and stores nothing', async (_label, bad) => {
    const res = await t.track(bad, [pageView('sess-bad-01', 0, '/')]);
    await expectError(res, 401, 'invalid_visitor_token');
    await expectNothingStored();
  });

  it('refuses a token whose payload was changed to another visitor', async () => {
    const other = await t.newVisitor();
    const forged = withPayload(token, jwtPayload(other));
    await expectError(
      await t.track(forged, [pageView('sess-forge-1', 0, '/')]),
      401,
      'invalid_visitor_token',
    );
    await expectNothingStored();
  });

  it('refuses a token signed with the identity secret the host site knows', async () => {
    const forged = handMadeJwt({ alg: 'HS256', typ: 'JWT' }, jwtPayload(token), t.created.identitySecret);
    await expectError(
      await t.track(forged, [pageView('sess-forge-2', 0, '/')]),
      401,
      'invalid_visitor_token',
    );
    await expectNothingStored();
  });

  it('refuses an identity token in place of a visitor token', async () => {
    const identity = await t.identityToken('cust-1');
    await expectError(await t.track(identity, [pageView('sess-forge-3', 0, '/')]), 401);
    await expectNothingStored();
  });

  it('refuses a revoked token after logout', async () => {
    const out = await t.widget('POST', '/v1/me/logout', {
      body: {},
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    await expectError(await t.track(token, [pageView('sess-rev-01', 0, '/')]), 401, 'invalid_visitor_token');
    await expectNothingStored();
  });

  it('refuses a token after its 180 days are over', async () => {
    t.clock.now += 181 * 24 * 3600 * 1000;
    await expectError(await t.track(token, [pageView('sess-exp-01', 0, '/')]), 401, 'invalid_visitor_token');
    await expectNothingStored();
  });

  it("refuses site A's visitor token on site B", async () => {
    const b = await t.addSite('Site B');
    await expectError(await b.track(token, [pageView('sess-ab-001', 0, '/')]), 401, 'invalid_visitor_token');
    await expectNothingStored();
  });

  it("refuses a token re-signed for site B with site A's claims", async () => {
    const b = await t.addSite('Site B');
    const bToken = await b.newVisitor();
    // Site B's valid token with the site id swapped to A: the signature no longer holds.
    const forged = withPayload(bToken, { ...jwtPayload(bToken), sid: t.site.id });
    await expectError(await t.track(forged, [pageView('sess-ab-002', 0, '/')]), 401, 'invalid_visitor_token');
    await expectError(await b.track(forged, [pageView('sess-ab-003', 0, '/')]), 401, 'invalid_visitor_token');
    await expectNothingStored();
  });
});
