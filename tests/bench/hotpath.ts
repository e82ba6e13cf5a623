/**
 * Per-request cost of the Node entry:
 * `node tests/bench/hotpath.ts [--seconds N] [--concurrency N] [--db <file>]`.
 *
 * On a fresh empty database (the bench's site and catalogue), with the server in its own
 * process as in run.ts: orders at many concurrent clients (the shop's server) and at the 8 of
 * run.ts, ingestion requests of 1–5 events (as the tracker sends them) and of 100, and identify
 * with merge, one at a time. It answers "what does one request cost the server" in a minute;
 * `BENCH_CPU_PROF=<dir>` writes the server's CPU profile. `--db` runs the same loads on a copy
 * of run.ts's big database instead (it is written to), with run.ts's mix of customers.
 * Then the HTTP floor: the same ingestion loads against the entry's HTTP stack with no product
 * behind it (floor-serve.ts), and ingestion's rate as a share of the floor's.
 * `--only orders,small,…` runs some of the loads.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { BENCH_DATA_DIR } from './generate.ts';
import { Api } from './http.ts';
import { identifyMerges, ingest, newBrowsers, placeOrders, type Sample } from './load.ts';
import { insertBenchSite, tierRange } from './population.ts';
import { percentile, rate } from './report.ts';
import { startServer, type BenchServer } from './server.ts';
import { Browser } from './traffic.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '50' },
    db: { type: 'string' },
    /** Comma-separated loads to run (orders, orders8, small, batches, identify, floor); all by default. */
    only: { type: 'string' },
  },
});
const ONLY = values.only?.split(',');
const wanted = (load: string) => !ONLY || ONLY.includes(load);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
/**
 * Customers the orders name, then the merges' targets: on the empty database made by their
 * first order; on the big one run.ts's pool of heavy, regular and light customers.
 */
const CUSTOMERS = Array.from({ length: 200 }, (_, i) => {
  if (!values.db) return 1 + i;
  const tier = (['heavy', 'regular', 'regular', 'light', 'light'] as const)[i % 5] ?? 'light';
  const { first, count } = tierRange(tier);
  return first + 1 + ((i * 7919) % (count - 1));
});

const ms = (n: number) => `${n.toFixed(1)} ms`;
/** A load's figures, with the server's CPU time (all its threads) per request. */
const row = (load: string, { sample, cpu }: { sample: Sample; cpu: number }, unit: string) => ({
  load,
  rate: `${Math.round(rate(sample)).toLocaleString('en-US')} ${unit}/s`,
  requests: sample.requests,
  'p50 / p90 / p99': [0.5, 0.9, 0.99].map((q) => ms(percentile(sample.latencies, q))).join(' / '),
  'server CPU / request': ms((cpu * 1000) / sample.requests),
});

const dir = join(BENCH_DATA_DIR, `hotpath-${process.pid}`);
const url = values.db ? `file:${resolve(values.db)}` : `file:${join(dir, 'hotpath.db')}`;
if (!values.db) {
  await mkdir(dir, { recursive: true });
  const database = await openDb(url);
  await migrateDb(database.db);
  await insertBenchSite(database.client, Date.now() - 24 * 3600 * 1000);
  database.close();
}

const bounds = { maxMs: SECONDS * 1000, maxCount: 1_000_000 };
const smallRequest = () => 1 + Math.floor(Math.random() * 5);
/** A load's sample and the CPU time `server` spent on it. */
const measured = async <S extends Sample>(server: BenchServer, load: () => Promise<S>) => {
  const before = await server.cpuSeconds();
  const sample = await load();
  return { sample, cpu: (await server.cpuSeconds()) - before };
};
const rows = [];
/** Ingestion rates of the product, to hold against the floor's. */
const product: { small?: number; batches?: number } = {};

const server = await startServer(url);
try {
  const api = new Api(server.origin);
  // Warm-up: the JIT, the caches, and every customer the merges will name.
  await placeOrders(api, CUSTOMERS, 8, { maxMs: 30_000, maxCount: CUSTOMERS.length });
  if (wanted('orders')) {
    const orders = await measured(server, () => placeOrders(api, CUSTOMERS, CONCURRENCY, bounds));
    rows.push(row(`POST /v1/orders, ${CONCURRENCY} clients`, orders, 'orders'));
  }
  if (wanted('orders8')) {
    const ordersFew = await measured(server, () => placeOrders(api, CUSTOMERS, 8, bounds));
    rows.push(row('POST /v1/orders, 8 clients', ordersFew, 'orders'));
  }
  const pool = await newBrowsers(api, 128);
  if (wanted('small')) {
    const small = await measured(server, () => ingest(api, pool, smallRequest, 32, bounds));
    product.small = rate(small.sample);
    rows.push(row('POST /v1/events, 1–5 events, 32 clients', small, 'events'));
  }
  if (wanted('batches')) {
    const batches = await measured(server, () => ingest(api, pool, () => 100, 16, bounds));
    product.batches = rate(batches.sample);
    rows.push(row('POST /v1/events, 100 events, 16 clients', batches, 'events'));
  }
  if (wanted('identify')) {
    // Each merge is three requests (a new visitor, its events, identify): the CPU is per merge.
    const identify = await measured(server, () =>
      identifyMerges(api, CUSTOMERS, { maxMs: SECONDS * 1000, maxCount: 300 }),
    );
    rows.push(row('POST /v1/identify with merge, 1 client', identify, 'merges'));
  }
} finally {
  await server.stop();
  if (!values.db) await rm(dir, { recursive: true, force: true });
}

// The same ingestion loads from the same load generator against the floor: the entry's HTTP
// stack answering every event accepted with no work of the product's (floor-serve.ts).
const ratios = [];
if (wanted('floor')) {
  const floor = await startServer(url, 'floor-serve.ts');
  try {
    const api = new Api(floor.origin);
    const pool = Array.from({ length: 128 }, () => new Browser('floor'));
    await ingest(api, pool, smallRequest, 32, { maxMs: 2_000, maxCount: 1_000_000 });
    const small = await measured(floor, () => ingest(api, pool, smallRequest, 32, bounds));
    rows.push(row('HTTP floor (no database), 1–5 events, 32 clients', small, 'events'));
    const batches = await measured(floor, () => ingest(api, pool, () => 100, 16, bounds));
    rows.push(row('HTTP floor (no database), 100 events, 16 clients', batches, 'events'));
    const share = (of: number | undefined, floorRate: number) =>
      of === undefined ? '—' : (of / floorRate).toFixed(2);
    ratios.push(
      { load: '1–5 events per request', 'product ÷ floor': share(product.small, rate(small.sample)) },
      { load: '100-event batches', 'product ÷ floor': share(product.batches, rate(batches.sample)) },
    );
  } finally {
    await floor.stop();
  }
}
console.log(`\nPer-request cost on ${values.db ?? 'an empty database'} (${SECONDS} s per load)`);
console.table(rows);
if (ratios.length > 0) {
  console.log('\nIngestion as a share of what the HTTP stack alone answers (same load generator)');
  console.table(ratios);
}
