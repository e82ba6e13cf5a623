/**
 * The SQL that fills the big bench database, step by step. Scratch tables (`gen_*`, in the
 * connection's temp schema) decide who did what and when; the real tables are then filled
 * from them in time order, so row ids follow time as they would after a year of traffic.
 *
 * What the rows look like, following the services (tracking, orders, identity):
 * - a session is 10 events sent in 4 requests (one ingest id each): the entry page's view,
 *   then per page a `page_leave` (view id + dwell) closing the previous view, a `page_view`,
 *   `product_view` with a real sku, and one `add_to_cart`; the last view stays open;
 *   page views carry the dwell of the leave that closed them, as ingestion copies it;
 * - event ids are UUIDv7 of the event's client time; server time is when its request came;
 * - sessions, visitors, customers, `customer_stats` and `customer_categories` hold what
 *   ingestion, orders and merges would have accumulated (counters, dwell, first/last seen,
 *   category counts and the top five), and the daily rollups and the install check's origin
 *   what the batches and orders added to them.
 */
import { RANDOM_ID_SQL as RID, uuidv7Sql } from './ids.ts';
import {
  BENCH_SITE,
  CATEGORIES,
  PRODUCTS_PER_CATEGORY,
  SHOP_URL,
  TIERS,
  personSql,
  tierRange,
} from './population.ts';

/** Bumped when the generated rows change, so the cache is rebuilt. */
export const GENERATOR_VERSION = 3;

/** The year of history, epoch ms. */
export interface Window {
  start: number;
  end: number;
}

export interface Step {
  name: string;
  statements: string[];
}

const SITE = `'${BENCH_SITE.id}'`;
const SESSIONS_PER_STATEMENT = 50_000;
const TOTAL_SESSIONS = TIERS.reduce((sum, t) => sum + t.count * t.sessions, 0);
const TOTAL_ORDERS = TIERS.reduce((sum, t) => sum + t.count * t.orders, 0);

/** A product a customer looks at or buys: mostly from two favourite categories. */
const pickProduct = (customerN: string) =>
  `(CASE WHEN (random() & 3) = 0 THEN abs(random()) % ${CATEGORIES.length}
     ELSE (${customerN} + (random() & 1) * 7) % ${CATEGORIES.length} END) * ${PRODUCTS_PER_CATEGORY}
   + abs(random()) % ${PRODUCTS_PER_CATEGORY}`;

/** Client times of the session's four page views, from its start and dwell times. */
const view = (s: string) => ({
  v0: `${s}started_at`,
  v2: `${s}started_at + ${s}d0 + 400`,
  v5: `${s}started_at + ${s}d0 + ${s}d2 + 800`,
  v9: `${s}started_at + ${s}d0 + ${s}d2 + ${s}d5 + 1200`,
});

interface EventStep {
  type: string;
  page: 'entry' | 'a' | 'b' | 'cart';
  /** Which of the session's 4 requests carried it. */
  batch: 0 | 1 | 2 | 3;
  at: string;
  id?: string;
  dwell?: string;
  viewId?: string;
  referrer?: string;
  /** The product of a `product_view` or `add_to_cart`. */
  sku?: string;
}

