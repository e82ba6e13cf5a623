import type { InStatement, TransactionMode } from '@libsql/client';

/**
 * How a write transaction reaches the disk. `full` (SQLite's synchronous=FULL) syncs the WAL on
 * every commit: what is committed survives power loss; SECURITY.md asks it for orders, tickets
 * and everything but events. `relaxed` (synchronous=NORMAL in WAL mode) syncs only at
 * checkpoints: a commit still survives the process being killed, but the last commits may be
 * lost with the machine's power. Event ingestion takes it, at about a tenth of the cost.
 */
export type Durability = 'full' | 'relaxed';

/** What the main thread asks of the writer thread. */
export type WriterRequest =
  | { id: number; op: 'execute'; stmt: InStatement }
  | { id: number; op: 'batch'; stmts: InStatement[]; mode?: TransactionMode; durability: Durability }
  | { id: number; op: 'migrate'; stmts: InStatement[] }
  | { id: number; op: 'executeMultiple'; sql: string }
  | { id: number; op: 'close' };

/** A result set as it crosses threads: rows as plain arrays (named columns are rebuilt on arrival). */
export interface PlainResultSet {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/** An error as it crosses threads, with the fields callers test (SQLite's codes). */
export interface PlainError {
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
}

/** The writer thread's answer to one request. */
export type WriterResponse =
  { id: number; ok: true; results: PlainResultSet[] } | { id: number; ok: false; error: PlainError };
