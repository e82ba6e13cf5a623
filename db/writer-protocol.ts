import type { InStatement, ResultSet, TransactionMode } from '@libsql/client';

/** What the main thread asks of the writer thread. */
export type WriterRequest =
  | { id: number; op: 'execute'; stmt: InStatement }
  | { id: number; op: 'batch' | 'migrate'; stmts: InStatement[]; mode?: TransactionMode }
  | { id: number; op: 'executeMultiple'; sql: string }
  | { id: number; op: 'close' };

/** A result set as it crosses threads: rows as plain arrays (named columns are rebuilt). */
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

/** A result set without the row objects' named properties, which structured clone drops. */
export function toPlain(rs: ResultSet): PlainResultSet {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rows: rs.rows.map((row) => Array.from(row)),
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
  };
}
