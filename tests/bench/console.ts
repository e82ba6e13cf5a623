/**
 * The staff console's figures, part of `npm run bench`: the customers list at 100,000 customers,
 * the customer 360 of a customer with 10,000 events, and sign-in (the password hash's cost,
 * which must stay well inside what a Workers request may spend). The data is made with SQL on
 * a fresh embedded database; the requests go over real HTTP to the production Node entry.
 * Prints figures only; every request must succeed or the run fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceContext } from '../../worker/app.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { createStaff } from '../../worker/modules/staff/accounts.ts';
import { hashPassword, verifyPassword } from '../../worker/modules/staff/passwords.ts';
import { start } from '../../worker/node.ts';

const CUSTOMERS = 100_000;
const HEAVY_EVENTS = 10_000;
const EVENTS_PER_SESSION = 100;
const REQUESTS = 200;
const SIGN_INS = 10;

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const summary: { figure: string; value: string }[] = [];
const note = (figure: string, value: string) => {
  summary.push({ figure, value });
  console.log(`  ${figure}: ${value}`);
};

async function timed(samples: number[], request: () => Promise<Response>) {
  const started = performance.now();
  const res = await request();
  const body = await res.text();
  samples.push(performance.now() - started);
  if (res.status >= 300) throw new Error(`answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

const dir = await mkdtemp(join(tmpdir(), 'crm-bench-console-'));
const server = await start({ dbUrl: `file:${join(dir, 'console.db')}`, port: 0, rateLimitPerMinute: 1e9 });
try {
  const { db, client } = server.database;
  const ctx = serviceContext({ db });
  const { site } = await createSite(ctx, { name: 'Bench console', allowedOrigins: ['http://bench.local'] });
  const generating = performance.now();
  const now = Date.now();
  // Customers seen over the last 90 days, a third identified, some with orders in their totals.
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO customers (id, site_id, external_id, email, name, first_seen_at, last_seen_at, identified_at)
      SELECT printf('c%08d', i), ?, CASE WHEN i % 3 = 0 THEN printf('ext-%d', i) END,
        CASE WHEN i % 3 = 0 THEN printf('shopper%d@example.com', i) END,
        CASE WHEN i % 3 = 0 THEN printf('Shopper %d', i) END,
        ? - (i * 7919 % 7776000000), ? - (i * 104729 % 7776000), CASE WHEN i % 3 = 0 THEN ? END FROM n`,
    args: [CUSTOMERS, site.id, now, now, now],
  });
  await client.execute({
    sql: `INSERT INTO customer_stats (customer_id, site_id, page_views, sessions, orders, revenue_cents)
      SELECT id, site_id, abs(random() % 50), 1 + abs(random() % 5), abs(random() % 4), abs(random() % 40000)
      FROM customers WHERE site_id = ?`,
    args: [site.id],
  });
  const heavy = 'c00000003';
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
      INSERT INTO events (site_id, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type, path, title,
        dwell_ms, client_ts, server_ts)
      SELECT ?, printf('heavy-%06d', i), 'bench', 'v-heavy', ?, printf('s-%04d', i / ?), i % ?, 'page_view',
        printf('/page/%d', i % 97), printf('Page %d', i % 97), 1000 + i % 60000, ? + i * 1000, ? + i * 1000 FROM n`,
    args: [
      HEAVY_EVENTS,
      site.id,
      heavy,
      EVENTS_PER_SESSION,
      EVENTS_PER_SESSION,
      now - HEAVY_EVENTS * 1000,
      now - HEAVY_EVENTS * 1000,
    ],
  });
  await client.execute({
    sql: `INSERT INTO sessions (site_id, id, visitor_id, customer_id, started_at, last_seen_at, page_views, dwell_ms)
      SELECT site_id, session_id, visitor_id, customer_id, min(client_ts), max(client_ts), count(*), sum(dwell_ms)
      FROM events WHERE customer_id = ? GROUP BY session_id`,
    args: [heavy],
  });
  await client.execute('ANALYZE');
  note('console data made (100,000 customers, one with 10,000 events)', ms(performance.now() - generating));

  const password = 'a long bench password';
  await createStaff(ctx, { email: 'bench@staff.example', name: 'Bench', password, role: 'owner' }, null);
  const origin = server.origin;
  const signInTimes: number[] = [];
  let cookie = '';
  for (let i = 0; i < SIGN_INS; i++) {
    const started = performance.now();
    const res = await fetch(`${origin}/console/api/sign-in`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench@staff.example', password }),
    });
    signInTimes.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    cookie = (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  }
  note(
    'sign-in over HTTP p50 / max',
    `${ms(percentile(signInTimes, 0.5))} / ${ms(Math.max(...signInTimes))}`,
  );
  const hash = await hashPassword(password);
  const kdfStarted = performance.now();
  await verifyPassword(password, hash);
  note(
    'PBKDF2-SHA256 600,000 iterations alone (the CPU a Workers sign-in spends)',
    ms(performance.now() - kdfStarted),
  );

  const get = (path: string) => () =>
    fetch(`${origin}/console/api/sites/${site.id}${path}`, { headers: { Cookie: cookie } });
  for (const [label, path] of [
    ['customers list, last seen', '/customers?limit=50'],
    ['customers list, by revenue', '/customers?sort=revenue&limit=50'],
    ['customers list, identified with orders', '/customers?identified=yes&hasOrders=yes&limit=50'],
    ['customers list, search "shopper12"', '/customers?q=shopper12&limit=50'],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) await timed(samples, get(path));
    note(
      `${label} at 100,000 customers p50 / p99`,
      `${ms(percentile(samples, 0.5))} / ${ms(percentile(samples, 0.99))}`,
    );
  }
  const pages: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < REQUESTS; i++) {
    const body = await timed(
      pages,
      get(`/customers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    cursor = (JSON.parse(body) as { nextCursor: string | null }).nextCursor;
  }
  note(
    'customers list, 200 pages deep p50 / p99',
    `${ms(percentile(pages, 0.5))} / ${ms(percentile(pages, 0.99))}`,
  );
  const profile: number[] = [];
  for (let i = 0; i < REQUESTS; i++) await timed(profile, get(`/customers/${heavy}`));
  note(
    'customer 360 with 10,000 events p50 / p99',
    `${ms(percentile(profile, 0.5))} / ${ms(percentile(profile, 0.99))}`,
  );
  const overview: number[] = [];
  for (let i = 0; i < REQUESTS; i++) await timed(overview, get('/overview?days=30'));
  note('home (30 days) p50 / p99', `${ms(percentile(overview, 0.5))} / ${ms(percentile(overview, 0.99))}`);
  console.log('\nConsole summary');
  console.table(summary);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
