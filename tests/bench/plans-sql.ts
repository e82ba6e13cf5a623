/**
 * The hot statements as the services issued them before the performance work (drizzle's
 * output for the query-builder ones), with named parameters. Copied, not imported, so these
 * stay the "before" plans while the services change.
 */

export interface HotStatement {
  name: string;
  sql: string;
  /** Table aliases the statement uses, so plan lines name the table. */
  aliases?: Record<string, string>;
}

const MINE = `site_id = :site AND event_id IN (SELECT value FROM json_each(:ids)) AND ingest_id = :ingest`;

const TOP_CATEGORIES = `UPDATE customer_stats SET top_categories = (
  SELECT coalesce(json_group_array(json_object('category', category, 'count', n)), '[]') FROM (
    SELECT category, count(*) AS n FROM (
      SELECT p.category AS category FROM events e
        JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
        WHERE e.site_id = :site AND e.customer_id = customer_stats.customer_id AND e.type = 'product_view'
      UNION ALL
      SELECT oi.category FROM order_items oi JOIN orders o ON o.id = oi.order_id
        WHERE o.site_id = :site AND o.customer_id = customer_stats.customer_id AND oi.category IS NOT NULL
    ) GROUP BY category ORDER BY n DESC, category LIMIT 5
  )
)
WHERE customer_id = :customer`;

const CUSTOMER_COLUMNS = `"id", "site_id", "external_id", "email", "name", "phone", "attributes", "consent", "first_seen_at", "last_seen_at", "identified_at"`;
const ORDER_COLUMNS = `"id", "site_id", "customer_id", "idempotency_key", "request_hash", "reference", "currency", "total_cents", "placed_at", "created_at"`;

