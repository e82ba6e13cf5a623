import { beforeEach, describe, expect, it } from 'vitest';
import { ratings, satisfactionSurveys } from '../../db/schema/index.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { runJob } from '../../worker/jobs/job.ts';
import { satisfactionSurveysJob } from '../../worker/jobs/satisfaction-surveys.ts';
import { expectError, snapshotCounts } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';

const DAY = 24 * 3600 * 1000;
let t: TestApp;

beforeEach(async () => {
  t = await makeTestApp();
});

async function order(key: string, daysAgo: number, externalId = 'cust-survey') {
  const res = await t.staff('POST', '/v1/orders', {
    headers: { 'Idempotency-Key': key },
    body: {
      customer: { externalId, email: 'ada@example.com' },
      reference: `#${key.slice(-4)}`,
      placedAt: t.clock.now - daysAgo * DAY,
      items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
    },
  });
  expect(res.status).toBe(201);
}

const run = () => runJob({ db: t.db, now: () => t.clock.now, newId }, satisfactionSurveysJob);

interface Pending {
  surveys: { token: string; orderReference: string | null; externalId: string | null }[];
}

describe('post-purchase satisfaction follow-up', () => {
  it('asks about orders placed the site’s delay ago, once, and not about recent or long-past ones', async () => {
    await order('survey-order-0008', 8);
    await order('survey-order-0002', 2);
    await order('survey-order-0060', 60);
    await run();
    await run();
    const rows = await t.db.select().from(satisfactionSurveys);
    expect(rows).toHaveLength(1);
    const pending = await (await t.staff('GET', '/v1/satisfaction-surveys')).json<Pending>();
    expect(pending.surveys.map((s) => [s.orderReference, s.externalId])).toEqual([['#0008', 'cust-survey']]);
    // Five days later the second order is due too.
    t.clock.now += 5 * DAY;
    await run();
    expect(await snapshotCounts(t.db, { satisfactionSurveys })).toEqual({ satisfactionSurveys: 2 });
  });

  it('takes one answer through the signed link and stores it on the profile', async () => {
    await order('survey-order-0008', 8);
    await run();
    const [survey] = (await (await t.staff('GET', '/v1/satisfaction-surveys')).json<Pending>()).surveys;
    const token = survey?.token ?? '';
    const view = await t.widget('GET', `/v1/surveys/${token}`);
    expect(await view.json()).toMatchObject({ orderReference: '#0008', answered: false });
    const answer = await t.widget('POST', `/v1/surveys/${token}`, {
      body: { stars: 4, suggestion: 'Faster delivery' },
    });
    expect(answer.status).toBe(204);
    await expectError(
      await t.widget('POST', `/v1/surveys/${token}`, { body: { stars: 1 } }),
      409,
      'already_answered',
    );
    const stored = await t.db.select().from(ratings);
    expect(stored.map((r) => [r.kind, r.stars, r.comment])).toEqual([['purchase', 4, 'Faster delivery']]);
    const { browser } = await signedInMember(t, 'owner');
    const profile = await (
      await browser.call('GET', `/sites/${t.site.id}/customers/${stored[0]?.customerId ?? ''}`)
    ).json<{ service: { ratings: { kind: string; stars: number }[] } }>();
    expect(profile.service.ratings).toMatchObject([{ kind: 'purchase', stars: 4 }]);
    expect((await t.staff('GET', '/v1/satisfaction-surveys')).status).toBe(200);
    expect((await (await t.staff('GET', '/v1/satisfaction-surveys')).json<Pending>()).surveys).toEqual([]);
  });

  it('refuses a tampered or foreign link, and writes nothing', async () => {
    await order('survey-order-0008', 8);
    await run();
    const [survey] = (await (await t.staff('GET', '/v1/satisfaction-surveys')).json<Pending>()).surveys;
    const token = survey?.token ?? '';
    const [body = '', sig = ''] = token.split('.');
    const forged = `${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    await expectError(await t.widget('POST', `/v1/surveys/${forged}`, { body: { stars: 5 } }), 404);
    const other = await t.addSite('Other shop');
    await expectError(await other.widget('POST', `/v1/surveys/${token}`, { body: { stars: 5 } }), 404);
    t.clock.now += 31 * DAY;
    await expectError(await t.widget('POST', `/v1/surveys/${token}`, { body: { stars: 5 } }), 404);
    expect(await snapshotCounts(t.db, { ratings })).toEqual({ ratings: 0 });
  });
});
