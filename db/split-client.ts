import { Worker } from 'node:worker_threads';
import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client';
import { Connection } from './connection.ts';
import { applyPragmas } from './pragmas.ts';
import type {
  Durability,
  PlainError,
  PlainResultSet,
  WriterRequest,
  WriterResponse,
} from './writer-protocol.ts';

type Request = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Rebuilds a row as the driver makes them: indexed values plus a property per column name. */
function toRow(values: unknown[], columns: string[]): Row {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, 'length', { value: values.length });
  values.forEach((value, i) => {
    Object.defineProperty(row, i, { value });
    const column = columns[i];
    if (column !== undefined && !Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  });
  return row as Row;
}

function toResultSet(plain: PlainResultSet): ResultSet {
  const rows = plain.rows.map((values) => toRow(values, plain.columns));
  return { ...plain, rows, toJSON: () => ({ ...plain, lastInsertRowid: plain.lastInsertRowid?.toString() }) };
}

function toError(plain: PlainError): Error {
  if (plain.code === undefined) return new Error(plain.message);
  const message = plain.message.startsWith(`${plain.code}: `)
    ? plain.message.slice(plain.code.length + 2)
    : plain.message;
  return new LibsqlError(message, plain.code, plain.extendedCode, plain.rawCode);
}

/** The statements that write, as the first word after a WITH's common table expressions. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);

/** Where the quoted text or comment opened at `i` ends (the index after it). */
function skipQuoted(sql: string, i: number): number {
  const open = sql[i];
  if (open === '-') return sql.includes('\n', i) ? sql.indexOf('\n', i) + 1 : sql.length;
  if (open === '/') return sql.includes('*/', i + 2) ? sql.indexOf('*/', i + 2) + 2 : sql.length;
  const close = open === '[' ? ']' : open;
  let j = i + 1;
  for (;;) {
    const end = sql.indexOf(close ?? '', j);
    if (end < 0) return sql.length;
    // A doubled quote is the quote character itself, inside the text.
    if (close !== ']' && sql[end + 1] === close) j = end + 2;
    else return end + 1;
  }
}

/**
 * Whether a statement only reads: those run on the main thread's own connection. A SELECT
 * reads; so does a WITH whose statement after its common table expressions is a SELECT (or
 * VALUES). The words deciding are read outside parentheses, quotes and comments, so nothing
 * inside a CTE's body counts; anything else, or anything unclear, goes to the writer.
 */
export function isRead(sql: string): boolean {
  if (/^\s*select\b/i.test(sql)) return true;
  if (!/^\s*with\b/i.test(sql)) return false;
  let depth = 0;
  let i = sql.search(/with/i) + 4;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (
      c === "'" ||
      c === '"' ||
      c === '`' ||
      c === '[' ||
      sql.startsWith('--', i) ||
      sql.startsWith('/*', i)
    ) {
      i = skipQuoted(sql, i);
    } else if (c === '(') {
      depth += 1;
      i += 1;
    } else if (c === ')') {
      depth -= 1;
      i += 1;
    } else if (depth === 0 && /[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 64))?.[0] ?? c;
      const upper = word.toUpperCase();
      if (upper === 'SELECT' || upper === 'VALUES') return true;
      if (WRITES.has(upper)) return false;
      i += word.length;
    } else i += 1;
  }
  return false;
}

/** Two faces of one split database: they share both connections and differ in durability. */
export interface SplitClients {
  /** Every batch commits with synchronous=FULL. */
  client: Client;
  /** Batches commit with synchronous=NORMAL (see {@link Durability}); for event ingestion only. */
  relaxed: Client;
}

/** How often the checkpoint thread copies the WAL's committed pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 100;

/**
 * Starts the checkpoint thread (checkpoint-thread.ts). SQLite checkpoints on the connection
 * whose commit makes the WAL pass 1,000 pages: that commit then waits for the copy of those
 * pages into the database file and its sync, tens of milliseconds on a big file whose pages lie
 * far apart, and every request queued behind it waits too. The writer thread keeps its own
 * checkpoint only as a backstop (see writer-thread.ts). Without the thread (it failed to
 * start) the writer's checkpoints still keep the WAL in bounds.
 */
