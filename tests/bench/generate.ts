/**
 * The big bench database: 10M events, 1M orders, 1M customers (200k of them with history),
 * built once by SQL on the migrated schema and cached as `data/bench/<key>/big.db`, where the
 * key hashes the migrations and this generator, so a schema change builds a new one.
 * `npx node tests/bench/generate.ts` builds it ahead of `npm run bench`.
 *
 * Rows are the ones the real write path would have left (see generate-sql.ts); every index
 * of the schema is maintained by the inserts. Foreign keys are not checked while loading (the
 * rows are consistent by construction) and a sample of profiles is checked against the rows
 * at the end.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { MIGRATIONS_DIR, migrateDb } from '../../db/migrate.ts';
import * as schema from '../../db/schema/index.ts';
import { BASE64URL_PAIRS } from './ids.ts';
import { BENCH_SITE, insertBenchSite } from './population.ts';
import { generationSteps, GENERATOR_VERSION, type Window } from './generate-sql.ts';
import { verifySample } from './verify.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const BENCH_DATA_DIR = join(root, 'data/bench');
const DAY = 24 * 3600 * 1000;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** What the cache holds besides the file: how it was made and what it measures. */
export interface BigDatabase {
  file: string;
  key: string;
  generatedAt: string;
  generationSeconds: number;
  counts: Record<string, number>;
  bytes: { file: number; events: number; perEvent: number; filePerEvent: number };
}

/** Hash of every migration file and the generator version. */
async function cacheKey(): Promise<string> {
  const hash = createHash('sha256').update(`generator ${GENERATOR_VERSION}\n`);
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
  for (const name of files) hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)));
  return hash.digest('hex').slice(0, 16);
}

/** The cached big database, generated first if the migrations changed since. */
export async function bigDatabase(log: (line: string) => void = console.log): Promise<BigDatabase> {
  const key = await cacheKey();
  const dir = join(BENCH_DATA_DIR, key);
  const metaFile = join(dir, 'meta.json');
  if (existsSync(metaFile)) return JSON.parse(await readFile(metaFile, 'utf8')) as BigDatabase;

  await mkdir(dir, { recursive: true });
  // Only the current key is worth its gigabytes; running benches keep their own copies.
  for (const name of await readdir(BENCH_DATA_DIR)) {
    if (name !== key && /^[0-9a-f]{16}$/.test(name))
      await rm(join(BENCH_DATA_DIR, name), { recursive: true });
  }
  const file = join(dir, 'big.db');
  const partial = `${file}.${process.pid}.partial`;
  const started = performance.now();
  log(`generating the big database (cache key ${key}); this takes a few minutes once`);
  const { counts, bytes } = await generate(partial, log);
  await rename(partial, file);
  const meta: BigDatabase = {
    file,
    key,
    generatedAt: new Date().toISOString(),
    generationSeconds: Math.round((performance.now() - started) / 1000),
    counts,
    bytes: { ...bytes, file: (await stat(file)).size },
  };
  await writeFile(metaFile, JSON.stringify(meta, null, 2));
  log(`generated in ${meta.generationSeconds} s`);
  return meta;
}

async function generate(file: string, log: (line: string) => void) {
  await rm(file, { force: true });
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  try {
    // Loading settings only; the server reopens the file with its own (WAL, FULL, foreign keys).
    const pragmas = [
      'journal_mode = OFF',
      'synchronous = OFF',
      'locking_mode = EXCLUSIVE',
      'temp_store = MEMORY',
    ];
    for (const pragma of [...pragmas, 'cache_size = -6000000']) await client.execute(`PRAGMA ${pragma}`);
    // The schema comes from the real migrations (which switch foreign keys back on when done).
    await migrateDb(drizzle(client, { schema }));
    await client.execute('PRAGMA foreign_keys = OFF');
    const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
    const window: Window = { start: end - 365 * DAY, end };
    await insertBenchSite(client, window.start - DAY);
    for (const step of generationSteps(window)) {
      const t = performance.now();
      for (const sql of step.statements) {
        await client.execute({ sql, args: sql.includes(':pairs') ? { pairs: BASE64URL_PAIRS } : {} });
      }
      log(`  ${step.name}: ${seconds(t)} s`);
    }
    let t = performance.now();
    await verifySample(client);
    log(`  a sample of profiles, sessions and orders matches its rows: ${seconds(t)} s`);
    t = performance.now();
    const counts = await countRows(client);
    const bytes = await eventBytes(client, counts.events ?? 0);
    log(`  row counts and bytes on disk: ${seconds(t)} s`);
    await client.execute('PRAGMA locking_mode = NORMAL');
    await client.execute('PRAGMA journal_mode = WAL');
    return { counts, bytes };
  } finally {
    client.close();
  }
}

const TABLES = [
  'customers',
  'customer_stats',
  'visitors',
  'sessions',
  'events',
  'products',
  'orders',
  'order_items',
];

async function countRows(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rs = await client.execute({
      sql: `SELECT count(*) AS n FROM ${table} WHERE site_id = ?`,
      args: [BENCH_SITE.id],
    });
    counts[table] = Number(rs.rows[0]?.n ?? 0);
  }
  return counts;
}

/** Bytes the events table and its indexes take on disk, in all and per event. */
export async function eventBytes(client: Client, events: number) {
  // One name per query: dbstat reads only the pages of the object it is asked about.
  const names = await client.execute(
    "SELECT name FROM sqlite_schema WHERE tbl_name = 'events' AND type IN ('table', 'index')",
  );
  let eventsBytes = 0;
  for (const { name } of names.rows) {
    const rs = await client.execute({
      sql: "SELECT coalesce(sum(pgsize), 0) AS bytes FROM dbstat('main', 1) WHERE name = ?",
      args: [name ?? null],
    });
    eventsBytes += Number(rs.rows[0]?.bytes ?? 0);
  }
  const pages = await client.execute(
    'SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size',
  );
  const file = Number(pages.rows[0]?.bytes ?? 0);
  return {
    file,
    events: eventsBytes,
    perEvent: events > 0 ? eventsBytes / events : Number.NaN,
    filePerEvent: events > 0 ? file / events : Number.NaN,
  };
}

if (import.meta.main) {
  const meta = await bigDatabase();
  console.log(JSON.stringify(meta, null, 2));
}