const T = view('s.');
/** The 10 events of a session, in `seq` order. */
const SESSION: EventStep[] = [
  {
    type: 'page_view',
    page: 'entry',
    batch: 0,
    at: T.v0,
    id: 's.v0',
    dwell: 's.d0',
    referrer: 's.entry_ref',
  },
  { type: 'page_leave', page: 'entry', batch: 1, at: `${T.v0} + s.d0`, dwell: 's.d0', viewId: 's.v0' },
  { type: 'page_view', page: 'a', batch: 1, at: T.v2, id: 's.v2', dwell: 's.d2', referrer: `'${SHOP_URL}/'` },
  {
    type: 'product_view',
    page: 'a',
    batch: 1,
    at: `${T.v2} + 800`,
    sku: 's.a_sku',
  },
  { type: 'page_leave', page: 'a', batch: 2, at: `${T.v2} + s.d2`, dwell: 's.d2', viewId: 's.v2' },
  { type: 'page_view', page: 'b', batch: 2, at: T.v5, id: 's.v5', dwell: 's.d5', referrer: 's.a_url' },
  {
    type: 'product_view',
    page: 'b',
    batch: 2,
    at: `${T.v5} + 800`,
    sku: 's.b_sku',
  },
  {
    type: 'add_to_cart',
    page: 'b',
    batch: 3,
    at: `${T.v5} + s.d5 / 2`,
    sku: 's.b_sku',
  },
  { type: 'page_leave', page: 'b', batch: 3, at: `${T.v5} + s.d5`, dwell: 's.d5', viewId: 's.v5' },
  { type: 'page_view', page: 'cart', batch: 3, at: T.v9, id: 's.v9', referrer: 's.b_url' },
];
/** When each request reached the server: just after its last event. */
const RECEIVED = [`${T.v0} + 250`, `${T.v2} + 1050`, `${T.v5} + 1050`, `${T.v9} + 250`];
const PAGES = {
  entry: { url: `'${SHOP_URL}/'`, path: `'/'`, title: `'Bench Shop'` },
  a: { url: 's.a_url', path: 's.a_path', title: 's.a_title' },
  b: { url: 's.b_url', path: 's.b_path', title: 's.b_title' },
  cart: { url: `'${SHOP_URL}/cart'`, path: `'/cart'`, title: `'Your cart | Bench Shop'` },
};

/** The properties the tracker sends: the sku, and a quantity when added to the cart. */
const properties = (e: EventStep) =>
  !e.sku ? 'NULL' : `json_object('sku', ${e.sku}${e.type === 'add_to_cart' ? ", 'quantity', 1" : ''})`;

function eventSelect(e: EventStep, seq: number): string {
  const page = PAGES[e.page];
  const hasTitle = e.type === 'page_view' || e.type === 'page_leave';
  return `SELECT s.n AS n, ${seq} AS seq, ${e.id ?? uuidv7Sql(e.at)} AS event_id, s.b${e.batch} AS ingest_id,
    s.visitor_id, s.customer_id, s.id AS session_id, '${e.type}' AS type, ${page.url} AS url, ${page.path} AS path,
    ${hasTitle ? page.title : 'NULL'} AS title, ${e.referrer ?? 'NULL'} AS referrer, ${e.dwell ?? 'NULL'} AS dwell_ms,
    ${e.viewId ?? 'NULL'} AS view_id, ${properties(e)} AS properties, ${e.at} AS client_ts,
    ${RECEIVED[e.batch] ?? ''} AS server_ts FROM s`;
}

function eventsStatement(first: number, last: number): string {
  return `WITH s AS MATERIALIZED (
      SELECT g.*, c.id AS customer_id, v.id AS visitor_id,
        pa.sku AS a_sku, pa.url AS a_url, pa.path AS a_path, pa.title AS a_title,
        pb.sku AS b_sku, pb.url AS b_url, pb.path AS b_path, pb.title AS b_title
      FROM gen_sessions g JOIN gen_customers c ON c.n = g.customer_n
        JOIN gen_visitors v ON v.customer_n = g.customer_n AND v.k = g.visitor_k
        JOIN gen_products pa ON pa.idx = g.a JOIN gen_products pb ON pb.idx = g.b
      WHERE g.n BETWEEN ${first} AND ${last})
    INSERT INTO events (site_id, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type, name, url,
      path, title, referrer, dwell_ms, view_id, properties, client_ts, server_ts)
    SELECT ${SITE}, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type, NULL, url, path, title,
      referrer, dwell_ms, view_id, properties, client_ts, server_ts
    FROM (${SESSION.map(eventSelect).join('\nUNION ALL\n')})
    ORDER BY n, seq`;
}

/** Spreads `count` rows (sessions, orders) over the window in a random order of their owners. */
function shuffled(count: number, window: Window) {
  const step = Math.floor((window.end - window.start - 3_600_000) / count);
  return { step, at: (n: string) => `${window.start} + ${n} * ${step} + abs(random()) % ${step}` };
}

