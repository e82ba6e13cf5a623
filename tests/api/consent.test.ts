import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customers, visitors } from '../../db/schema/index.ts';
import { expectError } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

async function consentOf(visitorToken: string) {
  const [visitor] = await t.db.select().from(visitors);
  expect(visitorToken.length).toBeGreaterThan(0);
  const profile = await t.db.query.customers.findFirst({
    where: eq(customers.id, visitor?.customerId ?? ''),
  });
  return profile?.consent;
}

describe('POST /v1/me/consent', () => {
  it('records the choice on the profile, and a later change of mind', async () => {
    const vt = await t.newVisitor();
    expect(await consentOf(vt)).toBe('unknown');
    const auth = { Authorization: `Bearer ${vt}` };
    const granted = await t.widget('POST', '/v1/me/consent', { body: { granted: true }, headers: auth });
    expect(granted.status).toBe(204);
    expect(await consentOf(vt)).toBe('granted');
    const denied = await t.widget('POST', '/v1/me/consent', { body: { granted: false }, headers: auth });
    expect(denied.status).toBe(204);
    expect(await consentOf(vt)).toBe('denied');
  });

  it('needs a valid visitor token, JSON and a boolean, and changes nothing otherwise', async () => {
    const vt = await t.newVisitor();
    const auth = { Authorization: `Bearer ${vt}` };
    await expectError(await t.widget('POST', '/v1/me/consent', { body: { granted: true } }), 401);
    await expectError(
      await t.widget('POST', '/v1/me/consent', { body: { granted: 'yes' }, headers: auth }),
      400,
      'validation_failed',
    );
    await expectError(
      await t.widget('POST', '/v1/me/consent', {
        raw: '{"granted":true}',
        headers: { ...auth, 'Content-Type': 'text/plain' },
      }),
      415,
    );
    await t.widget('POST', '/v1/me/logout', { body: {}, headers: auth });
    await expectError(
      await t.widget('POST', '/v1/me/consent', { body: { granted: true }, headers: auth }),
      401,
    );
    expect(await consentOf(vt)).toBe('unknown');
  });
});
