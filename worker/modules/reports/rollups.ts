import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';

/** The UTC day of an epoch-ms time, as the rollup tables key it. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

type DailyColumn = 'page_views' | 'sessions' | 'new_visitors' | 'identified' | 'orders' | 'revenue_cents';

/** Adds to one day's figures of a site: one upsert, to put in the batch of the write it counts. */
export function addToDay(
  db: Db,
  siteId: string,
  now: number,
  add: Partial<Record<DailyColumn, number | SQL>>,
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
  return db.run(sql`
    INSERT INTO site_daily (site_id, day, ${columns}) VALUES (${siteId}, ${utcDay(now)}, ${values})
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
    // Both counts in one pass over the batch's rows (no rows: a row of zeros, as before).
    db.run(sql`
      INSERT INTO site_daily (site_id, day, page_views, sessions)
      SELECT ${siteId}, ${day}, count(CASE WHEN type = 'page_view' THEN 1 END), count(CASE WHEN seq = 0 THEN 1 END)
      FROM events WHERE ${mine}
      ON CONFLICT (site_id, day) DO UPDATE SET page_views = site_daily.page_views + excluded.page_views,
        sessions = site_daily.sessions + excluded.sessions`),
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
    addToDay(db, siteId, placedAt, {
      orders: sql`(SELECT count(*) FROM orders WHERE id = ${orderId})`,
      revenue_cents: sql`(SELECT ${totalCents} * count(*) FROM orders WHERE id = ${orderId})`,
    }),
    db.run(sql`
      INSERT INTO site_daily_products (site_id, day, sku, orders)
      SELECT ${siteId}, ${utcDay(placedAt)}, sku, count(*) FROM order_items
      WHERE site_id = ${siteId} AND order_id = ${orderId} AND ${isNew} GROUP BY sku
      ON CONFLICT (site_id, day, sku) DO UPDATE SET orders = site_daily_products.orders + excluded.orders`),
  ];
}
