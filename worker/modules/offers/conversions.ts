import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';
import type { PlacedOrder } from '../orders/hooks.ts';

const DAY_MS = 86_400_000;

/**
 * Statements that attribute a new order to the offers its customer was exposed to: every
 * exposure of the customer (either group) not yet converted whose first exposure came at most
 * `attribution_days` before the order converts, with the order's revenue. They run in the
 * order's own batch and read the order row, which exists only when this call inserted it, so
 * a replayed order attributes nothing.
 */
export function offerConversions(db: Db, order: PlacedOrder) {
  const { orderId, siteId } = order;
  return [
    // CROSS JOIN fixes the order: the order, then its customer's exposures.
    db.run(sql`
      INSERT INTO offer_events (site_id, exposure_id, type, order_id, revenue_cents, at)
      SELECT e.site_id, e.id, 'conversion', o.id, o.total_cents, o.placed_at
      FROM orders o
      CROSS JOIN offer_exposures e ON e.customer_id = o.customer_id
      WHERE o.id = ${orderId} AND o.site_id = ${siteId} AND e.converted_at IS NULL
        AND o.placed_at >= e.first_exposed_at
        AND o.placed_at <= e.first_exposed_at
          + (SELECT attribution_days FROM offers WHERE id = e.offer_id) * ${DAY_MS}`),
    db.run(sql`
      UPDATE offer_exposures SET converted_at = ev.at, order_id = ev.order_id, revenue_cents = ev.revenue_cents
      FROM (SELECT exposure_id, at, order_id, revenue_cents FROM offer_events
        WHERE order_id = ${orderId} AND type = 'conversion') AS ev
      WHERE offer_exposures.id = ev.exposure_id`),
    // The treatment's conversions spend the offer's budget and feed its expected value.
    db.run(sql`
      UPDATE offers SET treatment_conversions = treatment_conversions + 1,
        treatment_revenue_cents = treatment_revenue_cents + (SELECT total_cents FROM orders WHERE id = ${orderId})
      WHERE id IN (SELECT x.offer_id FROM offer_events ev JOIN offer_exposures x ON x.id = ev.exposure_id
        WHERE ev.order_id = ${orderId} AND ev.type = 'conversion' AND x."group" = 'treatment')`),
  ];
}
