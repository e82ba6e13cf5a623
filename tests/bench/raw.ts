/**
 * The raw insert ceiling: what the database alone does with the rows ingestion writes. The
 * same file as the HTTP run, opened as the server opens it (db/split-client.ts: the same
 * pragmas, and the same relaxed commits event ingestion takes: WAL, synchronous=NORMAL,
 * foreign keys, writes on the writer thread), 100-row INSERTs of tracker-shaped events with UUIDv7 ids,
 * several statements per commit, for visitors created the way `POST /v1/visitors` creates them.
 */
import type { InStatement, InValue } from '@libsql/client';
import { openSplitClient } from '../../db/split-client.ts';
import { randomId } from './ids.ts';
import { BENCH_SITE } from './population.ts';
import { Browser } from './traffic.ts';

const ROWS_PER_STATEMENT = 100;
const STATEMENTS_PER_COMMIT = 8;
const VISITORS = 32;
const COLUMNS = [
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
];
const INSERT = `INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${Array<string>(ROWS_PER_STATEMENT)
  .fill(`(${COLUMNS.map(() => '?').join(', ')})`)
  .join(', ')}`;

export interface RawResult {
  rows: number;
  seconds: number;
  rate: number;
}

/**
 * Inserts up to `maxRows` events for at most `maxMs` into the database at `url` and reports
 * rows/s. Unless `keep`, the rows are deleted afterwards, so the HTTP run sees the database
 * as it was (the visitors stay: profiles without events, as bounced visits leave).
 */
export async function rawInsertRate(
  url: string,
  maxRows: number,
  maxMs: number,
  keep: boolean,
): Promise<RawResult> {
  const { client, relaxed } = await openSplitClient(url);
  try {
    const now = Date.now();
    const visitors = Array.from({ length: VISITORS }, () => ({
      customerId: randomId(),
      visitorId: randomId(),
      browser: new Browser('raw'),
    }));
    await client.batch(
      visitors.flatMap((v): InStatement[] => [
        {
          sql: 'INSERT INTO customers (id, site_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)',
          args: [v.customerId, BENCH_SITE.id, now, now],
        },
        {
          sql: 'INSERT INTO customer_stats (customer_id, site_id) VALUES (?, ?)',
          args: [v.customerId, BENCH_SITE.id],
        },
        {
          sql: `INSERT INTO visitors (id, site_id, customer_id, token_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
          args: [v.visitorId, BENCH_SITE.id, v.customerId, randomId(), now, now],
        },
      ]),
      'write',
    );
    const last = await client.execute(
      "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) AS seq",
    );
    const before = Number(last.rows[0]?.seq ?? 0);

    // Statements are built before the clock starts: this measures the database, not JSON.
    const statements: InStatement[] = [];
    for (let i = 0; i * ROWS_PER_STATEMENT < maxRows; i++) {
      const v = visitors[i % VISITORS];
      if (!v) throw new Error('no visitor');
      const ingestId = randomId();
      const args: InValue[] = v.browser
        .take(ROWS_PER_STATEMENT)
        .flatMap((e) => [
          BENCH_SITE.id,
          e.id,
          ingestId,
          v.visitorId,
          v.customerId,
          e.sessionId,
          e.seq,
          e.type,
          e.name ?? null,
          e.url ?? null,
          e.path ?? null,
          e.title ?? null,
          e.referrer ?? null,
          e.type === 'page_leave' ? (e.dwellMs ?? 0) : null,
          e.viewId ?? null,
          e.properties ? JSON.stringify(e.properties) : null,
          e.ts,
          Date.now(),
        ]);
      statements.push({ sql: INSERT, args });
    }
    const started = performance.now();
    let rows = 0;
    for (
      let i = 0;
      i < statements.length && performance.now() - started < maxMs;
      i += STATEMENTS_PER_COMMIT
    ) {
      const group = statements.slice(i, i + STATEMENTS_PER_COMMIT);
      await relaxed.batch(group, 'write');
      rows += group.length * ROWS_PER_STATEMENT;
    }
    const seconds = (performance.now() - started) / 1000;
    if (!keep) await client.execute({ sql: 'DELETE FROM events WHERE id > ?', args: [before] });
    return { rows, seconds, rate: rows / seconds };
  } finally {
    client.close();
  }
}
