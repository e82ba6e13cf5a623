/**
 * Customer-intelligence bench: `node tests/bench/scoring.ts [--customers N] [--events N] [--fresh]`.
 *
 * Builds (once, cached under `data/bench-scoring/<key>/`) a site with 100,000 customers, about
 * 1,000,000 order lines and 5,000,000 events by SQL on the migrated schema — the rows the write
 * path would leave, as tests/bench/generate.ts does — with planted churners: a fifth of the
 * customers buy at their own cadence and stop some time before the back-test's cut. Then it
 * reports, on a copy of that database: a full scoring pass, an incremental pass after 1,000 new
 * orders, peak memory, and the churn back-test's AUC (history cut 180 days before the end). `--customers 10000 --events 500000` makes a tenth of it in seconds.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDb, type OpenDatabase } from '../../db/client.ts';
import { MIGRATIONS_DIR, migrateDb } from '../../db/migrate.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { backtest } from '../../worker/modules/scoring/backtest.ts';
import { startPass, step, type PassState } from '../../worker/modules/scoring/pass.ts';
import { createSite } from '../../worker/modules/sites/service.ts';

const DAY = 86_400_000;
/** The end of the generated history; the bench's "now". */
const END = Date.UTC(2026, 10, 1);
/** The back-test cut: 180 days before the end, with the 180 days after as the outcome. */
const CUT = END - 180 * DAY;
const GENERATOR_VERSION = 3;

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    events: { type: 'string', default: '5000000' },
    fresh: { type: 'boolean', default: false },
  },
});
const CUSTOMERS = Number(values.customers);
const EVENTS = Number(values.events);
const EVENTS_PER_CUSTOMER = Math.max(0, Math.round(EVENTS / CUSTOMERS));

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const seconds = (since: number) => (performance.now() - since) / 1000;

