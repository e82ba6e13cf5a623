/**
 * The service desk's figures, part of `npm run bench`: routing with 5,000 service sites,
 * ticket creation, and the staff queue at 100,000 tickets. Service sites and the 100,000
 * tickets are made with SQL on a fresh embedded database (the real migrations); tickets are
 * created through the real service (routing, limits, the batch), since the per-address limit
 * allows one client only 20 an hour over HTTP; the queue is read over real HTTP from the
 * production Node entry. Prints figures only; every request must succeed or the run fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceContext } from '../../worker/app.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { createStaff } from '../../worker/modules/staff/accounts.ts';
import { createTicket } from '../../worker/modules/tickets/service.ts';
import { routeTicket } from '../../worker/modules/tickets/routing.ts';
import { start } from '../../worker/node.ts';

const SERVICE_SITES = 5_000;
const TICKETS = 100_000;
const CUSTOMERS = 10_000;
const ROUTES = 2_000;
const CREATES = 500;
const REQUESTS = 100;

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const rows: { figure: string; p50: string; p99: string }[] = [];
const record = (figure: string, samples: number[]) => {
  rows.push({ figure, p50: ms(percentile(samples, 0.5)), p99: ms(percentile(samples, 0.99)) });
  console.log(`  ${figure}: p50 ${ms(percentile(samples, 0.5))}, p99 ${ms(percentile(samples, 0.99))}`);
};

/** A deterministic pseudo-random sequence, so runs compare. */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
/** A point on land-ish latitudes anywhere in longitude. */
const point = () => ({ lat: -55 + random() * 125, lng: -180 + random() * 360 });

const dir = await mkdtemp(join(tmpdir(), 'crm-bench-tickets-'));
const server = await start({ dbUrl: `file:${join(dir, 'tickets.db')}`, port: 0, rateLimitPerMinute: 1e9 });
try {
  const { db, client } = server.database;
  const ctx = serviceContext({ db });
  const { site } = await createSite(ctx, { name: 'Bench service', allowedOrigins: ['http://bench.local'] });
  const made = performance.now();
  const categories = ['Repair', 'Returns', 'Delivery', 'Other'];
  const sites = Array.from({ length: SERVICE_SITES }, (_, i) => ({ i, ...point() }));
  for (let start = 0; start < sites.length; start += 500) {
    await client.batch(
      sites.slice(start, start + 500).map((s) => ({
        sql: `INSERT INTO service_sites (id, site_id, name, lat, lng, categories, active, is_default, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
        args: [
          `svc${String(s.i).padStart(6, '0')}`,
          site.id,
          `Service site ${s.i}`,
          s.lat,
          s.lng,
          JSON.stringify(categories.filter((_, c) => (s.i + c) % 3 !== 0)),
          s.i % 10 === 0 ? 0 : 1,
          s.i === 1 ? 1 : 0,
        ],
      })),
    );
  }
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO customers (id, site_id, external_id, name, first_seen_at, last_seen_at, identified_at)
      SELECT printf('bc%06d', i), ?, printf('ext-%d', i), printf('Customer %d', i), 0, 0, 0 FROM n`,
    args: [CUSTOMERS, site.id],
  });
  const now = Date.now();
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO tickets (id, site_id, customer_id, reference, category, subject, body, status, priority,
        priority_rank, channel, service_site_id, distance_m, routing_reason, tags, access_token_hash,
        created_at, updated_at, first_response_at, resolved_at, first_response_due_at, resolution_due_at)
      SELECT printf('bt%07d', i), ?, printf('bc%06d', 1 + i % ?), printf('T-B%07d', i),
        CASE i % 4 WHEN 0 THEN 'Repair' WHEN 1 THEN 'Returns' WHEN 2 THEN 'Delivery' ELSE 'Other' END,
        printf('Ticket %d', i), 'Body',
        CASE WHEN i % 10 < 6 THEN 'closed' WHEN i % 10 < 8 THEN 'resolved' WHEN i % 10 = 8 THEN 'pending' ELSE 'open' END,
        CASE i % 7 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' WHEN 6 THEN 'low' ELSE 'normal' END,
        CASE i % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 6 THEN 3 ELSE 2 END,
        'web', printf('svc%06d', i % ?), 1000, 'shared', '[]', 'x',
        ? - i * 25000, ? - i * 25000,
        CASE WHEN i % 10 < 8 THEN ? - i * 25000 + 3600000 END,
        CASE WHEN i % 10 < 8 THEN ? - i * 25000 + 86400000 END,
        ? - i * 25000 + 86400000, ? - i * 25000 + 259200000
      FROM n`,
    args: [TICKETS, site.id, CUSTOMERS, SERVICE_SITES, now, now, now, now, now, now],
  });
  await client.execute('ANALYZE');
  console.log(
    `  data made (${SERVICE_SITES} service sites, ${TICKETS} tickets): ${ms(performance.now() - made)}`,
  );

  // Routing: the nearest eligible of 5,000 sites from random points.
  const routing: number[] = [];
  for (let i = 0; i < ROUTES; i++) {
    const from = point();
    const started = performance.now();
    await routeTicket(ctx, site.id, categories[i % 4] ?? 'Repair', { shared: from });
    routing.push(performance.now() - started);
  }
  record(`routing among ${SERVICE_SITES} service sites`, routing);

  // Creation through the service: validation, limits, routing, the ticket and its event in one batch.
  const creating: number[] = [];
  for (let i = 0; i < CREATES; i++) {
    const started = performance.now();
    await createTicket(
      ctx,
      site,
      `bc${String(1 + (i % CUSTOMERS)).padStart(6, '0')}`,
      `bench-create-${i}`,
      { category: 'Repair', subject: `Bench ${i}`, body: 'Bench ticket body', location: point() },
      { addressHash: `bench-address-${i}`, requestLocation: null, links: { origin: server.origin } },
    );
    creating.push(performance.now() - started);
  }
  record(`ticket creation (service, ${TICKETS.toLocaleString('en')} tickets present)`, creating);

  // The queue over HTTP, signed in as an owner.
  const password = 'a long bench password';
  await createStaff(ctx, { email: 'bench@staff.example', name: 'Bench', password, role: 'owner' }, null);
  const signIn = await fetch(`${server.origin}/console/api/sign-in`, {
    method: 'POST',
    headers: { Origin: server.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'bench@staff.example', password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  for (const [label, query] of [
    ['queue: open + pending, priority then age', '?status=open,pending&limit=50'],
    ['queue: everything', '?limit=50'],
    ['queue: one service site', '?serviceSiteId=svc000042&limit=50'],
    ['queue: SLA breached', '?breached=yes&limit=50'],
    ['queue: category + priority', '?category=Repair&priority=urgent&limit=50'],
    ['queue: unassigned, older than 3 days', '?assignee=none&olderThanHours=72&limit=50'],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await fetch(`${server.origin}/console/api/sites/${site.id}/tickets${query}`, {
        headers: { Cookie: cookie },
      });
      const body = await res.text();
      samples.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${body.slice(0, 200)}`);
    }
    record(`${label} (HTTP, ${TICKETS.toLocaleString('en')} tickets)`, samples);
  }
  const reportSamples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const res = await fetch(`${server.origin}/console/api/sites/${site.id}/service-reports?days=30`, {
      headers: { Cookie: cookie },
    });
    await res.text();
    reportSamples.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`report answered ${res.status}`);
  }
  record('service report, 30 days (HTTP)', reportSamples);
  console.table(rows);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
