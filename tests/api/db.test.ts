import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OpenDatabase } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { customers, sites } from '../../db/schema/index.ts';
import { countRows } from '../fixtures/assert.ts';

const opened: OpenDatabase[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(url: string) {
  const database = await openDb(url);
  opened.push(database);
  return database;
}

function tempFileUrl() {
  const dir = mkdtempSync(join(tmpdir(), 'crm-db-'));
  dirs.push(dir);
  return `file:${join(dir, 'crm.db')}`;
}

async function pragma(database: OpenDatabase, name: string) {
  const rs = await database.client.execute(`PRAGMA ${name}`);
  return rs.rows[0]?.[0];
}

async function objectNames(database: OpenDatabase) {
  const rs = await database.client.execute(
    "SELECT type || ':' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1",
  );
  return rs.rows.map((r) => r[0]);
}

describe('openDb', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on a file database', async () => {
    const database = await open(tempFileUrl());
    expect(database.kind).toBe('file');
    expect(await pragma(database, 'journal_mode')).toBe('wal');
    expect(await pragma(database, 'synchronous')).toBe(2);
    expect(await pragma(database, 'foreign_keys')).toBe(1);
    expect(await pragma(database, 'busy_timeout')).toBe(5000);
  });

  it('keeps the settings for statements after migrations', async () => {
    const database = await open(tempFileUrl());
    await migrateDb(database.db);
    expect(await pragma(database, 'foreign_keys')).toBe(1);
    expect(await pragma(database, 'synchronous')).toBe(2);
  });

  it('enforces foreign keys in memory too', async () => {
    const database = await open(':memory:');
    expect(database.kind).toBe('memory');
    expect(await pragma(database, 'foreign_keys')).toBe(1);
    await migrateDb(database.db);
    await expect(
      database.db
        .insert(customers)
        .values({ id: 'c1', siteId: 'no-such-site', firstSeenAt: 0, lastSeenAt: 0 }),
    ).rejects.toThrow();
    expect(await countRows(database.db, customers)).toBe(0);
  });
});

describe('migrations', () => {
  it('applied twice are a no-op that keeps the data', async () => {
    const url = tempFileUrl();
    const first = await open(url);
    await migrateDb(first.db);
    const schema = await objectNames(first);
    expect(schema).toEqual(
      expect.arrayContaining([
        'table:customers',
        'table:events',
        'table:orders',
        'index:events_site_event_uq',
      ]),
    );
    await first.db.insert(sites).values({
      id: 's1',
      name: 'Kept',
      publishableKey: 'pk_kept',
      secretKeyHash: 'h',
      identitySecret: 'i',
      visitorTokenSecret: 'v',
      allowedOrigins: [],
      createdAt: 0,
    });
    const applied = await first.client.execute('SELECT count(*) FROM __drizzle_migrations');

    await migrateDb(first.db);
    const second = await open(url);
    await migrateDb(second.db);

    expect(await objectNames(second)).toEqual(schema);
    const again = await second.client.execute('SELECT count(*) FROM __drizzle_migrations');
    expect(Number(again.rows[0]?.[0])).toBe(Number(applied.rows[0]?.[0]));
    expect(Number(again.rows[0]?.[0])).toBeGreaterThan(0);
    expect(await countRows(second.db, sites)).toBe(1);
  });
});
