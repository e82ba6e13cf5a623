import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { openDb, type OpenDatabase } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';

/** Where the embedded database lives unless LIBSQL_URL says otherwise. */
export const DEFAULT_DB_URL = 'file:./data/crm.db';

/**
 * Opens the database the Node entries (server, command line) work on. An embedded file is
 * created if needed and migrated; a remote server is migrated by `npm run db:migrate`, on
 * purpose, not by every process that opens it.
 */
export async function openNodeDatabase(url = DEFAULT_DB_URL, authToken?: string): Promise<OpenDatabase> {
  if (url.startsWith('file:') && url !== 'file::memory:') {
    await mkdir(dirname(resolve(url.slice('file:'.length))), { recursive: true });
  }
  const database = await openDb(url, authToken ? { authToken } : {});
  if (database.kind !== 'remote') await migrateDb(database.db);
  return database;
}
