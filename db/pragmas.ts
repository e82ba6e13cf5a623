/** Per-connection settings of the embedded database: those SECURITY.md promises, and its page cache. */
const FILE_PRAGMAS = {
  // First: switching to WAL takes a lock, which another connection closing may still hold.
  busy_timeout: 5000,
  journal_mode: 'wal',
  synchronous: 2, // FULL: a committed order or ticket survives power loss
  foreign_keys: 1,
  // 32 MiB of pages per connection instead of 2: on a big database the upper levels of the
  // indexes every request walks stay in memory rather than being read again and again.
  cache_size: -32768,
} as const;

/** A connection to set up: a `@libsql/client` client or a `Connection` (connection.ts). */
export interface PragmaTarget {
  execute(sql: string): Promise<{ rows: ArrayLike<unknown>[] }> | { rows: ArrayLike<unknown>[] };
}

/**
 * Applies the settings to one connection of an embedded database and reads them back, so a
 * silently ignored pragma fails the start instead. Every connection needs its own.
 */
export async function applyPragmas(client: PragmaTarget, kind: 'file' | 'memory'): Promise<void> {
  const wanted: Record<string, string | number> = { ...FILE_PRAGMAS };
  // An in-memory database has no file to journal, so it keeps journal_mode=memory, and its
  // pages are all in memory already.
  if (kind === 'memory') {
    delete wanted.journal_mode;
    delete wanted.cache_size;
  }
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
