/**
 * Checks a sample of the generated big database against its own rows: profile counters,
 * category counts and top categories as recomputing them would give, sessions against their
 * events, page views against the leaves that closed them, orders against their lines.
 * Throws on any difference.
 */
import type { Client, InValue } from '@libsql/client';
import { BENCH_SITE, externalIdOf, tierRange, type TierName } from './population.ts';

/** Customer numbers checked: the edges of every tier with history, and two dormant ones. */
function sampleNumbers(): number[] {
  const tiers: TierName[] = ['heavy', 'regular', 'light', 'dormant'];
  return tiers.flatMap((name) => {
    const { first, count } = tierRange(name);
    return [first, first + 1, first + count - 1];
  });
}

/**
 * A profile's counters and categories recomputed from its rows, and its stored category
 * counts. CROSS JOIN keeps orders outside: left to itself the planner walks every order line
 * of the site.
 */
const RECOMPUTED = `SELECT
  (SELECT count(*) FROM events WHERE site_id = ?1 AND customer_id = ?2 AND type = 'page_view') AS page_views,
  (SELECT coalesce(sum(dwell_ms), 0) FROM events WHERE site_id = ?1 AND customer_id = ?2 AND type = 'page_leave')
    AS total_dwell_ms,
  (SELECT count(*) FROM sessions WHERE site_id = ?1 AND customer_id = ?2) AS sessions,
  (SELECT count(*) FROM orders WHERE site_id = ?1 AND customer_id = ?2) AS orders,
  (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE site_id = ?1 AND customer_id = ?2) AS revenue_cents,
  (SELECT max(placed_at) FROM orders WHERE site_id = ?1 AND customer_id = ?2) AS last_order_at,
  (SELECT coalesce(json_group_array(json_object('category', category, 'count', n)), '[]') FROM (
    SELECT category, count(*) AS n FROM (
      SELECT p.category AS category FROM events e
        JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
        WHERE e.site_id = ?1 AND e.customer_id = ?2 AND e.type = 'product_view'
      UNION ALL
      SELECT oi.category FROM orders o CROSS JOIN order_items oi ON oi.site_id = o.site_id AND oi.order_id = o.id
        WHERE o.site_id = ?1 AND o.customer_id = ?2 AND oi.category IS NOT NULL
    ) GROUP BY category ORDER BY n DESC, category LIMIT 5)) AS top_categories,
  (SELECT coalesce(json_group_array(json_object('category', category, 'count', n)), '[]') FROM (
    SELECT category, count(*) AS n FROM (
      SELECT p.category AS category FROM events e
        JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
        WHERE e.site_id = ?1 AND e.customer_id = ?2 AND e.type = 'product_view'
      UNION ALL
      SELECT oi.category FROM orders o CROSS JOIN order_items oi ON oi.site_id = o.site_id AND oi.order_id = o.id
        WHERE o.site_id = ?1 AND o.customer_id = ?2 AND oi.category IS NOT NULL
    ) GROUP BY category ORDER BY category)) AS categories,
  (SELECT coalesce(json_group_array(json_object('category', category, 'count', count)), '[]') FROM (
    SELECT category, count FROM customer_categories WHERE customer_id = ?2 ORDER BY category)) AS stored_categories,
  (SELECT max(client_ts) FROM events WHERE site_id = ?1 AND customer_id = ?2) AS last_event_at`;

/** Rows that disagree with the events they summarise; each query must answer 0. */
const DISAGREEING = {
  sessions: `SELECT count(*) AS n FROM sessions s WHERE s.site_id = ?1 AND s.customer_id = ?2 AND (
      s.page_views != (SELECT count(*) FROM events e WHERE e.site_id = ?1 AND e.customer_id = ?2
        AND e.session_id = s.id AND e.type = 'page_view')
      OR s.dwell_ms != (SELECT coalesce(sum(dwell_ms), 0) FROM events e WHERE e.site_id = ?1 AND e.customer_id = ?2
        AND e.session_id = s.id AND e.type = 'page_leave'))`,
  'page views': `SELECT count(*) AS n FROM events l JOIN events v ON v.site_id = l.site_id AND v.event_id = l.view_id
      WHERE l.site_id = ?1 AND l.customer_id = ?2 AND l.type = 'page_leave'
        AND (v.dwell_ms IS NOT l.dwell_ms OR v.type != 'page_view' OR v.customer_id != l.customer_id)`,
  'event visitors': `SELECT count(*) AS n FROM events e JOIN visitors v ON v.id = e.visitor_id
      WHERE e.site_id = ?1 AND e.customer_id = ?2 AND v.customer_id != e.customer_id`,
  orders: `SELECT count(*) AS n FROM orders o WHERE o.site_id = ?1 AND o.customer_id = ?2 AND o.total_cents !=
      (SELECT sum(quantity * unit_price_cents) FROM order_items WHERE site_id = ?1 AND order_id = o.id)`,
};

async function one(client: Client, sql: string, args: InValue[]) {
  const rs = await client.execute({ sql, args });
  const row = rs.rows[0];
  if (!row) throw new Error(`no row from ${sql.slice(0, 60)}`);
  return row;
}

export async function verifySample(client: Client): Promise<void> {
  const site = BENCH_SITE.id;
  const identified = sampleNumbers().map(externalIdOf);
  const rs = await client.execute({
    sql: `SELECT id FROM customers WHERE site_id = ? AND (external_id IN (SELECT value FROM json_each(?))
            OR id IN (SELECT id FROM customers WHERE site_id = ? AND external_id IS NULL LIMIT 3))`,
    args: [site, JSON.stringify(identified), site],
  });
  if (rs.rows.length !== identified.length + 3) throw new Error(`sample has ${rs.rows.length} customers`);
  const problems: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  for (const { id } of rs.rows) {
    if (typeof id !== 'string') throw new Error('customer id is not text');
    const customerId = id;
    const args = [site, customerId];
    const want = await one(client, RECOMPUTED, args);
    const stats = await one(
      client,
      'SELECT * FROM customer_stats WHERE site_id = ?1 AND customer_id = ?2',
      args,
    );
    const customer = await one(
      client,
      'SELECT last_seen_at FROM customers WHERE site_id = ?1 AND id = ?2',
      args,
    );
    for (const column of [
      'page_views',
      'total_dwell_ms',
      'sessions',
      'orders',
      'revenue_cents',
      'last_order_at',
    ]) {
      if (stats[column] !== want[column])
        problems.push(`${customerId} ${column}: ${show(stats[column])} ≠ ${show(want[column])}`);
    }
    if (stats.top_categories !== want.top_categories) {
      problems.push(
        `${customerId} top_categories: ${show(stats.top_categories)} ≠ ${show(want.top_categories)}`,
      );
    }
    if (want.categories !== want.stored_categories) {
      problems.push(
        `${customerId} customer_categories: ${show(want.stored_categories)} ≠ ${show(want.categories)}`,
      );
    }
    if (want.last_event_at !== null && customer.last_seen_at !== want.last_event_at) {
      problems.push(
        `${customerId} last_seen_at ${show(customer.last_seen_at)} ≠ ${show(want.last_event_at)}`,
      );
    }
    for (const [what, sql] of Object.entries(DISAGREEING)) {
      const n = Number((await one(client, sql, args)).n);
      if (n !== 0) problems.push(`${customerId}: ${n} ${what} disagree with their rows`);
    }
  }
  if (problems.length > 0) throw new Error(`generated rows are inconsistent:\n${problems.join('\n')}`);
}