async function cacheKey(): Promise<string> {
  const hash = createHash('sha256').update(`v${GENERATOR_VERSION} ${CUSTOMERS} ${EVENTS_PER_CUSTOMER}\n`);
  for (const name of (await readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql')).sort()) {
    hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The generated site, all by INSERT … SELECT over recursive CTEs. Customer n's kind is n mod 10:
 * 0–1 churners (regular orders that stop 20–170 days before the cut, visits too), 2–7 regulars
 * (ordering every 60–240 days until the end), 8–9 occasional buyers (one order, a second after
 * the cut for a third of them). Baskets pair each first item with a complement (sku + 100), so
 * the rule mining has something to find; views favour the customer's own category.
 */
async function generate(database: OpenDatabase, siteId: string): Promise<Record<string, number>> {
  const { client } = database;
  const run = (sql: string) => client.execute(sql);
  await run('PRAGMA foreign_keys = OFF');
  await run(`INSERT INTO products (site_id, sku, name, category, price_cents)
    WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 199)
    SELECT '${siteId}', 'SKU-' || i, 'Product ' || i, 'Category ' || (i % 20), 500 + (i * 37) % 5000 FROM s`);
  await run(`CREATE TEMP TABLE gen AS
    WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${CUSTOMERS})
    SELECT n, n % 10 AS kind, 60 + (n * 7919) % 181 AS gap_days,
      ${END - 730 * DAY} + ((n * 104729) % 200) * ${DAY} AS start,
      CASE WHEN n % 10 < 2 THEN ${CUT} - (20 + (n * 31) % 150) * ${DAY} ELSE ${END} END AS stop
    FROM c`);
  await run(`INSERT INTO customers (id, site_id, external_id, email, name, attributes, consent,
      first_seen_at, last_seen_at, identified_at)
    SELECT 'cust' || n, '${siteId}', 'ext' || n, 'c' || n || '@bench.example', 'Customer ' || n, '{}',
      'granted', start, stop - (1 + n % 5) * ${DAY}, start FROM gen`);
  await run(`CREATE TEMP TABLE gen_orders AS
    WITH RECURSIVE o(n, k, at) AS (
      SELECT n, 0, start FROM gen
      UNION ALL
      SELECT o.n, o.k + 1,
        o.at + CAST(gen.gap_days * (80 + ((o.n * 13 + o.k * 7) % 41)) / 100.0 * ${DAY} AS INTEGER)
      FROM o JOIN gen ON gen.n = o.n
      WHERE gen.kind < 8 AND o.at + gen.gap_days * ${DAY} < gen.stop)
    SELECT o.n, o.k, o.at FROM o JOIN gen ON gen.n = o.n WHERE o.at < gen.stop
    UNION ALL
    SELECT n, 1, ${CUT} + ((n * 17) % 170) * ${DAY} FROM gen WHERE kind >= 8 AND n % 3 = 0`);
  await run(`INSERT INTO orders (id, site_id, customer_id, idempotency_key, request_hash, currency,
      total_cents, placed_at, created_at)
    SELECT 'ord' || n || '-' || k, '${siteId}', 'cust' || n, 'key' || n || '-' || k, 'bench', 'USD', 0, at, at
    FROM gen_orders`);
  // 1–5 lines an order (3 on average); the second line complements the first.
  await run(`INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
    WITH RECURSIVE l(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM l WHERE i < 4),
    lines AS (
      SELECT g.n, g.k, l.i,
        CASE WHEN l.i = 1 THEN ((g.n % 20) * 10 + (g.n + g.k) % 10 + 100) % 200
             ELSE ((g.n % 20) * 10 + (g.n * 3 + g.k * 7 + l.i * 11) % 10 + (CASE WHEN l.i > 1 THEN (g.k * 37) % 200 ELSE 0 END)) % 200
        END AS sku
      FROM gen_orders g JOIN l ON l.i <= (g.n + g.k) % 5)
    SELECT '${siteId}', 'ord' || n || '-' || k, 'SKU-' || sku, 'Product ' || sku, 'Category ' || (sku % 20),
      1, 500 + (sku * 37) % 5000 FROM lines`);
  await run(`UPDATE orders SET total_cents = (
      SELECT sum(quantity * unit_price_cents) FROM order_items WHERE order_id = orders.id)`);
  await run(`INSERT INTO customer_stats (customer_id, site_id, orders, revenue_cents, last_order_at)
    SELECT 'cust' || n, '${siteId}', 0, 0, NULL FROM gen`);
  await run(`UPDATE customer_stats SET (orders, revenue_cents, last_order_at) = (
      SELECT count(*), coalesce(sum(total_cents), 0), max(placed_at) FROM orders
      WHERE customer_id = customer_stats.customer_id)`);
  // Five sessions a customer over their active span; events: views in pairs (a page, its product).
  await run(`INSERT INTO sessions (site_id, id, visitor_id, customer_id, started_at, last_seen_at, page_views, dwell_ms)
    WITH RECURSIVE s(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM s WHERE j < 4)
    SELECT '${siteId}', 'sess' || n || '-' || j, 'vis' || n, 'cust' || n,
      start + (stop - start) * j / 5, start + (stop - start) * j / 5 + 600000, 0, 0
    FROM gen JOIN s`);
  if (EVENTS_PER_CUSTOMER > 0) {
    await run(`INSERT INTO events (site_id, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type,
        path, dwell_ms, properties, client_ts, server_ts)
      WITH RECURSIVE e(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM e WHERE i < ${EVENTS_PER_CUSTOMER - 1}),
      ev AS (
        SELECT g.n, e.i, g.start + (g.stop - g.start) * (e.i * 5 / ${EVENTS_PER_CUSTOMER}) / 5 + e.i * 1000 AS ts,
          CASE WHEN (g.n + e.i / 2) % 10 < 7 THEN (g.n % 20) * 10 + (e.i / 2) % 10 ELSE (g.n * 7 + e.i * 13) % 200 END AS sku
        FROM gen g JOIN e)
      SELECT '${siteId}', 'ev' || n || '-' || i, 'bench', 'vis' || n, 'cust' || n,
        'sess' || n || '-' || (i * 5 / ${EVENTS_PER_CUSTOMER}), i,
        CASE WHEN i % 2 = 0 THEN 'page_view' ELSE 'product_view' END,
        '/p/' || sku,
        CASE WHEN i % 2 = 0 THEN 5000 + (n * i) % 120000 END,
        CASE WHEN i % 2 = 1 THEN json_object('sku', 'SKU-' || sku) END, ts, ts
      FROM ev`);
  }
  // The category counts and dwell-weighted interests the write path keeps: each product view
  // counts 1 + its page view's minutes (the event before it), each order line 1 without interest.
  await run(`INSERT INTO customer_categories (customer_id, category, site_id, count, interest)
    SELECT customer_id, category, '${siteId}', sum(n), sum(interest) FROM (
      SELECT e.customer_id, p.category, 1 AS n,
        1 + min(coalesce(v.dwell_ms, 0), 600000) / 60000.0 AS interest
      FROM events e
      JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
      LEFT JOIN events v ON v.site_id = e.site_id
        AND v.event_id = 'ev' || substr(e.customer_id, 5) || '-' || (e.seq - 1)
      WHERE e.type = 'product_view'
      UNION ALL
      SELECT o.customer_id, oi.category, 1, 0 FROM orders o JOIN order_items oi ON oi.order_id = o.id)
    GROUP BY customer_id, category`);
  await run('PRAGMA foreign_keys = ON');
  const counts: Record<string, number> = {};
  for (const table of ['customers', 'orders', 'order_items', 'events', 'sessions', 'customer_categories']) {
    const rs = await client.execute(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rs.rows[0]?.n ?? 0);
  }
  return counts;
}

interface Cached {
  siteId: string;
  counts: Record<string, number>;
  generationSeconds: number;
}

async function cachedDatabase(): Promise<{ file: string; meta: Cached }> {
  const dir = join(root, 'data/bench-scoring', await cacheKey());
  const file = join(dir, 'scoring.db');
  const metaFile = join(dir, 'meta.json');
  if (!values.fresh && existsSync(metaFile)) {
    return { file, meta: JSON.parse(await readFile(metaFile, 'utf8')) as Cached };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const database = await openDb(`file:${file}`);
  await migrateDb(database.db);
  const { site } = await createSite(
    { db: database.db, now: () => END - 800 * DAY, newId },
    { name: 'Scoring bench', allowedOrigins: ['https://bench.example'] },
  );
  console.log(`generating ${CUSTOMERS} customers, ~${EVENTS} events …`);
  const counts = await generate(database, site.id);
  // The copy below takes the main file only: everything must be in it.
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  database.client.close();
  const meta: Cached = { siteId: site.id, counts, generationSeconds: seconds(started) };
  await writeFile(metaFile, JSON.stringify(meta, null, 2));
  return { file, meta };
}

const { file, meta } = await cachedDatabase();
console.log(`dataset: ${JSON.stringify(meta.counts)} (generated in ${meta.generationSeconds.toFixed(1)} s)`);

// Scored on a copy, so the cached database stays unscored for the next run.
const work = join(root, 'data/bench-scoring/work.db');
const removeWork = () => Promise.all(['', '-wal', '-shm'].map((end) => rm(`${work}${end}`, { force: true })));
await removeWork();
await copyFile(file, work);
const database = await openDb(`file:${work}`);
let clock = END;
// As the command line runs it (`npm run crm -- scoring run`): a Node process reads ahead.
const ctx = { db: database.db, now: () => clock, newId, readAhead: true };

/** Runs a pass step by step, as the job does, timing each phase. */
async function timedPass(
  kind: 'full' | 'incremental',
): Promise<{ state: PassState; phases: Record<string, number> }> {
  const state = await startPass(ctx, meta.siteId, kind);
  const phases: Record<string, number> = {};
  for (;;) {
    const phase = state.phase;
    const at = performance.now();
    const { done } = await step(ctx, state);
    phases[phase] = (phases[phase] ?? 0) + seconds(at);
    if (done) return { state, phases };
  }
}

peakRss = 0;
let started = performance.now();
const { state: full, phases } = await timedPass('full');
const fullSeconds = seconds(started);

// 1,000 new orders from existing customers, written as the order path writes them (the order,
// its line, the profile's totals), then the incremental pass.
clock = END + DAY;
await database.client.execute(`
  INSERT INTO orders (id, site_id, customer_id, idempotency_key, request_hash, currency, total_cents, placed_at, created_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1000)
  SELECT 'new' || i, '${meta.siteId}', 'cust' || ((i * 97) % ${CUSTOMERS} + 1), 'new' || i, 'bench', 'USD', 2500, ${clock}, ${clock}
  FROM k`);
await database.client.execute(`
  INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
  SELECT site_id, id, 'SKU-1', 'Product 1', 'Category 1', 1, 2500 FROM orders WHERE id LIKE 'new%'`);
await database.client.execute(`
  UPDATE customer_stats SET orders = orders + 1, revenue_cents = revenue_cents + 2500, last_order_at = ${clock}
  WHERE customer_id IN (SELECT customer_id FROM orders WHERE id LIKE 'new%')`);
clock += 1000;
started = performance.now();
const { state: incremental } = await timedPass('incremental');
const incrementalSeconds = seconds(started);

started = performance.now();
const result = await backtest(ctx, meta.siteId, CUT, 180);
const backtestSeconds = seconds(started);
clearInterval(sampler);
const peak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
database.client.close();
await removeWork();

const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
console.log('full pass by phase (s):');
console.table(Object.fromEntries(Object.entries(phases).map(([phase, s]) => [phase, Number(s.toFixed(1))])));
console.table([
  {
    measure: 'full scoring pass',
    value: `${fullSeconds.toFixed(1)} s (${full.scored} profiles)`,
    goal: '≤ 30 s',
    met: ok(fullSeconds <= 30),
  },
  {
    measure: 'incremental after 1,000 orders',
    value: `${incrementalSeconds.toFixed(2)} s (${incremental.scored} profiles)`,
    goal: '≤ 2 s',
    met: ok(incrementalSeconds <= 2),
  },
  { measure: 'peak memory (RSS)', value: `${(peak / 1024 / 1024).toFixed(0)} MB`, goal: '', met: '' },
  {
    measure: 'churn back-test AUC',
    value: `${result.auc.toFixed(3)} (${result.churned} of ${result.buyers} buyers did not return; ${backtestSeconds.toFixed(1)} s)`,
    goal: '≥ 0.75',
    met: ok(result.auc >= 0.75),
  },
]);
