import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDb, type OpenDatabase } from '../../db/client.ts';
import { isRead } from '../../db/split-client.ts';
import type { Db } from '../../db/types.ts';

let database: OpenDatabase | undefined;
let dir: string | undefined;

afterEach(() => {
  database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  database = dir = undefined;
});

async function openFile() {
  dir = mkdtempSync(join(tmpdir(), 'crm-split-'));
  database = await openDb(`file:${join(dir, 'crm.db')}`);
  await database.client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  return database.client;
}

describe('embedded file: reads on this thread, writes on the writer thread', () => {
  it('reads see every committed write, and write errors keep SQLite’s codes', async () => {
    const client = await openFile();
    const [inserted] = await client.batch([
      { sql: 'INSERT INTO t (v) VALUES (?) RETURNING id, v', args: ['a'] },
    ]);
    expect(inserted?.rows.map((row) => ({ ...row }))).toEqual([{ id: 1, v: 'a' }]);
    expect((await client.execute('SELECT v FROM t')).rows.map((row) => row.v)).toEqual(['a']);
    const duplicate = client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['a'] });
    await expect(duplicate).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(1);
  });

  it('answers a read while a long write transaction runs', async () => {
    const client = await openFile();
    const settled: string[] = [];
    const write = client
      .batch([
        // A few hundred milliseconds of work inside one write transaction.
        `INSERT INTO t (v) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000)
         SELECT 'row-' || i FROM n`,
      ])
      .then(() => settled.push('write'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = client.execute('SELECT count(*) AS n FROM t').then((rs) => {
      settled.push('read');
      return rs.rows[0]?.n;
    });
    // The read sees the last commit before the write, and does not wait for it.
    expect(await read).toBe(0);
    await write;
    expect(settled).toEqual(['read', 'write']);
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(400_000);
  });

  it('commits event batches relaxed and everything else with synchronous=FULL', async () => {
    await openFile();
    if (!database) throw new Error('not open');
    const { db, eventDb } = database;
    // Read inside the transaction itself: the level that transaction commits with.
    const level = async (handle: Db) => {
      const [, read] = await handle.batch([
        handle.run(sql`INSERT INTO t (v) VALUES (${crypto.randomUUID()})`),
        handle.all<{ synchronous: number }>(sql`PRAGMA synchronous`),
      ]);
      return read[0]?.synchronous;
    };
    expect(eventDb).not.toBe(db);
    expect(await level(eventDb)).toBe(1);
    // An order right after events: the level is back to FULL for its commit.
    expect(await level(db)).toBe(2);
    expect(await level(eventDb)).toBe(1);
    const single = await database.client.execute('PRAGMA synchronous');
    expect(single.rows[0]?.[0]).toBe(2);
  });
});

describe('which statements read', () => {
  it('sends a WITH … SELECT to the reader and every WITH that writes to the writer', () => {
    const reads = [
      'SELECT 1',
      '  select * FROM t',
      'WITH a AS (SELECT 1) SELECT * FROM a',
      'with recursive n(i) as (select 1 union all select i + 1 from n where i < 3) select i from n',
      `WITH a AS MATERIALIZED (SELECT ')insert(' AS x), b AS NOT MATERIALIZED (SELECT "delete" FROM a)
       -- an insert mentioned in a comment ) (
       SELECT * FROM a, b`,
      'WITH a AS (SELECT 1 /* update ( */) VALUES (1)',
    ];
    const writes = [
      'INSERT INTO t (v) VALUES (1)',
      'WITH a AS (SELECT 1) INSERT INTO t (v) SELECT * FROM a',
      "WITH a AS (SELECT 'it''s (' AS x) UPDATE t SET v = (SELECT x FROM a)",
      'WITH a AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM a)',
      'WITH [select] AS (SELECT 1) REPLACE INTO t (v) SELECT * FROM [select]',
      'INSERT INTO t (v) WITH RECURSIVE n(i) AS (SELECT 1) SELECT i FROM n',
      'PRAGMA synchronous',
      'WITH a AS (SELECT 1',
    ];
    expect(reads.filter((s) => !isRead(s))).toEqual([]);
    expect(writes.filter((s) => isRead(s))).toEqual([]);
  });

  it('reads a WITH … SELECT on this thread while the writer is busy', async () => {
    const client = await openFile();
    const write = client.batch([
      `INSERT INTO t (v) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000)
       SELECT 'row-' || i FROM n`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await client.execute('WITH c AS (SELECT count(*) AS n FROM t) SELECT n FROM c');
    // Answered from the last commit before the write, not after it.
    expect(read.rows[0]?.n).toBe(0);
    await write;
  });
});
