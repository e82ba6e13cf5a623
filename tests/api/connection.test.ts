import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../db/connection.ts';
import { openDb, type OpenDatabase } from '../../db/client.ts';

let dir: string | undefined;
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function file(name = 'crm.db') {
  dir ??= mkdtempSync(join(tmpdir(), 'crm-connection-'));
  return join(dir, name);
}

function connect() {
  const connection = new Connection(`file:${file()}`);
  opened.push(connection);
  connection.executeMultiple(
    'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE, n INTEGER, b BLOB)',
  );
  return connection;
}

describe('a connection that prepares each statement once', () => {
  it('runs a kept statement again with new arguments, also after it failed', () => {
    const db = connect();
    const insert = 'INSERT INTO t (v, n) VALUES (?, ?) RETURNING id, v, n';
    const select = 'SELECT v, n FROM t WHERE v = ?';
    expect(db.execute({ sql: insert, args: ['a', 1] }).rows).toEqual([[1, 'a', 1]]);
    expect(db.execute({ sql: insert, args: ['b', 2] }).rows).toEqual([[2, 'b', 2]]);
    expect(() => db.execute({ sql: insert, args: ['a', 3] })).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' }),
    );
    expect(db.execute({ sql: insert, args: ['c', 3] }).rows).toEqual([[3, 'c', 3]]);
    expect(db.execute({ sql: select, args: ['a'] })).toMatchObject({ columns: ['v', 'n'], rows: [['a', 1]] });
    expect(db.execute({ sql: select, args: ['c'] }).rows).toEqual([['c', 3]]);
    expect(db.execute({ sql: 'UPDATE t SET n = n + 1 WHERE n >= ?', args: [2] }).rowsAffected).toBe(2);
  });

  it('converts values as @libsql/client does: blobs, booleans, integers beyond 2^53 refused', () => {
    const db = connect();
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    db.execute({ sql: 'INSERT INTO t (v, n, b) VALUES (?, ?, ?)', args: ['x', true, bytes] });
    const [row] = db.execute({ sql: 'SELECT n, b FROM t', args: [] }).rows;
    expect(row?.[0]).toBe(1);
    expect(new Uint8Array(row?.[1] as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    expect(() => db.execute({ sql: 'SELECT 9007199254740993', args: [] })).toThrow(RangeError);
    expect(() => db.execute({ sql: 'SELECT ?', args: [Number.NaN] })).toThrow(RangeError);
  });

  it('commits a batch whole or not at all, and leaves no transaction open after a failure', () => {
    const db = connect();
    const insert = (v: string) => ({ sql: 'INSERT INTO t (v) VALUES (?)', args: [v] });
    db.batch([insert('a'), insert('b')]);
    expect(() => db.batch([insert('c'), insert('a')])).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT' }),
    );
    // Had the failed batch stayed open, this would run inside it and vanish with its rollback.
    db.batch([insert('d')]);
    expect(db.execute('SELECT v FROM t ORDER BY v').rows).toEqual([['a'], ['b'], ['d']]);
  });
});

describe('the checkpoint thread', () => {
  it('copies committed pages into the database file while the writer only appends to the WAL', async () => {
    const path = file();
    const database: OpenDatabase = await openDb(`file:${path}`);
    opened.push(database);
    await database.client.execute('CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const before = statSync(path).size;
    // About 2 MB: 500 pages, under the 1,000 at which a writer would checkpoint by itself.
    await database.client.batch([
      `INSERT INTO big (v) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
       SELECT printf('%.1000c', 'x') FROM n`,
    ]);
    const deadline = Date.now() + 5_000;
    while (statSync(path).size < before + 2_000_000 && Date.now() < deadline) await sleep(50);
    expect(statSync(path).size).toBeGreaterThanOrEqual(before + 2_000_000);
    expect((await database.client.execute('SELECT count(*) AS n FROM big')).rows[0]?.n).toBe(2000);
  });
});