/** Every statement, in order, grouped into steps that are timed on their own. */
export function generationSteps(window: Window): Step[] {
  const sessions = shuffled(TOTAL_SESSIONS, window);
  const orders = shuffled(TOTAL_ORDERS, window);
  const dormant = tierRange('dormant');
  const dormantStep = Math.floor((window.end - window.start) / dormant.count);
  const person = personSql('c.n');
  const tierRows = TIERS.map((tier, index) => {
    const { first, count } = tierRange(tier.name);
    return `INSERT INTO gen_customers SELECT value, ${RID}, ${index}, ${tier.sessions}, ${tier.visitors},
      ${tier.orders}, ${tier.identified ? 1 : 0} FROM generate_series(${first}, ${first + count - 1})`;
  });
  const V = view('');
  const eventChunks: string[] = [];
  for (let first = 0; first < TOTAL_SESSIONS; first += SESSIONS_PER_STATEMENT) {
    eventChunks.push(eventsStatement(first, Math.min(TOTAL_SESSIONS, first + SESSIONS_PER_STATEMENT) - 1));
  }

  return [
    {
      name: 'catalogue, customers and visitors (scratch)',
      statements: [
        `CREATE TEMP TABLE gen_products (idx INTEGER PRIMARY KEY, sku TEXT, name TEXT, category TEXT, price INTEGER,
          url TEXT, path TEXT, title TEXT)`,
        `INSERT INTO gen_products SELECT CAST(substr(sku, 5) AS INTEGER), sku, name, category, price_cents,
          '${SHOP_URL}/products/' || lower(sku), '/products/' || lower(sku), name || ' | Bench Shop'
          FROM products WHERE site_id = ${SITE}`,
        `CREATE TEMP TABLE gen_customers (n INTEGER PRIMARY KEY, id TEXT NOT NULL, tier INTEGER, sessions INTEGER,
          visitors INTEGER, orders INTEGER, identified INTEGER)`,
        ...tierRows,
        `CREATE TEMP TABLE gen_visitors (customer_n INTEGER, k INTEGER, id TEXT, token_id TEXT,
          PRIMARY KEY (customer_n, k)) WITHOUT ROWID`,
        `INSERT INTO gen_visitors SELECT c.n, v.value, ${RID}, ${RID}
          FROM gen_customers c, generate_series(0, c.visitors - 1) v`,
      ],
    },
    {
      name: `${TOTAL_SESSIONS.toLocaleString('en-US')} sessions (scratch)`,
      statements: [
        `CREATE TEMP TABLE gen_sessions (n INTEGER PRIMARY KEY, id TEXT, customer_n INTEGER, visitor_k INTEGER,
          started_at INTEGER, d0 INTEGER, d2 INTEGER, d5 INTEGER, a INTEGER, b INTEGER, entry_ref TEXT,
          b0 TEXT, b1 TEXT, b2 TEXT, b3 TEXT, v0 TEXT, v2 TEXT, v5 TEXT, v9 TEXT)`,
        `WITH slots AS MATERIALIZED (
            SELECT row_number() OVER (ORDER BY r) - 1 AS n, customer_n, k % visitors AS visitor_k FROM (
              SELECT c.n AS customer_n, s.value AS k, c.visitors, random() AS r
              FROM gen_customers c, generate_series(0, c.sessions - 1) s WHERE c.sessions > 0)),
          timed AS MATERIALIZED (
            SELECT n, customer_n, visitor_k, ${sessions.at('n')} AS started_at,
              3000 + abs(random()) % 180000 AS d0, 3000 + abs(random()) % 180000 AS d2,
              3000 + abs(random()) % 180000 AS d5, ${pickProduct('customer_n')} AS a, ${pickProduct('customer_n')} AS b,
              CASE abs(random()) % 4 WHEN 0 THEN 'https://www.google.com/'
                WHEN 1 THEN 'https://news.example.net/gift-guide' END AS entry_ref
            FROM slots)
        INSERT INTO gen_sessions SELECT n, ${RID}, customer_n, visitor_k, started_at, d0, d2, d5, a, b, entry_ref,
          ${RID}, ${RID}, ${RID}, ${RID}, ${uuidv7Sql(V.v0)}, ${uuidv7Sql(V.v2)}, ${uuidv7Sql(V.v5)},
          ${uuidv7Sql(V.v9)}
        FROM timed ORDER BY n`,
      ],
    },
    {
      name: `${TOTAL_ORDERS.toLocaleString('en-US')} orders and their lines (scratch)`,
      statements: [
        `CREATE TEMP TABLE gen_orders (n INTEGER PRIMARY KEY, id TEXT, customer_n INTEGER, placed_at INTEGER,
          items INTEGER, total INTEGER)`,
        `WITH slots AS MATERIALIZED (
            SELECT row_number() OVER (ORDER BY r) - 1 AS n, customer_n FROM (
              SELECT c.n AS customer_n, random() AS r
              FROM gen_customers c, generate_series(1, c.orders) WHERE c.orders > 0))
        INSERT INTO gen_orders (n, id, customer_n, placed_at, items)
        SELECT n, ${RID}, customer_n, ${orders.at('n')}, 2 + abs(random()) % 2 FROM slots ORDER BY n`,
        `CREATE TEMP TABLE gen_items (order_n INTEGER, i INTEGER, product INTEGER, quantity INTEGER,
          PRIMARY KEY (order_n, i)) WITHOUT ROWID`,
        `INSERT INTO gen_items SELECT o.n, i.value, ${pickProduct('o.customer_n')}, 1 + (abs(random()) % 3 = 0)
          FROM gen_orders o, generate_series(0, o.items - 1) i`,
        `UPDATE gen_orders SET total = (SELECT sum(i.quantity * p.price) FROM gen_items i
          JOIN gen_products p ON p.idx = i.product WHERE i.order_n = gen_orders.n)`,
      ],
    },
    {
      name: 'profiles: first and last seen, counters, top categories (scratch)',
      statements: [
        // Every category a customer viewed (product views) or bought (order lines), how often, and
        // the interest: each view 1 + the minutes of the page it was on (product a on page a, b on b).
        `CREATE TEMP TABLE gen_categories AS
          SELECT customer_n, category, count(*) AS n, sum(interest) AS interest FROM (
            SELECT s.customer_n, p.category, 1 + min(s.d2, 600000) / 60000.0 AS interest
              FROM gen_sessions s JOIN gen_products p ON p.idx = s.a
            UNION ALL SELECT s.customer_n, p.category, 1 + min(s.d5, 600000) / 60000.0
              FROM gen_sessions s JOIN gen_products p ON p.idx = s.b
            UNION ALL SELECT o.customer_n, p.category, 0 FROM gen_items i JOIN gen_orders o ON o.n = i.order_n
              JOIN gen_products p ON p.idx = i.product)
          GROUP BY customer_n, category`,
        `CREATE TEMP TABLE gen_top AS
          SELECT customer_n, json_group_array(json_object('category', category, 'count', n) ORDER BY n DESC, category)
            AS top
          FROM (SELECT customer_n, category, n,
                  row_number() OVER (PARTITION BY customer_n ORDER BY n DESC, category) AS rank
                FROM gen_categories)
          WHERE rank <= 5 GROUP BY customer_n`,
        `CREATE TEMP TABLE gen_profiles AS
          SELECT c.n AS n,
            coalesce(min(s.first - 500, coalesce(o.first, s.first)),
              ${window.start} + (c.n - ${dormant.first}) * ${dormantStep}) AS first_seen,
            coalesce(s.last, ${window.start} + (c.n - ${dormant.first}) * ${dormantStep} + 60000) AS last_seen,
            CASE WHEN c.identified THEN coalesce(min(s.first + 60000, coalesce(o.first, s.first + 60000)),
              ${window.start} + (c.n - ${dormant.first}) * ${dormantStep} + 60000) END AS identified_at,
            coalesce(s.page_views, 0) AS page_views, coalesce(s.dwell, 0) AS dwell, coalesce(s.count, 0) AS sessions,
            coalesce(o.count, 0) AS orders, coalesce(o.revenue, 0) AS revenue, o.last AS last_order,
            coalesce(t.top, '[]') AS top
          FROM gen_customers c
          LEFT JOIN (SELECT customer_n, min(started_at) AS first, max(${V.v9}) AS last, 4 * count(*) AS page_views,
              sum(d0 + d2 + d5) AS dwell, count(*) AS count FROM gen_sessions GROUP BY customer_n) s
            ON s.customer_n = c.n
          LEFT JOIN (SELECT customer_n, min(placed_at) AS first, max(placed_at) AS last, count(*) AS count,
              sum(total) AS revenue FROM gen_orders GROUP BY customer_n) o ON o.customer_n = c.n
          LEFT JOIN gen_top t ON t.customer_n = c.n`,
      ],
    },
    {
      name: 'customers, customer_stats, customer_categories, visitors, sessions',
      statements: [
        `INSERT INTO customers (id, site_id, external_id, email, name, phone, attributes, consent, first_seen_at,
            last_seen_at, identified_at)
          SELECT c.id, ${SITE}, CASE WHEN c.identified THEN ${person.externalId} END,
            CASE WHEN c.identified THEN ${person.email} END, CASE WHEN c.identified THEN ${person.name} END,
            CASE WHEN c.identified AND c.n % 4 = 0 THEN '+1 555 ' || printf('%07d', c.n) END, '{}',
            CASE c.n % 3 WHEN 0 THEN 'granted' ELSE 'unknown' END, p.first_seen, p.last_seen, p.identified_at
          FROM gen_customers c JOIN gen_profiles p ON p.n = c.n ORDER BY p.first_seen, c.n`,
        `INSERT INTO customer_stats (customer_id, site_id, page_views, total_dwell_ms, sessions, orders, revenue_cents,
            last_order_at, top_categories)
          SELECT c.id, ${SITE}, p.page_views, p.dwell, p.sessions, p.orders, p.revenue, p.last_order, p.top
          FROM gen_customers c JOIN gen_profiles p ON p.n = c.n ORDER BY p.first_seen, c.n`,
        `INSERT INTO customer_categories (customer_id, category, site_id, count, interest)
          SELECT c.id, g.category, ${SITE}, g.n, g.interest FROM gen_categories g JOIN gen_customers c ON c.n = g.customer_n
          JOIN gen_profiles p ON p.n = g.customer_n ORDER BY p.first_seen, c.n, g.category`,
        `INSERT INTO visitors (id, site_id, customer_id, token_id, revoked_at, created_at, last_seen_at)
          SELECT v.id, ${SITE}, c.id, v.token_id, NULL, coalesce(s.first - 500, p.first_seen),
            coalesce(s.last, p.first_seen)
          FROM gen_visitors v JOIN gen_customers c ON c.n = v.customer_n JOIN gen_profiles p ON p.n = v.customer_n
          LEFT JOIN (SELECT customer_n, visitor_k, min(started_at) AS first, max(${V.v9}) + 250 AS last
            FROM gen_sessions GROUP BY customer_n, visitor_k) s ON s.customer_n = v.customer_n AND s.visitor_k = v.k
          ORDER BY 6, v.customer_n, v.k`,
        `INSERT INTO sessions (site_id, id, visitor_id, customer_id, started_at, last_seen_at, page_views, dwell_ms)
          SELECT ${SITE}, s.id, v.id, c.id, s.started_at, ${T.v9}, 4,
            s.d0 + s.d2 + s.d5
          FROM gen_sessions s JOIN gen_customers c ON c.n = s.customer_n
          JOIN gen_visitors v ON v.customer_n = s.customer_n AND v.k = s.visitor_k ORDER BY s.n`,
      ],
    },
    { name: `events, ${SESSIONS_PER_STATEMENT * 10} per statement`, statements: eventChunks },
    {
      name: 'orders and order_items',
      statements: [
        `INSERT INTO orders (id, site_id, customer_id, idempotency_key, request_hash, reference, currency, total_cents,
            placed_at, created_at)
          SELECT o.id, ${SITE}, c.id, ${uuidv7Sql('o.placed_at')}, lower(hex(randomblob(32))), '#' || (100000 + o.n),
            'USD', o.total, o.placed_at, o.placed_at + 300
          FROM gen_orders o JOIN gen_customers c ON c.n = o.customer_n ORDER BY o.n`,
        `INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
          SELECT ${SITE}, o.id, p.sku, p.name, p.category, i.quantity, p.price
          FROM gen_items i JOIN gen_orders o ON o.n = i.order_n JOIN gen_products p ON p.idx = i.product
          ORDER BY i.order_n, i.i`,
      ],
    },
    {
      name: 'daily rollups and the install check',
      statements: rollupStatements(),
    },
  ];
}

