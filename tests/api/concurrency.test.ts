import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customers, visitors } from '../../db/schema/index.ts';
import { countRows } from '../fixtures/assert.ts';
import { makeTestApp, pageView, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

const me = (token: string) => t.widget('GET', '/v1/me', { headers: { Authorization: `Bearer ${token}` } });

describe('concurrent requests', () => {
  it('never hands out a dead token when one token is refreshed twice at once', async () => {
    const token = await t.newVisitor();
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map(() => t.widget('POST', '/v1/visitors', { body: { visitorToken: token } })),
    );
    const issued: string[] = [];
    for (const res of results) {
      if (res.status === 200) issued.push((await res.json<{ visitorToken: string }>()).visitorToken);
      else expect(res.status).toBe(401);
    }
    expect(issued.length).toBe(1);
    // Every token the server answered with must work.
    for (const fresh of issued) expect((await me(fresh)).status).toBe(200);
    expect(await countRows(t.db, visitors)).toBe(1);
  });

  it('promotes once and merges the other when two visitors identify as one new customer at once', async () => {
    const a = await t.newVisitor();
    const b = await t.newVisitor();
    await t.track(a, [pageView('sess-race-a1', 0, '/a')]);
    await t.track(b, [pageView('sess-race-b1', 0, '/b')]);
    const results = await Promise.all(
      [a, b].map(async (token) =>
        t.widget('POST', '/v1/identify', {
          body: {},
          headers: { Authorization: `Bearer ${token}`, 'X-Crm-Identity': await t.identityToken('cust-race') },
        }),
      ),
    );
    const statuses = await Promise.all(results.map(async (r) => (await r.json<{ status: string }>()).status));
    expect(statuses.sort()).toEqual(['merged', 'promoted']);
    expect(await countRows(t.db, customers)).toBe(1);
    const rows = await t.db.select().from(visitors);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(1);
    const [customer] = await t.db.select().from(customers).where(eq(customers.externalId, 'cust-race'));
    const stats = await t.db.query.customerStats.findFirst();
    expect(stats).toMatchObject({ customerId: customer?.id, pageViews: 2, sessions: 2 });
  });
});
