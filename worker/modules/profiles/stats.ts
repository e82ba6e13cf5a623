import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';

/** How many categories a profile keeps in `top_categories`. */
export const TOP_CATEGORIES = 5;

/**
 * Recomputes a profile's top categories from what it viewed (product_view events,
 * through the catalogue) and bought (order lines). `customerId` is an SQL expression so
 * callers can name the customer through a subquery inside the same batch.
 */
export function refreshTopCategories(db: Db, siteId: string, customerId: SQL) {
  return db.run(sql`
    UPDATE customer_stats SET top_categories = (
      SELECT coalesce(json_group_array(json_object('category', category, 'count', n)), '[]') FROM (
        SELECT category, count(*) AS n FROM (
          SELECT p.category AS category FROM events e
            JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
            WHERE e.site_id = ${siteId} AND e.customer_id = customer_stats.customer_id AND e.type = 'product_view'
          UNION ALL
          SELECT oi.category FROM order_items oi JOIN orders o ON o.id = oi.order_id
            WHERE o.site_id = ${siteId} AND o.customer_id = customer_stats.customer_id AND oi.category IS NOT NULL
        ) GROUP BY category ORDER BY n DESC, category LIMIT ${TOP_CATEGORIES}
      )
    )
    WHERE customer_id = ${customerId}`);
}

/**
 * Recomputes every counter of a profile from the rows themselves; used after a merge,
 * where adding two sets of running totals could count a shared session twice.
 */
export function recomputeStats(db: Db, siteId: string, customerId: string) {
  return db.run(sql`
    UPDATE customer_stats SET
      page_views = (SELECT count(*) FROM events WHERE site_id = ${siteId} AND customer_id = ${customerId} AND type = 'page_view'),
      total_dwell_ms = (SELECT coalesce(sum(dwell_ms), 0) FROM events WHERE site_id = ${siteId} AND customer_id = ${customerId} AND type = 'page_leave'),
      sessions = (SELECT count(*) FROM sessions WHERE site_id = ${siteId} AND customer_id = ${customerId}),
      orders = (SELECT count(*) FROM orders WHERE site_id = ${siteId} AND customer_id = ${customerId}),
      revenue_cents = (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE site_id = ${siteId} AND customer_id = ${customerId}),
      last_order_at = (SELECT max(placed_at) FROM orders WHERE site_id = ${siteId} AND customer_id = ${customerId})
    WHERE customer_id = ${customerId}`);
}