/** UTC day of an epoch-ms SQL expression, as the rollups key it (`utcDay`). */
const day = (ms: string) => `date((${ms}) / 1000, 'unixepoch')`;

/** What ingestion, visitors, identify and orders added to the daily rollups, counted from what was generated. */
function rollupStatements(): string[] {
  // Per event the rollups count: page views (per day and path, and sessions begun) and product views.
  const counted = SESSION.flatMap((e, seq) =>
    e.type === 'page_view' || e.type === 'product_view'
      ? [
          `SELECT ${day(RECEIVED[e.batch] ?? '')} AS day, '${e.type}' AS type,
            ${e.type === 'page_view' ? PAGES[e.page].path : 'NULL'} AS path, ${seq === 0 ? 1 : 0} AS first,
            ${e.sku ?? 'NULL'} AS sku FROM s`,
        ]
      : [],
  );
  return [
    // From the scratch tables, not the 10M events and 2.5M lines: the same days, paths and skus,
    // a fraction of the reading.
    `CREATE TEMP TABLE gen_event_days AS
      WITH s AS MATERIALIZED (
        SELECT g.*, pa.sku AS a_sku, pa.path AS a_path, pb.sku AS b_sku, pb.path AS b_path
        FROM gen_sessions g JOIN gen_products pa ON pa.idx = g.a JOIN gen_products pb ON pb.idx = g.b)
      SELECT day, type, path, first, sku, count(*) AS n FROM (${counted.join('\nUNION ALL\n')})
      GROUP BY 1, 2, 3, 4, 5`,
    `INSERT INTO site_daily (site_id, day, page_views, sessions, new_visitors, identified, orders, revenue_cents)
      SELECT ${SITE}, day, sum(page_views), sum(sessions), sum(new_visitors), sum(identified), sum(orders),
        sum(revenue)
      FROM (
        SELECT day, sum(CASE WHEN type = 'page_view' THEN n ELSE 0 END) AS page_views,
          sum(CASE WHEN first THEN n ELSE 0 END) AS sessions, 0 AS new_visitors, 0 AS identified, 0 AS orders,
          0 AS revenue
        FROM gen_event_days GROUP BY day
        UNION ALL SELECT ${day('created_at')}, 0, 0, count(*), 0, 0, 0 FROM visitors WHERE site_id = ${SITE} GROUP BY 1
        UNION ALL SELECT ${day('identified_at')}, 0, 0, 0, count(*), 0, 0 FROM customers
          WHERE site_id = ${SITE} AND identified_at IS NOT NULL GROUP BY 1
        UNION ALL SELECT ${day('placed_at')}, 0, 0, 0, 0, count(*), sum(total) FROM gen_orders GROUP BY 1)
      GROUP BY day ORDER BY day`,
    `INSERT INTO site_daily_pages (site_id, day, path, views)
      SELECT ${SITE}, day, path, sum(n) FROM gen_event_days WHERE type = 'page_view' AND path IS NOT NULL
      GROUP BY day, path ORDER BY day, path`,
    `INSERT INTO site_daily_products (site_id, day, sku, views, orders)
      SELECT ${SITE}, day, sku, sum(views), sum(orders) FROM (
        SELECT day, sku, n AS views, 0 AS orders FROM gen_event_days WHERE type = 'product_view' AND sku IS NOT NULL
        UNION ALL SELECT ${day('o.placed_at')}, p.sku, 0, count(*) FROM gen_items i
          JOIN gen_orders o ON o.n = i.order_n JOIN gen_products p ON p.idx = i.product GROUP BY 1, 2)
      GROUP BY day, sku ORDER BY day, sku`,
    `INSERT INTO site_origins (site_id, origin, first_event_at, last_event_at, events)
      SELECT ${SITE}, '${SHOP_URL}', (SELECT server_ts FROM events ORDER BY id LIMIT 1),
        (SELECT server_ts FROM events ORDER BY id DESC LIMIT 1), ${TOTAL_SESSIONS * SESSION.length}`,
  ];
}
