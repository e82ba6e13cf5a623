import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';

/** How many categories a profile keeps in `top_categories`. */
export const TOP_CATEGORIES = 5;

/** A product view's interest is 1 + the minutes its page was visible, counted up to ten. */
const INTEREST_DWELL_CAP_MS = 600_000;

/** A page's visible time as interest counts it: none when unknown, at most the cap (ms). */
export const cappedDwell = (ms: SQL) => sql`min(coalesce(${ms}, 0), ${INTEREST_DWELL_CAP_MS})`;

/** Milliseconds per minute, as a real so the interest divides without truncating. */
export const MS_PER_MINUTE = sql.raw('60000.0');

/**
 * How many of a customer's latest events a product view looks back through for the page view
 * it happened on, and a page's leave looks forward through for that page's product views: the
 * bound that keeps the interest update O(batch). A page left open while more than this many
 * other events of the same customer arrived keeps its views' interest without the minutes.
 */
export const INTEREST_WINDOW = 50;

/**
 * Adds category counts and interest to the profiles' running sums. `counts` is a SELECT of
 * (customer_id, category, site_id, n, interest) ending in a WHERE or GROUP BY clause (so SQLite
 * reads the ON CONFLICT that follows as the upsert's), built from the rows one write added:
 * the cost follows the write, not the customer's history.
 */
export function addCategoryCounts(db: Db, counts: SQL) {
  return db.run(sql`
    INSERT INTO customer_categories (customer_id, category, site_id, count, interest) ${counts}
    ON CONFLICT (customer_id, category) DO UPDATE SET count = customer_categories.count + excluded.count,
      interest = customer_categories.interest + excluded.interest`);
}

/**
 * Counts an order's lines into its buyer's categories (bought, so no interest), from the
 * order's own lines: nothing unless the order row went in, in the same batch.
 */
function addOrderCategories(db: Db, orderId: string) {
  return addCategoryCounts(
    db,
    sql`SELECT o.customer_id, oi.category, o.site_id, count(*), 0 FROM order_items oi JOIN orders o ON o.id = oi.order_id
      WHERE oi.order_id = ${orderId} AND oi.category IS NOT NULL GROUP BY oi.category`,
  );
}

/**
 * What an order adds to its buyer's profile, for the order's own batch: the totals (orders,
 * revenue, last order), the categories bought and the top categories. The buyer is found
 * through the order row, so nothing changes unless that row went in.
 */
export function orderProfileStatements(db: Db, orderId: string, totalCents: number, placedAt: number) {
  const buyer = sql`(SELECT customer_id FROM orders WHERE id = ${orderId})`;
  return [
    db.run(sql`
      UPDATE customer_stats SET orders = orders + 1, revenue_cents = revenue_cents + ${totalCents},
        last_order_at = max(coalesce(last_order_at, 0), ${placedAt})
      WHERE customer_id = ${buyer}`),
    addOrderCategories(db, orderId),
    refreshTopCategories(db, buyer),
  ] as const;
}

/**
 * Rewrites a profile's `top_categories` from its category counts: a few rows per customer,
 * however long the history. `customerId` is an SQL expression so callers can name the
 * customer through a subquery inside the same batch.
 */
export function refreshTopCategories(db: Db, customerId: SQL) {
  return db.run(sql`
    UPDATE customer_stats SET top_categories = (
      SELECT coalesce(json_group_array(json_object('category', category, 'count', count)), '[]') FROM (
        SELECT category, count FROM customer_categories WHERE customer_id = customer_stats.customer_id
        ORDER BY count DESC, category LIMIT ${TOP_CATEGORIES}
      )
    )
    WHERE customer_id = ${customerId}`);
}

/**
 * Recounts a profile's categories from what it viewed (product_view events, through the
 * catalogue, each weighted by the visible time of the page view it happened on: the session's
 * last page view before it) and bought (order lines). Walks the customer's history through its
 * indexes: for the repair job, not for the write path, which keeps the same sums as events come.
 */
