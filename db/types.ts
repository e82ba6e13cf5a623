import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema/index.ts';

/** The schema object drizzle is built with. */
export type Schema = typeof schema;

/**
 * The database handle services take. libSQL and D1 both implement it, so nothing
 * above `db/` knows which one is underneath; `batch()` is the one way to write
 * several statements atomically on both.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, Schema> & Pick<LibSQLDatabase<Schema>, 'batch'>;
