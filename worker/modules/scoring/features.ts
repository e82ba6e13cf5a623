import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';
import type { Features } from './models.ts';

const DAY = 86_400_000;

/** A keyset position: the sort value and the customer id of the last row handled. */
export type Key = [number, string];

/** Where a page of profiles comes from: a site's index walked from a key. */
export type PageSource = 'customers' | 'buyers';

/**
 * The page of profiles after `after`, as a CTE `page(id, first_seen_at, k)`, `k` the walked
 * key: `customers` walks (site, last_seen_at, id); `buyers` walks customer_stats' (site,
 * last_order_at, customer_id), for the buyers of orders since a time. Both read only the page.
 */
function pageCte(source: PageSource, siteId: string, after: Key, size: number): SQL {
  if (source === 'customers') {
    return sql`page AS (
      SELECT id, first_seen_at, last_seen_at, last_seen_at AS k FROM customers
      WHERE site_id = ${siteId} AND (last_seen_at, id) > (${after[0]}, ${after[1]})
      ORDER BY last_seen_at, id LIMIT ${size})`;
  }
  return sql`buyers AS (
      SELECT customer_id, last_order_at FROM customer_stats
      WHERE site_id = ${siteId} AND (last_order_at, customer_id) > (${after[0]}, ${after[1]})
      ORDER BY last_order_at, customer_id LIMIT ${size}),
    page AS (
      SELECT buyers.customer_id AS id, customers.first_seen_at, customers.last_seen_at, buyers.last_order_at AS k
      FROM buyers JOIN customers ON customers.id = buyers.customer_id)`;
}

/** One profile of a page, with its features and the key it was reached by. */
export interface FeatureRow extends Features {
  customerId: string;
  key: number;
  /** Category → interest weight (views weighted by dwell). */
  interests: Record<string, number>;
}

interface RawRow {
  id: string;
  k: number;
  first_seen_at: number;
  last_seen_at: number;
  orders: number | null;
  revenue: number | null;
  first_at: number | null;
  last_at: number | null;
  mean_gap: number | null;
  mean_gap_sq: number | null;
  early: number | null;
  recent: number | null;
  sessions: number | null;
  recent_sessions: number | null;
  last_session: number | null;
  bad: number | null;
  interests: string;
}

/**
 * Reads the features of one page of profiles in one statement: order count, revenue, first and
 * last order, the gaps between orders (LAG over each customer's orders in time), spend of the
 * earlier and later half (ROW_NUMBER against the count), sessions (all and the last 30 days)
 * and browsing interests (the dwell-weighted views per category that ingestion keeps in
 * `customer_categories`). Everything goes through the customer-led indexes of orders, sessions,
 * tickets and category counts, so the cost follows the page's own history; no event is read.
 */
export async function readFeatures(
  db: Db,
  siteId: string,
  source: PageSource,
  after: Key,
  size: number,
  now: number,
  /**
   * Back-test: read history only before this time (default: all of it). Interests are kept as
   * running sums, not by time, and are left out of a cut history (churn does not use them).
   */
  asOf = Number.MAX_SAFE_INTEGER,
): Promise<FeatureRow[]> {
  const rows = await db.all<RawRow>(sql`
    WITH ${pageCte(source, siteId, after, size)},
    o AS (
      SELECT customer_id, placed_at, total_cents,
        placed_at - lag(placed_at) OVER w AS gap,
        row_number() OVER w AS rn,
        count(*) OVER (PARTITION BY customer_id) AS n
      FROM orders WHERE customer_id IN (SELECT id FROM page) AND placed_at < ${asOf}
      WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at, id)),
    agg AS (
      SELECT customer_id, count(*) AS orders, sum(total_cents) AS revenue,
        min(placed_at) AS first_at, max(placed_at) AS last_at,
        avg(gap) AS mean_gap, avg(gap * gap) AS mean_gap_sq,
        sum(CASE WHEN rn * 2 <= n THEN total_cents ELSE 0 END) AS early,
        sum(CASE WHEN rn * 2 > n THEN total_cents ELSE 0 END) AS recent
      FROM o GROUP BY customer_id),
    v AS (
      SELECT customer_id, count(*) AS sessions,
        sum(started_at >= ${now - 30 * DAY}) AS recent_sessions, max(started_at) AS last_session
      FROM sessions WHERE customer_id IN (SELECT id FROM page) AND started_at < ${asOf}
      GROUP BY customer_id),
    -- Complaints still open and service rated badly (1–2 stars): through the customer-led indexes.
    t AS (
      SELECT customer_id, sum(n) AS bad FROM (
        SELECT customer_id, count(*) AS n FROM tickets
        WHERE customer_id IN (SELECT id FROM page) AND created_at < ${asOf} AND status IN ('open', 'pending')
        GROUP BY customer_id
        UNION ALL
        SELECT customer_id, count(*) FROM ratings
        WHERE customer_id IN (SELECT id FROM page) AND created_at < ${asOf} AND stars <= 2
        GROUP BY customer_id)
      GROUP BY customer_id),
    i AS (
      SELECT customer_id, json_group_object(category, round(interest, 2)) AS interests
      FROM customer_categories WHERE customer_id IN (SELECT id FROM page) AND interest > 0
        AND ${asOf === Number.MAX_SAFE_INTEGER ? 1 : 0} = 1
      GROUP BY customer_id)
    SELECT page.id, page.k, page.first_seen_at, page.last_seen_at, agg.orders, agg.revenue, agg.first_at, agg.last_at,
      agg.mean_gap, agg.mean_gap_sq, agg.early, agg.recent,
      v.sessions, v.recent_sessions, v.last_session, t.bad, coalesce(i.interests, '{}') AS interests
    FROM page
    LEFT JOIN agg ON agg.customer_id = page.id
    LEFT JOIN v ON v.customer_id = page.id
    LEFT JOIN i ON i.customer_id = page.id
    LEFT JOIN t ON t.customer_id = page.id
    ORDER BY page.k, page.id`);
  return rows.map((r) => ({
    customerId: r.id,
    key: r.k,
    orders: r.orders ?? 0,
    revenueCents: r.revenue ?? 0,
    firstOrderAt: r.first_at,
    lastOrderAt: r.last_at,
    meanGapMs: r.mean_gap,
    meanGapSqMs: r.mean_gap_sq,
    earlySpendCents: r.early ?? 0,
    recentSpendCents: r.recent ?? 0,
    sessions: r.sessions ?? 0,
    recentSessions: r.recent_sessions ?? 0,
    lastSessionAt: r.last_session,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    badTickets: r.bad ?? 0,
    interests: JSON.parse(r.interests) as Record<string, number>,
  }));
}
