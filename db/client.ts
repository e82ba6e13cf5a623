import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Db } from './types.ts';
import * as schema from './schema/index.ts';
import { applyPragmas } from './pragmas.ts';
import { openSplitClient } from './split-client.ts';

/** An open database: the drizzle handle the services use and the raw client behind it. */
export interface OpenDatabase {
  db: Db;
  /**
   * The handle event ingestion writes through. On an embedded file its commits are relaxed
   * (WAL with synchronous=NORMAL: they survive a killed process, not always a power cut) and
   * cost a tenth of a durable one; elsewhere it is `db`. Orders, tickets and identities never use it.
   */
  eventDb: Db;
  client: Client;
  /** `file`, `memory` or `remote`: decides which pragmas apply and who runs migrations. */
  kind: 'file' | 'memory' | 'remote';
  close(): void;
}

/**
 * A file gets a connection for reads on this thread and one for writes on a writer thread
 * (see split-client.ts); memory (one connection is the database) and remote servers get one.
 */
async function clientsFor(
  url: string,
  kind: OpenDatabase['kind'],
  options: { authToken?: string },
): Promise<{ client: Client; relaxed: Client }> {
  if (kind === 'file') return openSplitClient(url);
  const client =
    kind === 'remote'
      ? createClient({ url, ...(options.authToken ? { authToken: options.authToken } : {}) })
      : createClient({ url: ':memory:', concurrency: 1 });
  if (kind === 'memory') await applyPragmas(client, 'memory');
  return { client, relaxed: client };
}

function kindOf(url: string): OpenDatabase['kind'] {
  if (url === ':memory:' || url === 'file::memory:') return 'memory';
  if (url.startsWith('file:')) return 'file';
  return 'remote';
}

/**
 * Opens the database behind a URL: `file:./data/crm.db` (embedded, the default),
 * `:memory:` (tests), or `libsql://…` / `https://…` with an auth token (a libSQL server).
 * Embedded databases get WAL, synchronous=FULL (NORMAL for `eventDb`), foreign keys and a busy timeout, and
 * the settings are read back so a silently ignored pragma fails the start instead.
 */
export async function openDb(url: string, options: { authToken?: string } = {}): Promise<OpenDatabase> {
  const kind = kindOf(url);
  const { client, relaxed } = await clientsFor(url, kind, options);
  const db = drizzle(client, { schema });
  return {
    db,
    eventDb: relaxed === client ? db : drizzle(relaxed, { schema }),
    client,
    kind,
    close: () => {
      client.close();
    },
  };
}
