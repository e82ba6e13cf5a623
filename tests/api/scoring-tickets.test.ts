/**
 * Churn risk counts the service desk: a customer with a complaint still open (or service rated
 * 1–2 stars) is scored riskier than the same customer without one, and the reason says so.
 */
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { customerScores, customers } from '../../db/schema/index.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { scoreSite } from '../../worker/modules/scoring/pass.ts';
import { makeTicketApp, ticketVisitor } from '../fixtures/tickets.ts';

const DAY = 86_400_000;

it('scores an open complaint into churn risk, with its reason', async () => {
  const t = await makeTicketApp();
  for (const externalId of ['calm', 'upset']) {
    const res = await t.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': `ord-${externalId}` },
      body: {
        customer: { externalId },
        placedAt: t.clock.now - 20 * DAY,
        items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
      },
    });
    expect(res.status).toBe(201);
  }
  const upset = await ticketVisitor(t, 'upset');
  await upset.openOk({ subject: 'Lamp arrived broken' });
  t.clock.now += 1000;
  await scoreSite({ db: t.db, now: () => t.clock.now, newId }, t.site.id, 'full');

  const scoresOf = async (externalId: string) => {
    const customer = await t.db.query.customers.findFirst({
      where: and(eq(customers.siteId, t.site.id), eq(customers.externalId, externalId)),
    });
    const row = await t.db.query.customerScores.findFirst({
      where: eq(customerScores.customerId, customer?.id ?? ''),
    });
    if (!row) throw new Error(`no scores for ${externalId}`);
    return row;
  };
  const [calm, sad] = [await scoresOf('calm'), await scoresOf('upset')];
  expect(sad.churnRisk ?? 0).toBeGreaterThan(calm.churnRisk ?? 1);
  expect(sad.churnReasons.map((r) => r.code)).toContain('tickets');
  expect(calm.churnReasons.map((r) => r.code)).not.toContain('tickets');
});
