import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { openDb } from './client.ts';
import type { Db, Schema } from './types.ts';

/** Folder of the committed drizzle-kit migrations (also wrangler's `migrations_dir` for D1). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every pending migration; safe to call on each start. */
export async function migrateDb(db: Db): Promise<void> {
  await migrate(db as LibSQLDatabase<Schema>, { migrationsFolder: MIGRATIONS_DIR });
}

// `npm run db:migrate`: migrate a remote libSQL server (or any URL) named in the environment.
if (import.meta.main) {
  const url = process.env.LIBSQL_URL ?? 'file:./data/crm.db';
  const authToken = process.env.LIBSQL_AUTH_TOKEN;
  const database = await openDb(url, authToken ? { authToken } : {});
  await migrateDb(database.db);
  database.close();
  console.log(`migrated ${url.replace(/\?.*$/, '')}`);
}
