/**
 * Ingestion and read benchmark: `npm run bench` (builds the widgets, then runs this).
 *
 * (a) raw libSQL: 100-row multi-row INSERTs into the real `events` table of a fresh file
 *     database (WAL, synchronous=FULL), each statement its own transaction;
 * (b) HTTP ingestion on the Node entry (in its own process, tests/bench/serve.ts): concurrent
 *     clients, each with its own visitor and session, POST batches of 100 page views;
 * (c) `GET /v1/me` latency for a visitor with that history, sequential and concurrent;
 * (d) widget sizes (tests/bench/size.ts).
 *
 * Prints figures and ratios only: timings depend on the machine, so nothing here passes or
 * fails on speed. Every request must still succeed. Everything runs on 127.0.0.1 and stops
 * by itself. `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the server process there.
 */
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { DEMO_SITE } from '../../examples/shop/seed.ts';

const RAW_EVENTS = 100_000;
const HTTP_EVENTS = 100_000;
const HTTP_MAX_MS = 15_000;
const CLIENTS = 32;
const BATCH = 100;
const ME_REQUESTS = 2000;
const ME_CONCURRENCY = 8;
/** The ingestion issue's goal for (b)/(a). */
const RATIO_GOAL = 0.3;

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const summary: { figure: string; value: string }[] = [];
const note = (figure: string, value: string) => {
  summary.push({ figure, value });
  console.log(`  ${figure}: ${value}`);
};
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** The value below which `p` of the samples lie. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

const EVENT_COLUMNS = [
  'site_id',
  'event_id',
  'ingest_id',
  'visitor_id',
  'customer_id',
  'session_id',
  'seq',
  'type',
  'name',
  'url',
  'path',
  'title',
  'referrer',
  'dwell_ms',
  'view_id',
  'properties',
  'client_ts',
  'server_ts',
] as const;

