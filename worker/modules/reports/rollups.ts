import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';

/** The UTC day of an epoch-ms time, as the rollup tables key it. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

type DailyColumn = 'page_views' | 'sessions' | 'new_visitors' | 'identified' | 'orders' | 'revenue_cents';

/**
 * Adds to one day's figures of a site: one upsert, to put in the batch of the write it counts.
 * With `from` (a FROM … WHERE clause), the values are aggregates over those rows: one pass
 * gives every column, and no rows give a row of zeros.
 */
export function addToDay(
  db: Db,
  siteId: string,
  now: number,
  add: Partial<Record<DailyColumn, number | SQL>>,
  from?: SQL,
) {
  const entries = Object.entries(add) as [DailyColumn, number | SQL][];
  const columns = sql.raw(entries.map(([column]) => column).join(', '));
  const values = sql.join(
    entries.map(([, value]) => sql`${value}`),
    sql`, `,
  );
  const updates = sql.raw(
    entries.map(([column]) => `${column} = site_daily.${column} + excluded.${column}`).join(', '),
  );
  const source = from
    ? sql`SELECT ${siteId}, ${utcDay(now)}, ${values} ${from}`
    : sql`VALUES (${siteId}, ${utcDay(now)}, ${values})`;
  return db.run(sql`
    INSERT INTO site_daily (site_id, day, ${columns}) ${source}
    ON CONFLICT (site_id, day) DO UPDATE SET ${updates}`);
}

/**
 * What an ingestion batch adds to the day's figures, read from the rows the batch itself
 * inserted (`mine`), so a re-sent batch adds nothing: page views, sessions begun, and views per
 * page and per product.
 */
export function ingestionRollups(db: Db, siteId: string, now: number, mine: SQL) {
  const day = utcDay(now);
  return [
    addToDay(
      db,
      siteId,
      now,
      {
        page_views: sql`count(CASE WHEN type = 'page_view' THEN 1 END)`,
        sessions: sql`count(CASE WHEN seq = 0 THEN 1 END)`,
      },
      sql`FROM events WHERE ${mine}`,
    ),
    db.run(sql`
      INSERT INTO site_daily_pages (site_id, day, path, views)
      SELECT ${siteId}, ${day}, path, count(*) FROM events
      WHERE ${mine} AND type = 'page_view' AND path IS NOT NULL GROUP BY path
      ON CONFLICT (site_id, day, path) DO UPDATE SET views = site_daily_pages.views + excluded.views`),
    db.run(sql`
      INSERT INTO site_daily_products (site_id, day, sku, views)
      SELECT ${siteId}, ${day}, json_extract(properties, '$.sku') AS sku, count(*) FROM events
      WHERE ${mine} AND type = 'product_view' AND json_extract(properties, '$.sku') IS NOT NULL GROUP BY sku
      ON CONFLICT (site_id, day, sku) DO UPDATE SET views = site_daily_products.views + excluded.views`),
  ];
}

/**
 * What a recorded order adds: the order and its revenue to the day it was placed, and a
 * purchase to each of its products. `inserted` is true only when the order row is new, so a
 * replayed order adds nothing.
 */
export function orderRollups(db: Db, siteId: string, placedAt: number, orderId: string, totalCents: number) {
  const isNew = sql`EXISTS (SELECT 1 FROM orders WHERE id = ${orderId} AND site_id = ${siteId})`;
  return [
    addToDay(
      db,
      siteId,
      placedAt,
      { orders: sql`count(*)`, revenue_cents: sql`${totalCents} * count(*)` },
      sql`FROM orders WHERE id = ${orderId}`,
    ),
    db.run(sql`
      INSERT INTO site_daily_products (site_id, day, sku, orders)
      SELECT ${siteId}, ${utcDay(placedAt)}, sku, count(*) FROM order_items
      WHERE site_id = ${siteId} AND order_id = ${orderId} AND ${isNew} GROUP BY sku
      ON CONFLICT (site_id, day, sku) DO UPDATE SET orders = site_daily_products.orders + excluded.orders`),
  ];
}