export const statements: HotStatement[] = [
  // Every widget request.
  {
    name: 'site by publishable key',
    sql: `select "id", "name", "publishable_key", "secret_key_hash", "identity_secret", "visitor_token_secret", "allowed_origins", "created_at" from "sites" "sites" where "sites"."publishable_key" = :key limit :number`,
  },
  {
    name: 'visitor token → visitor',
    sql: `select "id", "site_id", "customer_id", "token_id", "revoked_at", "created_at", "last_seen_at" from "visitors" "visitors" where ("visitors"."id" = :visitor and "visitors"."site_id" = :site) limit :number`,
  },

  // POST /v1/events: one batch.
  {
    name: 'ingest: insert events',
    aliases: { e: 'json_each' },
    sql: `INSERT INTO events (site_id, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type,
      name, url, path, title, referrer, dwell_ms, view_id, properties, client_ts, server_ts)
    SELECT :site, json_extract(e.value, '$.id'), :ingest, :visitor, :customer,
      json_extract(e.value, '$.sessionId'), json_extract(e.value, '$.seq'), json_extract(e.value, '$.type'),
      json_extract(e.value, '$.name'), json_extract(e.value, '$.url'), json_extract(e.value, '$.path'),
      json_extract(e.value, '$.title'), json_extract(e.value, '$.referrer'), json_extract(e.value, '$.dwellMs'),
      json_extract(e.value, '$.viewId'), json_extract(e.value, '$.properties'), json_extract(e.value, '$.ts'), :now
    FROM json_each(:rows) AS e WHERE true ORDER BY e.key
    ON CONFLICT (site_id, event_id) DO NOTHING
    RETURNING event_id`,
  },
  {
    name: 'ingest: upsert sessions',
    sql: `INSERT INTO sessions (site_id, id, visitor_id, customer_id, started_at, last_seen_at, page_views, dwell_ms)
    SELECT site_id, session_id, visitor_id, customer_id, min(client_ts), max(client_ts),
           sum(type = 'page_view'), coalesce(sum(CASE WHEN type = 'page_leave' THEN dwell_ms END), 0)
    FROM events WHERE ${MINE} GROUP BY session_id
    ON CONFLICT (site_id, id) DO UPDATE SET
      started_at = min(sessions.started_at, excluded.started_at),
      last_seen_at = max(sessions.last_seen_at, excluded.last_seen_at),
      page_views = sessions.page_views + excluded.page_views,
      dwell_ms = sessions.dwell_ms + excluded.dwell_ms
    WHERE sessions.visitor_id = excluded.visitor_id`,
  },
  {
    name: 'ingest: copy page_leave dwell onto its page_view',
    aliases: { l: 'events' },
    sql: `UPDATE events SET dwell_ms = coalesce(dwell_ms, 0) + (
      SELECT coalesce(sum(l.dwell_ms), 0) FROM events l
      WHERE l.site_id = :site AND l.event_id IN (SELECT value FROM json_each(:ids)) AND l.ingest_id = :ingest AND l.view_id = events.event_id
    )
    WHERE site_id = :site AND customer_id = :customer AND type = 'page_view' AND event_id IN (
      SELECT view_id FROM events WHERE ${MINE} AND type = 'page_leave' AND view_id IS NOT NULL
    )`,
  },
  {
    name: 'ingest: profile counters',
    sql: `UPDATE customer_stats SET
      page_views = page_views + (SELECT count(*) FROM events WHERE ${MINE} AND type = 'page_view'),
      total_dwell_ms = total_dwell_ms + (SELECT coalesce(sum(dwell_ms), 0) FROM events WHERE ${MINE} AND type = 'page_leave'),
      sessions = (SELECT count(*) FROM sessions WHERE site_id = :site AND customer_id = :customer)
    WHERE customer_id = :customer`,
  },
  {
    name: 'refreshTopCategories (batches with a product_view, every order, every merge)',
    aliases: { e: 'events', p: 'products', oi: 'order_items', o: 'orders' },
    sql: TOP_CATEGORIES,
  },
  {
    name: 'ingest: daily figures (also visitors, identify, orders)',
    sql: `INSERT INTO site_daily (site_id, day, page_views, sessions) VALUES (:site, :day,
      (SELECT count(*) FROM events WHERE ${MINE} AND type = 'page_view'),
      (SELECT count(*) FROM events WHERE ${MINE} AND seq = 0))
    ON CONFLICT (site_id, day) DO UPDATE SET page_views = site_daily.page_views + excluded.page_views,
      sessions = site_daily.sessions + excluded.sessions`,
  },
  {
    name: 'ingest: daily views per page',
    sql: `INSERT INTO site_daily_pages (site_id, day, path, views)
      SELECT :site, :day, path, count(*) FROM events
      WHERE ${MINE} AND type = 'page_view' AND path IS NOT NULL GROUP BY path
      ON CONFLICT (site_id, day, path) DO UPDATE SET views = site_daily_pages.views + excluded.views`,
  },
  {
    name: 'ingest: daily views per product',
    sql: `INSERT INTO site_daily_products (site_id, day, sku, views)
      SELECT :site, :day, json_extract(properties, '$.sku') AS sku, count(*) FROM events
      WHERE ${MINE} AND type = 'product_view' AND json_extract(properties, '$.sku') IS NOT NULL GROUP BY sku
      ON CONFLICT (site_id, day, sku) DO UPDATE SET views = site_daily_products.views + excluded.views`,
  },
  {
    name: 'ingest: install check (origin last seen)',
    sql: `INSERT INTO site_origins (site_id, origin, first_event_at, last_event_at, events)
    SELECT :site, :text, :now, :now, count(*) FROM events WHERE ${MINE} HAVING count(*) > 0
    ON CONFLICT (site_id, origin) DO UPDATE SET
      last_event_at = excluded.last_event_at, events = site_origins.events + excluded.events`,
  },
  {
    name: 'ingest: touch customer',
    sql: `update "customers" set "last_seen_at" = max("customers"."last_seen_at", :now) where "customers"."id" = :customer`,
  },
  {
    name: 'ingest: touch visitor',
    sql: `update "visitors" set "last_seen_at" = :now where "visitors"."id" = :visitor`,
  },

  // POST /v1/identify with a merge.
  {
    name: 'identify: customer by id',
    sql: `select ${CUSTOMER_COLUMNS} from "customers" "customers" where "customers"."id" = :customer limit :number`,
  },
  {
    name: 'identify: customer by external id',
    sql: `select ${CUSTOMER_COLUMNS} from "customers" "customers" where ("customers"."site_id" = :site and "customers"."external_id" = :externalId) limit :number`,
  },
  ...['events', 'sessions', 'visitors', 'orders'].map((table) => ({
    name: `merge: move ${table}`,
    sql: `update "${table}" set "customer_id" = :text where ("${table}"."site_id" = :site and "${table}"."customer_id" = :customer)`,
  })),
  {
    name: 'merge: update the target customer',
    sql: `update "customers" set "email" = :text, "first_seen_at" = :now, "last_seen_at" = max("customers"."last_seen_at", :now) where "customers"."id" = :customer`,
  },
  {
    name: 'merge: recomputeStats',
    sql: `UPDATE customer_stats SET
      page_views = (SELECT count(*) FROM events WHERE site_id = :site AND customer_id = :customer AND type = 'page_view'),
      total_dwell_ms = (SELECT coalesce(sum(dwell_ms), 0) FROM events WHERE site_id = :site AND customer_id = :customer AND type = 'page_leave'),
      sessions = (SELECT count(*) FROM sessions WHERE site_id = :site AND customer_id = :customer),
      orders = (SELECT count(*) FROM orders WHERE site_id = :site AND customer_id = :customer),
      revenue_cents = (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE site_id = :site AND customer_id = :customer),
      last_order_at = (SELECT max(placed_at) FROM orders WHERE site_id = :site AND customer_id = :customer)
    WHERE customer_id = :customer`,
  },
  {
    name: 'merge: delete the anonymous customer',
    sql: `delete from "customers" where "customers"."id" = :customer`,
  },

  // POST /v1/orders.
  {
    name: 'orders: replay by idempotency key',
    sql: `select ${ORDER_COLUMNS} from "orders" "orders" where ("orders"."site_id" = :site and "orders"."idempotency_key" = :text) limit :number`,
  },
  {
    name: 'orders: catalogue of the lines',
    sql: `select "site_id", "sku", "name", "category", "price_cents" from "products" where ("products"."site_id" = :site and "products"."sku" IN (SELECT value FROM json_each(:skus)))`,
  },
  {
    name: 'orders: upsert the customer',
    sql: `insert into "customers" (${CUSTOMER_COLUMNS}) values (:text, :site, :externalId, :text, :text, null, '{}', 'unknown', :now, :now, :now) on conflict ("customers"."site_id", "customers"."external_id") do update set "email" = coalesce(excluded.email, "customers"."email"), "name" = coalesce(excluded.name, "customers"."name")`,
  },
  {
    name: 'orders: stats row',
    sql: `INSERT INTO customer_stats (customer_id, site_id) SELECT (SELECT id FROM customers WHERE site_id = :site AND external_id = :externalId), :site
      ON CONFLICT (customer_id) DO NOTHING`,
  },
  {
    name: 'orders: insert the order',
    sql: `insert into "orders" (${ORDER_COLUMNS}) values (:order, :site, (SELECT id FROM customers WHERE site_id = :site AND external_id = :externalId), :text, :text, :text, 'USD', :number, :now, :now) on conflict ("orders"."site_id", "orders"."idempotency_key") do nothing`,
  },
  {
    name: 'orders: insert the lines',
    sql: `INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
      SELECT :site, :order, json_extract(value, '$.sku'), json_extract(value, '$.name'),
        json_extract(value, '$.category'), json_extract(value, '$.quantity'), json_extract(value, '$.unitPriceCents')
      FROM json_each(:lines) WHERE EXISTS (SELECT 1 FROM orders WHERE id = :order) ORDER BY key`,
  },
  {
    name: 'orders: counters',
    sql: `update "customer_stats" set "orders" = "customer_stats"."orders" + 1, "revenue_cents" = "customer_stats"."revenue_cents" + :number, "last_order_at" = max(coalesce("customer_stats"."last_order_at", 0), :now) where "customer_stats"."customer_id" = (SELECT customer_id FROM orders WHERE id = :order)`,
  },
  {
    name: 'orders: daily orders and revenue',
    sql: `INSERT INTO site_daily (site_id, day, orders, revenue_cents) VALUES (:site, :day,
      (SELECT count(*) FROM orders WHERE id = :order), (SELECT :number * count(*) FROM orders WHERE id = :order))
    ON CONFLICT (site_id, day) DO UPDATE SET orders = site_daily.orders + excluded.orders,
      revenue_cents = site_daily.revenue_cents + excluded.revenue_cents`,
  },
  {
    name: 'orders: daily purchases per product',
    sql: `INSERT INTO site_daily_products (site_id, day, sku, orders)
      SELECT :site, :day, sku, count(*) FROM order_items
      WHERE site_id = :site AND order_id = :order AND EXISTS (SELECT 1 FROM orders WHERE id = :order AND site_id = :site)
      GROUP BY sku
      ON CONFLICT (site_id, day, sku) DO UPDATE SET orders = site_daily_products.orders + excluded.orders`,
  },
  {
    name: 'orders: the order by id (answer and replay)',
    sql: `select ${ORDER_COLUMNS} from "orders" where ("orders"."site_id" = :site and "orders"."id" in (:orderIds)) order by "orders"."placed_at" desc, "orders"."id" desc limit :number`,
  },

  // GET /v1/me and the staff profile.
  {
    name: '/v1/me: profile and stats',
    sql: `select "customers"."id", "customers"."site_id", "customers"."external_id", "customers"."email", "customers"."name", "customers"."phone", "customers"."attributes", "customers"."consent", "customers"."first_seen_at", "customers"."last_seen_at", "customers"."identified_at", "customer_stats"."customer_id", "customer_stats"."site_id", "customer_stats"."page_views", "customer_stats"."total_dwell_ms", "customer_stats"."sessions", "customer_stats"."orders", "customer_stats"."revenue_cents", "customer_stats"."last_order_at", "customer_stats"."top_categories" from "customers" left join "customer_stats" on "customer_stats"."customer_id" = "customers"."id" where ("customers"."site_id" = :site and "customers"."id" = :customer)`,
  },
  {
    name: '/v1/me: recent orders',
    sql: `select ${ORDER_COLUMNS} from "orders" where ("orders"."site_id" = :site and "orders"."customer_id" = :customer) order by "orders"."placed_at" desc, "orders"."id" desc limit :number`,
  },
  {
    name: '/v1/me: lines of those orders',
    sql: `select "id", "site_id", "order_id", "sku", "name", "category", "quantity", "unit_price_cents" from "order_items" where ("order_items"."site_id" = :site and "order_items"."order_id" in (:orderIds, :order)) order by "order_items"."id"`,
  },
  {
    name: '/v1/me: recent pages',
    sql: `select "path", "title", "client_ts", "dwell_ms" from "events" where ("events"."site_id" = :site and "events"."customer_id" = :customer and "events"."type" = 'page_view') order by "events"."id" desc limit :number`,
  },

  // GET /v1/customers?q=
  {
    name: 'staff search (q = email, name or external id)',
    sql: `select "customers"."id", "customers"."external_id", "customers"."email", "customers"."name", "customers"."last_seen_at", coalesce("customer_stats"."orders", 0), coalesce("customer_stats"."revenue_cents", 0) from "customers" left join "customer_stats" on "customer_stats"."customer_id" = "customers"."id" where ("customers"."site_id" = :site and "customers"."external_id" is not null and ("customers"."external_id" = :text or "customers"."email" LIKE :pattern ESCAPE '\\' or "customers"."name" LIKE :pattern ESCAPE '\\')) order by "customers"."last_seen_at" desc, "customers"."id" desc limit :limit`,
  },
];
