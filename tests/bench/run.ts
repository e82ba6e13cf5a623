/**
 * `npm run bench`: the same loads on an empty database and on a big one (10M events, 1M orders,
 * 1M customers, generated once and cached: generate.ts), side by side, then the goals.
 *
 * For each database, on its own copy, with the Node entry in its own process (serve.ts):
 * the raw insert ceiling (raw.ts) before and after the HTTP run; ingestion in the tracker's
 * shape, 1–5 events per request from many visitors and 100-event batches, a quarter of the
 * visitors on the big database being returning customers with long histories; orders;
 * `GET /v1/me` alone and during full-speed ingestion; identify with merge; staff search;
 * bytes per event; server memory. Speed is printed, never judged by the exit code; a request
 * that fails or a stored count that differs from what was accepted exits non-zero.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { BENCH_DATA_DIR, bigDatabase, type BigDatabase } from './generate.ts';
import { BenchFailure } from './http.ts';
import { benchDatabase } from './phases.ts';
import { insertBenchSite } from './population.ts';
import { printReport } from './report.ts';
import { widgetSizes } from './sizes.ts';

const log = (line: string) => {
  console.log(line);
};

/** A directory of this run's database copies; those of runs that died are removed. */
async function runDirectory(): Promise<string> {
  await mkdir(BENCH_DATA_DIR, { recursive: true });
  for (const name of await readdir(BENCH_DATA_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      await rm(join(BENCH_DATA_DIR, name), { recursive: true, force: true });
    }
  }
  const dir = join(BENCH_DATA_DIR, `run-${process.pid}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** The empty database: migrated as the server migrates, with the same site and catalogue. */
async function emptyDatabase(file: string): Promise<void> {
  const database = await openDb(`file:${file}`);
  await migrateDb(database.db);
  await insertBenchSite(database.client, Date.now() - 24 * 3600 * 1000);
  database.close();
}

function describe(big: BigDatabase): string {
  const c = big.counts;
  const n = (table: string) => (c[table] ?? 0).toLocaleString('en-US');
  return [
    `big database: ${n('events')} events, ${n('orders')} orders (${n('order_items')} lines), ${n('customers')} customers,`,
    `  ${n('visitors')} visitors, ${n('sessions')} sessions, ${n('products')} products, one site;`,
    `  ${(big.bytes.file / 2 ** 30).toFixed(2)} GiB, generated once in ${big.generationSeconds} s on ${big.generatedAt}`,
    `  (${relative(process.cwd(), big.file)}; delete data/bench to regenerate)`,
  ].join('\n');
}

const big = await bigDatabase(log);
log(describe(big));
const started = performance.now();
const dir = await runDirectory();
try {
  const emptyFile = join(dir, 'empty.db');
  await emptyDatabase(emptyFile);
  const empty = await benchDatabase('empty', `file:${emptyFile}`, null, log);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  const copyStarted = performance.now();
  const bigFile = join(dir, 'big.db');
  await copyFile(big.file, bigFile);
  log(`copied the big database in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);
  const bigFigures = await benchDatabase('big', `file:${bigFile}`, big, log);

  printReport(empty, bigFigures);
  log('\nWidget sizes');
  await widgetSizes();
  log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s (after generation)`);
} catch (error) {
  process.exitCode = 1;
  if (error instanceof BenchFailure) console.error(`\nbench failed: ${error.message}`);
  else throw error;
} finally {
  await rm(dir, { recursive: true, force: true });
}