export function recountCategories(db: Db, siteId: string, customerId: string) {
  return [
    db.run(sql`DELETE FROM customer_categories WHERE customer_id = ${customerId}`),
    addCategoryCounts(
      db,
      sql`SELECT ${customerId}, category, ${siteId}, count(*), sum(weight) FROM (
        SELECT * FROM (
          WITH e AS MATERIALIZED (
            SELECT properties, session_id, seq, type, dwell_ms,
              max(CASE WHEN type = 'page_view' THEN seq END) OVER (PARTITION BY session_id ORDER BY seq) AS view_seq
            FROM events WHERE customer_id = ${customerId} AND type IN ('page_view', 'product_view'))
          SELECT p.category AS category,
            1 + ${cappedDwell(sql`pages.dwell_ms`)} / ${MS_PER_MINUTE} AS weight
          FROM e JOIN products p ON p.site_id = ${siteId} AND p.sku = json_extract(e.properties, '$.sku')
          LEFT JOIN e pages ON pages.session_id = e.session_id AND pages.seq = e.view_seq AND pages.type = 'page_view'
          WHERE e.type = 'product_view')
        UNION ALL
        SELECT oi.category, 0 FROM orders o JOIN order_items oi ON oi.order_id = o.id
          WHERE o.customer_id = ${customerId} AND o.site_id = ${siteId} AND oi.category IS NOT NULL
      ) GROUP BY category`,
    ),
    refreshTopCategories(db, sql`${customerId}`),
  ] as const;
}

/**
 * Recomputes every counter of a profile from the rows themselves. The write path keeps them
 * as running totals; this is for the repair job after an import or a restore.
 */
export function recomputeStats(db: Db, siteId: string, customerId: string) {
  return db.run(sql`
    UPDATE customer_stats SET
      page_views = (SELECT count(*) FROM events WHERE customer_id = ${customerId} AND site_id = ${siteId} AND type = 'page_view'),
      total_dwell_ms = (SELECT coalesce(sum(dwell_ms), 0) FROM events WHERE customer_id = ${customerId} AND site_id = ${siteId} AND type = 'page_leave'),
      sessions = (SELECT count(*) FROM sessions WHERE customer_id = ${customerId} AND site_id = ${siteId}),
      orders = (SELECT count(*) FROM orders WHERE customer_id = ${customerId} AND site_id = ${siteId}),
      revenue_cents = (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE customer_id = ${customerId} AND site_id = ${siteId}),
      last_order_at = (SELECT max(placed_at) FROM orders WHERE customer_id = ${customerId} AND site_id = ${siteId})
    WHERE customer_id = ${customerId}`);
}

/**
 * Adds the anonymous profile's running totals and category counts to the target's, for a
 * merge. Exact: every event, session and order belongs to one profile, so the merged totals
 * are the sums (a session row is keyed by its id, so a session is never counted by both).
 * Runs before the anonymous profile is deleted, in the same batch.
 */
export function mergeStats(db: Db, from: string, to: string) {
  const of = (column: string) =>
    sql`coalesce((SELECT ${sql.raw(column)} FROM customer_stats WHERE customer_id = ${from}), 0)`;
  return [
    db.run(sql`
      UPDATE customer_stats SET
        page_views = page_views + ${of('page_views')},
        total_dwell_ms = total_dwell_ms + ${of('total_dwell_ms')},
        sessions = sessions + ${of('sessions')},
        orders = orders + ${of('orders')},
        revenue_cents = revenue_cents + ${of('revenue_cents')},
        last_order_at = (SELECT max(last_order_at) FROM customer_stats WHERE customer_id IN (${from}, ${to}))
      WHERE customer_id = ${to}`),
    addCategoryCounts(
      db,
      sql`SELECT ${to}, category, site_id, count, interest FROM customer_categories WHERE customer_id = ${from}`,
    ),
    refreshTopCategories(db, sql`${to}`),
  ] as const;
}