async function startCheckpointer(url: string): Promise<Worker | undefined> {
  const thread = new Worker(new URL('./checkpoint-thread.ts', import.meta.url), {
    workerData: { url, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  const started = await new Promise<boolean>((done) => {
    thread.once('message', () => {
      done(true);
    });
    thread.once('error', () => {
      done(false);
    });
  });
  // A failure later only stops the early copies; it must not take the server down.
  thread.on('error', () => undefined);
  return started ? thread : undefined;
}

/**
 * A libSQL client over an embedded file with two connections: reads run on this thread's
 * connection, every write (any statement but a SELECT, every batch) on a writer thread's.
 * In WAL mode a reader never waits for the writer and sees every committed write, and the
 * writer's statements, commits and fsyncs no longer hold the event loop, so a read request
 * is answered while a long write transaction is under way.
 */
export async function openSplitClient(url: string): Promise<SplitClients> {
  const reader = new Connection(url);
  await applyPragmas(reader, 'file');
  const writer = new Worker(new URL('./writer-thread.ts', import.meta.url), { workerData: { url } });
  const pending = new Map<number, { resolve: (rs: ResultSet[]) => void; reject: (error: unknown) => void }>();
  let nextId = 1;
  let closed = false;

  await new Promise<void>((ready, failed) => {
    writer.once('message', () => {
      ready();
    });
    writer.once('error', failed);
  });
  const checkpointer = await startCheckpointer(url);
  writer.on('message', (response: WriterResponse) => {
    const waiter = pending.get(response.id);
    pending.delete(response.id);
    if (response.ok) waiter?.resolve(response.results.map(toResultSet));
    else waiter?.reject(toError(response.error));
  });
  const failAll = (error: unknown) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  writer.on('error', failAll);
  writer.on('exit', () => {
    failAll(new Error('the database writer thread has stopped'));
  });

  const send = (request: Request) =>
    new Promise<ResultSet[]>((resolve, reject) => {
      if (closed) throw new Error('database is closed');
      const id = nextId++;
      pending.set(id, { resolve, reject });
      writer.postMessage({ ...request, id });
    });

  const statement = (stmt: InStatement | [string, InArgs?]): InStatement =>
    Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt;

  const clientWith = (durability: Durability): Client => ({
    async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const stmt = typeof stmtOrSql === 'string' && args !== undefined ? { sql: stmtOrSql, args } : stmtOrSql;
      if (isRead(typeof stmt === 'string' ? stmt : stmt.sql)) return toResultSet(reader.execute(stmt));
      const [result] = await send({ op: 'execute', stmt });
      if (!result) throw new Error('writer returned no result');
      return result;
    },
    batch: (stmts: (InStatement | [string, InArgs?])[], mode?: TransactionMode) =>
      send({ op: 'batch', stmts: stmts.map(statement), durability, ...(mode ? { mode } : {}) }),
    migrate: (stmts: InStatement[]) => send({ op: 'migrate', stmts }),
    executeMultiple: async (sql: string) => {
      await send({ op: 'executeMultiple', sql });
    },
    // The interface requires the member (its no-argument form is deprecated upstream).
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    transaction: () =>
      Promise.reject(new Error('interactive transactions are not supported here: write with batch()')),
    sync: () => Promise.reject(new Error('an embedded database has nothing to sync')),
    close() {
      if (closed) return;
      closed = true;
      reader.close();
      // Behind every write already sent: the writer closes its connection after them.
      writer.postMessage({ op: 'close', id: 0 });
      checkpointer?.postMessage('close');
    },
    reconnect() {
      throw new Error('a split database is not reconnected: open it again');
    },
    get closed() {
      return closed;
    },
    protocol: 'file',
  });
  return { client: clientWith('full'), relaxed: clientWith('relaxed') };
}