/** (a) What the database alone does: events/s through 100-row INSERT statements. */
async function rawInsertRate(file: string): Promise<number> {
  const database = await openDb(`file:${file}`);
  await migrateDb(database.db);
  const { client } = database;
  const now = Date.now();
  await client.execute({
    sql: `INSERT INTO sites (id, name, publishable_key, secret_key_hash, identity_secret, visitor_token_secret,
            allowed_origins, created_at) VALUES ('site', 'Bench', 'pk_bench', 'hash', 'id', 'vt', '[]', ?)`,
    args: [now],
  });
  await client.execute({
    sql: `INSERT INTO customers (id, site_id, first_seen_at, last_seen_at) VALUES ('customer', 'site', ?, ?)`,
    args: [now, now],
  });
  const row = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${Array<string>(BATCH).fill(row).join(', ')}`;
  const started = performance.now();
  for (let batch = 0; batch < RAW_EVENTS / BATCH; batch++) {
    const args: (string | number | null)[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = batch * BATCH + i;
      const path = `/products/${n % 50}`;
      args.push('site', `raw-event-${n}`, `ingest-${batch}`, 'visitor', 'customer', 'session-raw');
      args.push(n, 'page_view', null, null, path, `Product ${n % 50}`, null, null, null, null, now + n, now);
    }
    await client.execute({ sql, args });
  }
  const rate = RAW_EVENTS / ((performance.now() - started) / 1000);
  database.close();
  return rate;
}

/** Starts tests/bench/serve.ts and waits for its origin. */
async function startServer(dbUrl: string) {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(join(root, 'tests/bench/serve.ts'), [dbUrl], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir)] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = await Promise.race([once(child, 'message'), once(child, 'exit')]);
  const origin = (first[0] as { origin?: unknown } | null)?.origin;
  if (typeof origin !== 'string') throw new Error('the bench server exited before listening');
  return {
    origin,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** (b) Concurrent clients POSTing batches of page views until the total or the time runs out. */
async function ingestOverHttp(origin: string) {
  const key = DEMO_SITE.publishableKey;
  const headers = { Origin: origin, 'Content-Type': 'application/json' };
  const tokens = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const res = await fetch(`${origin}/v1/visitors?key=${key}`, { method: 'POST', headers, body: '{}' });
      if (res.status !== 201) throw new Error(`POST /v1/visitors answered ${res.status}`);
      return (await res.json<{ visitorToken: string }>()).visitorToken;
    }),
  );
  let claimed = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + HTTP_MAX_MS;
  await Promise.all(
    tokens.map(async (visitorToken, client) => {
      const sessionId = `bench-session-${client}`;
      let seq = 0;
      while (claimed < HTTP_EVENTS / BATCH && performance.now() < deadline) {
        claimed += 1;
        const ts = Date.now();
        const events = Array.from({ length: BATCH }, () => {
          const n = seq++;
          const path = `/products/${n % 50}`;
          return { id: `bench-${client}-${n}`, type: 'page_view', sessionId, seq: n, ts, path, title: path };
        });
        const sentAt = performance.now();
        const res = await fetch(`${origin}/v1/events?key=${key}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ visitorToken, events }),
        });
        const answer = await res.json<BatchAnswer>();
        latencies.push(performance.now() - sentAt);
        if (res.status !== 200 || answer.accepted !== BATCH) {
          throw new Error(`POST /v1/events answered ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
        }
        accepted += answer.accepted;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { accepted, seconds, rate: accepted / seconds, latencies, visitorToken: tokens[0] ?? '' };
}

/** (c) `GET /v1/me` latencies, `total` requests spread over `concurrency` loops. */
async function meLatency(origin: string, visitorToken: string, total: number, concurrency: number) {
  const url = `${origin}/v1/me?key=${DEMO_SITE.publishableKey}`;
  const headers = { Origin: origin, Authorization: `Bearer ${visitorToken}` };
  const latencies: number[] = [];
  let pageViews = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < total / concurrency; i++) {
        const sentAt = performance.now();
        const res = await fetch(url, { headers });
        const body = await res.json<{ pageViews?: number }>();
        latencies.push(performance.now() - sentAt);
        if (res.status !== 200) throw new Error(`GET /v1/me answered ${res.status}`);
        pageViews = body.pageViews ?? 0;
      }
    }),
  );
  return { latencies, pageViews };
}

/** How many bench events the server's database file really holds. */
async function countStored(dbUrl: string): Promise<number> {
  const database = await openDb(dbUrl);
  const rs = await database.client.execute(
    "SELECT count(*) AS n FROM events WHERE session_id LIKE 'bench-session-%'",
  );
  database.close();
  return Number(rs.rows[0]?.n ?? -1);
}

/** (d) Widget sizes: tests/bench/size.ts when present, else gzip sizes of dist/ here. */
async function widgetSizes() {
  if (existsSync(join(root, 'tests/bench/size.ts'))) {
    const run = spawnSync(process.execPath, ['tests/bench/size.ts'], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) console.log(`  tests/bench/size.ts exited with ${String(run.status)}`);
  }
  // The build's metafile names the current outputs; dist/chunks may hold older ones too.
  const meta = await readFile(join(root, 'dist/meta.json'), 'utf8').catch(() => null);
  const files = (
    meta
      ? Object.keys((JSON.parse(meta) as { outputs: Record<string, unknown> }).outputs)
      : [
          'dist/crm.js',
          ...(await readdir(join(root, 'dist/chunks')).catch(() => [])).map((name) => `dist/chunks/${name}`),
        ]
  ).filter((file) => file.endsWith('.js'));
  let chunks = 0;
  for (const file of files) {
    const gzip = gzipSync(await readFile(join(root, file)), { level: 9 }).length;
    if (file === 'dist/crm.js') note('dist/crm.js min+gzip', `${(gzip / 1024).toFixed(2)} KB`);
    else chunks += gzip;
  }
  note(`dist/chunks/*.js min+gzip (${files.length - 1} files)`, `${(chunks / 1024).toFixed(2)} KB`);
}

const dir = await mkdtemp(join(tmpdir(), 'crm-bench-'));
try {
  // (a) runs before and after (b), each on a fresh file: commits are fsync-bound, and the
  // disk's fsync latency drifts, so the ratio uses the mean of both.
  console.log(
    `(a) raw libSQL: ${RAW_EVENTS.toLocaleString('en-US')} events in ${BATCH}-row INSERTs, before (b)`,
  );
  const rawBefore = await rawInsertRate(join(dir, 'raw-before.db'));
  note('(a) raw libSQL insert, before (b)', perSecond(rawBefore));

  const dbUrl = `file:${join(dir, 'bench.db')}`;
  const server = await startServer(dbUrl);
  try {
    console.log(
      `(b) HTTP ingestion: ${CLIENTS} clients, ${BATCH} events per POST, ≤ ${HTTP_MAX_MS / 1000} s`,
    );
    const http = await ingestOverHttp(server.origin);
    note('(b) events accepted', `${http.accepted.toLocaleString('en-US')} in ${http.seconds.toFixed(1)} s`);
    note('(b) HTTP ingestion', perSecond(http.rate));
    note(
      '(b) batch latency p50 / p99',
      `${ms(percentile(http.latencies, 0.5))} / ${ms(percentile(http.latencies, 0.99))}`,
    );
    console.log('(a) raw libSQL again, after (b)');
    const rawAfter = await rawInsertRate(join(dir, 'raw-after.db'));
    note('(a) raw libSQL insert, after (b)', perSecond(rawAfter));
    const raw = (rawBefore + rawAfter) / 2;
    note('(b)/(a) ratio', `${(http.rate / raw).toFixed(2)} against the mean of (a) (goal ≥ ${RATIO_GOAL})`);

    console.log(`(c) GET /v1/me for a visitor with ${(http.accepted / CLIENTS).toFixed(0)} page views`);
    const sequential = await meLatency(server.origin, http.visitorToken, ME_REQUESTS, 1);
    note(
      '(c) /v1/me sequential p50 / p99',
      `${ms(percentile(sequential.latencies, 0.5))} / ${ms(percentile(sequential.latencies, 0.99))}`,
    );
    const concurrent = await meLatency(server.origin, http.visitorToken, ME_REQUESTS, ME_CONCURRENCY);
    note(
      `(c) /v1/me ${ME_CONCURRENCY} concurrent p50 / p99`,
      `${ms(percentile(concurrent.latencies, 0.5))} / ${ms(percentile(concurrent.latencies, 0.99))}`,
    );
    await server.stop();
    const stored = await countStored(dbUrl);
    if (stored !== http.accepted) throw new Error(`${http.accepted} events accepted but ${stored} stored`);
    note('(b) rows stored = accepted', stored.toLocaleString('en-US'));
  } catch (error) {
    await server.stop();
    throw error;
  }

  console.log('(d) widget sizes');
  await widgetSizes();

  console.log('\nSummary');
  console.table(summary);
} finally {
  await rm(dir, { recursive: true, force: true });
}
