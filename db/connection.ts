import { Buffer } from 'node:buffer';
import { expandConfig } from '@libsql/core/config';
import { LibsqlError, type InArgs, type InStatement, type TransactionMode } from '@libsql/client';
import Database from 'libsql';
import type { PlainResultSet } from './writer-protocol.ts';

type Statement = ReturnType<Database.Database['prepare']>;

/** A statement prepared once: whether it returns rows, and their column names and types. */
interface Prepared {
  statement: Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
}

/**
 * Statements kept per connection. The app's statements are a few hundred fixed texts (values
 * travel as arguments); texts that vary with a list's length come and go at the cold end.
 */
const MAX_STATEMENTS = 500;

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

const SQLITE_CODES = [
  'SQLITE_OK',
  'SQLITE_ERROR',
  'SQLITE_INTERNAL',
  'SQLITE_PERM',
  'SQLITE_ABORT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
  'SQLITE_INTERRUPT',
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_NOTFOUND',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_EMPTY',
  'SQLITE_SCHEMA',
  'SQLITE_TOOBIG',
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_MISUSE',
  'SQLITE_NOLFS',
  'SQLITE_AUTH',
  'SQLITE_FORMAT',
  'SQLITE_RANGE',
  'SQLITE_NOTADB',
  'SQLITE_NOTICE',
  'SQLITE_WARNING',
];

/** A value as SQLite takes it, converted as `@libsql/client` converts it. */
function toSql(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) {
        throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      }
      return value;
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_INT64) {
        throw new RangeError(
          'bigint is too large to be represented as a 64-bit integer and passed as argument',
        );
      }
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

/** A value as the app reads it: integers as numbers (refused beyond 2^53), blobs as ArrayBuffers. */
function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

function bindArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const first = name[0];
    named[first === '@' || first === '$' || first === ':' ? name.slice(1) : name] = toSql(value);
  }
  return named;
}

/** The driver's error with SQLite's codes, as `@libsql/client` reports it; others unchanged. */
function libsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { rawCode } = error as { rawCode?: number };
  const code = rawCode === undefined ? 'SQLITE_UNKNOWN' : (SQLITE_CODES[rawCode & 0xff] ?? 'SQLITE_UNKNOWN');
  return new LibsqlError(error.message, code, error.code, rawCode, error);
}

/**
 * One connection to an embedded database file that prepares each statement text once and
 * runs it again with new arguments. `@libsql/client` prepares every statement on every call
 * and asks the driver for its columns twice: on the server's hot paths that parsing and
 * planning was a good part of each request's cost. Same results and errors as that client
 * (integers as numbers, blobs as ArrayBuffers, `LibsqlError` with SQLite's codes).
 *
 * Column names are read once per statement text: every statement of the app names its
 * columns, and the schema changes only through migrations before the server answers.
 * Synchronous, like the driver underneath; one caller at a time.
 */
export class Connection {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Prepared>();

  constructor(url: string) {
    const { path } = expandConfig({ url }, true);
    this.#db = new Database(path);
  }

  #prepare(sql: string): Prepared {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Most recently used at the end, so the first entry is the one to drop.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    statement.safeIntegers(true);
    const reader = statement.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      statement.raw(true);
      const defs = statement.columns();
      columns = defs.map((c) => c.name);
      columnTypes = defs.map((c) => c.type ?? '');
    }
    const prepared = { statement, reader, columns, columnTypes };
    this.#statements.set(sql, prepared);
    if (this.#statements.size > MAX_STATEMENTS) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return prepared;
  }

  #run(stmt: InStatement): PlainResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = bindArgs(typeof stmt === 'string' ? undefined : stmt.args);
    const { statement, reader, columns, columnTypes } = this.#prepare(sql);
    if (reader) {
      const rows = statement.all(args) as unknown[][];
      // The driver's arrays are fresh per call: converted in place, not copied.
      for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = fromSql(row[i]);
      return { columns, columnTypes, rows, rowsAffected: 0, lastInsertRowid: undefined };
    }
    const info = statement.run(args);
    return {
      columns: [],
      columnTypes: [],
      rows: [],
      rowsAffected: info.changes,
      lastInsertRowid: BigInt(info.lastInsertRowid),
    };
  }

  /** Runs one statement (outside a batch it commits on its own). */
  execute(stmt: InStatement): PlainResultSet {
    try {
      return this.#run(stmt);
    } catch (error) {
      throw libsqlError(error);
    }
  }

  /** Runs the statements in one transaction: all of them commit, or none. */
  batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): PlainResultSet[] {
    try {
      this.#run(BEGIN[mode]);
      const results: PlainResultSet[] = [];
      for (const stmt of stmts) {
        if (!this.#db.inTransaction) {
          throw new LibsqlError('The transaction has been rolled back', 'TRANSACTION_CLOSED');
        }
        results.push(this.#run(stmt));
      }
      this.#run('COMMIT');
      return results;
    } catch (error) {
      throw libsqlError(error);
    } finally {
      this.#rollbackLeftovers();
    }
  }

  /** Runs migration statements in one transaction with foreign keys off, as drizzle's migrator expects. */
  migrate(stmts: InStatement[]): PlainResultSet[] {
    this.execute('PRAGMA foreign_keys=off');
    try {
      return this.batch(stmts);
    } finally {
      this.execute('PRAGMA foreign_keys=on');
    }
  }

  /** Runs a script of several statements (no arguments, no results). */
  executeMultiple(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (error) {
      throw libsqlError(error);
    } finally {
      this.#rollbackLeftovers();
    }
  }

  /** A failed batch, or a script that opened a transaction, must not leave it open for the next caller. */
  #rollbackLeftovers() {
    if (this.#db.open && this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.open) this.#db.close();
  }
}
