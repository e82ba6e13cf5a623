/**
 * Offers target on what the other modules know, wired in `createApp`: the scores the scoring job
 * stores, the cross-sell rules it derives, and the service desk's open tickets.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { associationRules, customerScores, visitors } from '../../db/schema/index.ts';
import type { DecideResponse } from '../../worker/contract/offers.ts';
import type { TestApp } from '../fixtures/app.ts';
import { bannerClient, offerAdmin, visitorIdOf } from '../fixtures/offers.ts';
import { makeTicketApp, ticketVisitor } from '../fixtures/tickets.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof offerAdmin>>;
let banner: ReturnType<typeof bannerClient>;
beforeEach(async () => {
  t = await makeTicketApp();
  admin = await offerAdmin(t);
  banner = bannerClient(t);
});

/** Everyone in treatment, so only targeting and eligibility decide. */
const noHoldout = { holdoutPercent: 0, holdoutOverride: true };

async function decided(token: string, sub: string) {
  const res = await banner.decide(token, {}, sub);
  expect(res.status).toBe(200);
  return (await res.json<DecideResponse>()).offer;
}

async function customerOf(token: string) {
  const visitor = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorIdOf(token)) });
  if (!visitor) throw new Error('no visitor');
  return visitor.customerId;
}

describe('offer targeting on the other modules', () => {
  it('shows a segment offer only to customers the scoring put in that segment', async () => {
    const offer = await admin.create({
      ...noHoldout,
      targeting: [{ kind: 'rfmSegment', segments: ['champions'] }],
    });
    const champion = await ticketVisitor(t, 'cust-champion');
    const other = await ticketVisitor(t, 'cust-other');
    const scored = (customerId: string, segment: string) => ({
      customerId,
      siteId: t.site.id,
      segment,
      tier: 'A',
      stage: 'loyal',
      scoredAt: t.clock.now,
    });
    await t.db
      .insert(customerScores)
      .values([
        scored(await customerOf(champion.token), 'champions'),
        scored(await customerOf(other.token), 'hibernating'),
      ]);
    expect((await decided(champion.token, 'cust-champion'))?.offerId).toBe(offer.id);
    expect(await decided(other.token, 'cust-other')).toBeNull();
  });

  it('shows a cross-sell offer to customers a rule suggests a product to', async () => {
    await admin.create({ ...noHoldout, targeting: [{ kind: 'crossSell' }] });
    const buyer = await ticketVisitor(t, 'cust-lamp');
    const res = await t.staff('POST', '/v1/orders', {
      body: {
        customer: { externalId: 'cust-lamp' },
        items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
      },
      headers: { 'Idempotency-Key': 'order-cross-sell-1' },
    });
    expect(res.status).toBe(201);
    expect(await decided(buyer.token, 'cust-lamp')).toBeNull();
    await t.db.insert(associationRules).values({
      siteId: t.site.id,
      antecedent: JSON.stringify(['LAMP-01']),
      consequent: JSON.stringify(['BULB-02']),
      supportCount: 3,
      support: 0.3,
      confidence: 0.75,
      lift: 2,
    });
    expect(await decided(buyer.token, 'cust-lamp')).not.toBeNull();
  });

  it('holds every offer back while the customer has an open ticket', async () => {
    await admin.create(noHoldout);
    const customer = await ticketVisitor(t, 'cust-complains');
    expect(await decided(customer.token, 'cust-complains')).not.toBeNull();
    await customer.openOk();
    expect(await decided(customer.token, 'cust-complains')).toBeNull();
  });
});
