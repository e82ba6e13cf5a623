/**
 * Per-request cost of the Node entry: `node tests/bench/hotpath.ts [--seconds N] [--concurrency N]`.
 *
 * On a fresh empty database (the bench's site and catalogue), with the server in its own
 * process as in run.ts: orders at many concurrent clients (the shop's server), small ingestion
 * requests (1–5 events, as the tracker sends them) and identify with merge, one at a time.
 * It answers "what does one request cost the server", which the database's size does not
 * change (run.ts measures that); `BENCH_CPU_PROF=<dir>` writes the server's CPU profile.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { BENCH_DATA_DIR } from './generate.ts';
import { Api } from './http.ts';
import { identifyMerges, ingest, newBrowsers, placeOrders, type Sample } from './load.ts';
import { insertBenchSite } from './population.ts';
import { percentile, rate } from './report.ts';
import { startServer } from './server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '50' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
/** Customers the orders name (created by their first order), then the merges' targets. */
const CUSTOMERS = Array.from({ length: 200 }, (_, i) => 1 + i);

const ms = (n: number) => `${n.toFixed(1)} ms`;
const row = (load: string, s: Sample, unit: string) => ({
  load,
  rate: `${Math.round(rate(s)).toLocaleString('en-US')} ${unit}/s`,
  requests: s.requests,
  'p50 / p99': `${ms(percentile(s.latencies, 0.5))} / ${ms(percentile(s.latencies, 0.99))}`,
});

const dir = join(BENCH_DATA_DIR, `hotpath-${process.pid}`);
await mkdir(dir, { recursive: true });
const url = `file:${join(dir, 'hotpath.db')}`;
const database = await openDb(url);
await migrateDb(database.db);
await insertBenchSite(database.client, Date.now() - 24 * 3600 * 1000);
database.close();

const server = await startServer(url);
try {
  const api = new Api(server.origin);
  const bounds = { maxMs: SECONDS * 1000, maxCount: 1_000_000 };
  // Warm-up: the JIT, the caches, and every customer the merges will name.
  await placeOrders(api, CUSTOMERS, 8, { maxMs: 30_000, maxCount: CUSTOMERS.length });
  const orders = await placeOrders(api, CUSTOMERS, CONCURRENCY, bounds);
  const ordersFew = await placeOrders(api, CUSTOMERS, 8, bounds);
  const pool = await newBrowsers(api, 128);
  const small = await ingest(api, pool, () => 1 + Math.floor(Math.random() * 5), 32, bounds);
  const identify = await identifyMerges(api, CUSTOMERS, { maxMs: SECONDS * 1000, maxCount: 300 });
  console.log(`\nPer-request cost on an empty database (${SECONDS} s per load)`);
  console.table([
    row(`POST /v1/orders, ${CONCURRENCY} clients`, orders, 'orders'),
    row('POST /v1/orders, 8 clients', ordersFew, 'orders'),
    row('POST /v1/events, 1–5 events, 32 clients', small, 'events'),
    row('POST /v1/identify with merge, 1 client', identify, 'merges'),
  ]);
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
