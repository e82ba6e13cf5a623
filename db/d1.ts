import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema/index.ts';
import type { Db, Schema } from './types.ts';

/** What a batch needs of each drizzle query: its SQL with parameters, and how to read its result. */
interface BatchQuery {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] };
    mapResult(result: unknown, isFromBatch: boolean): unknown;
  };
}

/**
 * Opens a D1 binding through drizzle, with a `batch()` that works for raw SQL.
 * drizzle-orm's D1 batch binds parameters through each query's prepared statement, which
 * a raw `db.run(sql`…`)` does not have (drizzle-orm#2277: "Cannot read properties of
 * undefined (reading 'bind')"), and the services' write batches are mostly raw SQL. This
 * one prepares every statement from its SQL and parameters, as the libSQL driver does,
 * and still sends them as one atomic `D1Database.batch`.
 */
export function openD1(binding: D1Database): Db {
  const db: DrizzleD1Database<Schema> = drizzle(binding, { schema });
  const batch = async (queries: readonly BatchQuery[]) => {
    const prepared = queries.map((query) => query._prepare());
    const statements = prepared.map((query) => {
      const { sql, params } = query.getQuery();
      return binding.prepare(sql).bind(...params);
    });
    const results = await binding.batch(statements);
    return results.map((result, i) => prepared[i]?.mapResult(result, true));
  };
  Object.assign(db, { batch });
  return db;
}
