import { and, eq, sql } from 'drizzle-orm';
import { offerEvents, offerExposures } from '../../../db/schema/index.ts';
import type { z } from 'zod';
import type { offerEventRequest } from '../../contract/offers.ts';
import { notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';

type BrowserEvent = z.infer<typeof offerEventRequest>;

/** Which exposure columns each browser event sets, beside its log row. */
function effect(type: BrowserEvent['type'], at: number) {
  switch (type) {
    case 'impression':
      return { impressions: sql`${offerExposures.impressions} + 1`, lastImpressionAt: at };
    case 'click':
      return { clickedAt: sql`coalesce(${offerExposures.clickedAt}, ${at})` };
    case 'dismiss':
      return { dismissedAt: sql`coalesce(${offerExposures.dismissedAt}, ${at})` };
  }
}

/**
 * Records what the banner saw: an impression (the offer was actually visible), a click or a
 * dismissal. Only the profile the exposure belongs to may report on it, and only for an offer
 * it was shown (treatment). A retry with the same event id is stored once: the exposure's
 * columns move only when this call inserted the log row, in the same batch.
 */
export async function recordOfferEvent(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
  input: BrowserEvent,
): Promise<{ duplicate: boolean }> {
  const exposure = await ctx.db.query.offerExposures.findFirst({
    columns: { id: true, group: true },
    where: and(
      eq(offerExposures.id, input.exposureId),
      eq(offerExposures.siteId, siteId),
      eq(offerExposures.customerId, customerId),
    ),
  });
  if (!exposure || exposure.group !== 'treatment') throw notFound('No such offer was shown to you');
  const now = ctx.now();
  // A row with this call's own timestamp and type exists only if this call inserted it (or a
  // retry in the same millisecond, which the unique key has already refused above).
  const mine = sql`EXISTS (SELECT 1 FROM offer_events WHERE site_id = ${siteId} AND client_event_id = ${input.eventId}
    AND exposure_id = ${exposure.id} AND type = ${input.type} AND at = ${now} AND changes() > 0)`;
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(offerEvents)
      .values({ siteId, exposureId: exposure.id, type: input.type, clientEventId: input.eventId, at: now })
      .onConflictDoNothing()
      .returning({ id: offerEvents.id }),
    ctx.db
      .update(offerExposures)
      .set(effect(input.type, now))
      .where(and(eq(offerExposures.id, exposure.id), mine)),
  ]);
  return { duplicate: inserted.length === 0 };
}
