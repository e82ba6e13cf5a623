import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Db } from './types.ts';
import * as schema from './schema/index.ts';

/** An open database: the drizzle handle the services use and the raw client behind it. */
export interface OpenDatabase {
  db: Db;
  client: Client;
  /** `file`, `memory` or `remote`: decides which pragmas apply and who runs migrations. */
  kind: 'file' | 'memory' | 'remote';
  close(): void;
}

/** Per-connection settings SECURITY.md promises for the embedded database. */
const FILE_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL: a committed order or ticket survives power loss
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

function kindOf(url: string): OpenDatabase['kind'] {
  if (url === ':memory:' || url === 'file::memory:') return 'memory';
  if (url.startsWith('file:')) return 'file';
  return 'remote';
}

/**
 * Opens the database behind a URL: `file:./data/crm.db` (embedded, the default),
 * `:memory:` (tests), or `libsql://…` / `https://…` with an auth token (a libSQL server).
 * Embedded databases get WAL, synchronous=FULL, foreign keys and a busy timeout, and
 * the settings are read back so a silently ignored pragma fails the start instead.
 */
export async function openDb(url: string, options: { authToken?: string } = {}): Promise<OpenDatabase> {
  const kind = kindOf(url);
  // One connection for local files: the driver is synchronous underneath, so a pool
  // buys nothing, and per-connection pragmas must hold for every statement.
  const client = createClient({
    url: kind === 'memory' ? ':memory:' : url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(kind === 'remote' ? {} : { concurrency: 1 }),
  });
  if (kind !== 'remote') await applyPragmas(client, kind);
  return {
    db: drizzle(client, { schema }),
    client,
    kind,
    close: () => {
      client.close();
    },
  };
}

async function applyPragmas(client: Client, kind: 'file' | 'memory'): Promise<void> {
  const wanted: Record<string, string | number> = { ...FILE_PRAGMAS };
  // An in-memory database has no file to journal, so it keeps journal_mode=memory.
  if (kind === 'memory') delete wanted.journal_mode;
  for (const [name, value] of Object.entries(wanted)) {
    await client.execute(`PRAGMA ${name} = ${String(value)}`);
  }
  for (const [name, value] of Object.entries(wanted)) {
    const rs = await client.execute(`PRAGMA ${name}`);
    const cell = rs.rows[0]?.[0];
    const actual =
      typeof cell === 'string' || typeof cell === 'number' ? String(cell).toLowerCase() : 'nothing';
    if (actual !== String(value)) {
      throw new Error(`PRAGMA ${name} is ${actual}, expected ${String(value)}`);
    }
  }
}
