/**
 * One database's run: raw ceiling, then the server with every load in turn, then the checks
 * that what was accepted is what is stored, then the raw ceiling again.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDb } from '../../db/client.ts';
import { eventBytes, type BigDatabase } from './generate.ts';
import { Api, BenchFailure, identityTokenFor, visitorTokenFor } from './http.ts';
import {
  identifyMerges,
  ingest,
  newBrowsers,
  newVisitorToken,
  placeOrders,
  readMe,
  search,
  send,
  type Sample,
} from './load.ts';
import { BENCH_SITE, MISSING_NAME, emailOf, externalIdOf, tierRange } from './population.ts';
import { rawInsertRate } from './raw.ts';
import type { Figures } from './report.ts';
import { startServer } from './server.ts';
import { Browser } from './traffic.ts';

const RAW = { rows: 200_000, ms: 5_000 };
const SMALL = { pool: 512, concurrency: 32, bounds: { maxMs: 10_000, maxCount: 20_000 } };
const BATCH = { pool: 64, concurrency: 16, bounds: { maxMs: 10_000, maxCount: 2_000 } };
/** On the big database, this share of each pool is returning customers with long histories. */
const RETURNING_SHARE = 0.25;
const ME = { maxMs: 3_000, maxCount: 500 };
const ME_DURING = { maxMs: 8_000, maxCount: 500 };
const ORDERS = { concurrency: 8, bounds: { maxMs: 8_000, maxCount: 4_000 } };
const IDENTIFY = { maxMs: 8_000, maxCount: 60 };
const SEARCH = { maxMs: 3_000, maxCount: 100 };
/** The identified heavy customer whose card `/v1/me` reads. */
const ME_CUSTOMER = tierRange('heavy').first;

/** Customers that orders, merges and search name: heavy, regular and light, the same on both databases. */
const CUSTOMER_POOL = Array.from({ length: 200 }, (_, i) => {
  const tier = (['heavy', 'regular', 'regular', 'light', 'light'] as const)[i % 5] ?? 'light';
  const { first, count } = tierRange(tier);
  return first + 1 + ((i * 7919) % (count - 1));
});

async function query(url: string, sql: string, args: (string | number)[] = []) {
  const database = await openDb(url);
  try {
    return (await database.client.execute({ sql, args })).rows;
  } finally {
    database.close();
  }
}

/** Browsers of existing customers (their first visitor), starting a new session: a returning visit. */
async function returningBrowsers(url: string, customers: number[]): Promise<Browser[]> {
  const rows = await query(
    url,
    `SELECT c.external_id, v.id, v.token_id FROM customers c
     JOIN visitors v ON v.site_id = c.site_id AND v.customer_id = c.id
     WHERE c.site_id = ? AND c.external_id IN (SELECT value FROM json_each(?)) ORDER BY v.created_at`,
    [BENCH_SITE.id, JSON.stringify(customers.map(externalIdOf))],
  );
  const seen = new Map<string, Browser>();
  for (const row of rows) {
    const [key, id, tokenId] = [row.external_id, row.id, row.token_id];
    if (typeof key !== 'string' || typeof id !== 'string' || typeof tokenId !== 'string')
      throw new Error('bad row');
    if (!seen.has(key)) seen.set(key, new Browser(visitorTokenFor(id, tokenId)));
  }
  if (seen.size !== customers.length)
    throw new Error(`found ${seen.size} of ${customers.length} returning customers`);
  return [...seen.values()];
}

/** The same visitors in random order, so returning ones are among the first requests too. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const timed = async <T>(log: (line: string) => void, what: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

export async function benchDatabase(
  label: string,
  url: string,
  big: BigDatabase | null,
  log: (line: string) => void,
): Promise<Figures> {
  log(`\n[${label} database]`);
  const before = await timed(log, 'raw insert ceiling, before', () =>
    rawInsertRate(url, RAW.rows, RAW.ms, false),
  );
  const [base] = await query(
    url,
    `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) AS events,
       coalesce((SELECT max(rowid) FROM orders), 0) AS orders`,
  );
  const returningCount = (pool: number) => (big ? Math.round(pool * RETURNING_SHARE) : 0);
  // A third of the returning visitors are heavy customers (1,500 events, 100 orders), the rest regular ones.
  const returning = big
    ? await returningBrowsers(
        url,
        Array.from({ length: returningCount(SMALL.pool) + returningCount(BATCH.pool) }, (_, i) =>
          i % 3 === 0 ? tierRange('heavy').first + 1000 + (i % 997) : tierRange('regular').first + 20_000 + i,
        ),
      )
    : [];
  const meVisitor = big ? (await returningBrowsers(url, [ME_CUSTOMER]))[0] : undefined;

  const server = await startServer(url);
  const api = new Api(server.origin);
  let setupEvents = 0;
  try {
    await sleep(1000);
    const idle = (await server.memory()).rss;
    const [smallPool, batchPool] = await timed(log, 'visitors for the pools', async () => [
      shuffle([
        ...(await newBrowsers(api, SMALL.pool - returningCount(SMALL.pool))),
        ...returning.slice(0, returningCount(SMALL.pool)),
      ]),
      shuffle([
        ...(await newBrowsers(api, BATCH.pool - returningCount(BATCH.pool))),
        ...returning.slice(returningCount(SMALL.pool)),
      ]),
    ]);
    let meToken = meVisitor?.token;
    if (!meToken) {
      // On the empty database the card's customer is made the way the widget makes one.
      const visitorToken = await newVisitorToken(api);
      setupEvents = await send(api, new Browser(visitorToken), 10);
      await api.widget('POST', '/v1/identify', {
        body: {},
        bearer: visitorToken,
        identity: identityTokenFor(externalIdOf(ME_CUSTOMER)),
        expect: 200,
      });
      meToken = visitorToken;
    }
    const me = { visitorToken: meToken, identity: identityTokenFor(externalIdOf(ME_CUSTOMER)) };

    const small = await timed(log, 'ingestion, 1–5 events/request', () =>
      ingest(api, smallPool, () => 1 + Math.floor(Math.random() * 5), SMALL.concurrency, SMALL.bounds),
    );
    const batch = await timed(log, 'ingestion, 100-event batches', () =>
      ingest(api, batchPool, () => 100, BATCH.concurrency, BATCH.bounds),
    );
    const meAlone = await timed(log, 'GET /v1/me alone', () => readMe(api, me, ME));
    const { meDuring, ingestDuring } = await timed(log, 'GET /v1/me during ingestion', async () => {
      let reading = true;
      const load = Promise.all([
        ingest(
          api,
          smallPool,
          () => 1 + Math.floor(Math.random() * 5),
          24,
          SMALL.bounds,
          () => !reading,
        ),
        ingest(
          api,
          batchPool,
          () => 100,
          8,
          BATCH.bounds,
          () => !reading,
        ),
      ]);
      await sleep(500);
      const meDuring = await readMe(api, me, ME_DURING).finally(() => {
        reading = false;
      });
      const [s, b] = await load;
      const ingestDuring: Sample = {
        ...s,
        items: s.items + b.items,
        latencies: [...s.latencies, ...b.latencies],
      };
      return { meDuring, ingestDuring };
    });
    const orders = await timed(log, 'POST /v1/orders', () =>
      placeOrders(api, CUSTOMER_POOL, ORDERS.concurrency, ORDERS.bounds),
    );
    const targets = CUSTOMER_POOL.slice(0, Math.min(CUSTOMER_POOL.length, orders.items));
    const identify = await timed(log, 'identify with merge', () => identifyMerges(api, targets, IDENTIFY));
    const target = CUSTOMER_POOL[0] ?? 0;
    const searched = await timed(log, 'staff search', async () => ({
      email: await search(
        api,
        emailOf(target),
        (l) => l.customers.some((c) => c.email === emailOf(target)),
        SEARCH,
      ),
      missingName: await search(api, MISSING_NAME, (l) => l.customers.length === 0, SEARCH),
      externalId: await search(api, externalIdOf(target), (l) => l.customers.length === 1, SEARCH),
    }));
    const { peak } = await server.memory();
    await server.stop();

    const accepted = setupEvents + small.items + batch.items + ingestDuring.items + identify.events;
    const [stored] = await query(
      url,
      `SELECT (SELECT count(*) FROM events WHERE id > ?) AS events, (SELECT count(*) FROM orders WHERE rowid > ?) AS orders,
         (SELECT count(*) FROM customers) AS customers`,
      [Number(base?.events ?? 0), Number(base?.orders ?? 0)],
    );
    const storedEvents = Number(stored?.events ?? -1);
    const storedOrders = Number(stored?.orders ?? -1);
    if (storedEvents !== accepted || storedOrders !== orders.items) {
      throw new BenchFailure(
        `accepted ${accepted} events and ${orders.items} orders, but ${storedEvents} and ${storedOrders} are stored`,
      );
    }
    log(`  stored = accepted: ${accepted} events, ${orders.items} orders`);
    const bytes = big?.bytes ?? (await bytesOf(url));
    const after = await timed(log, 'raw insert ceiling, after', () =>
      rawInsertRate(url, RAW.rows, RAW.ms, true),
    );
    return {
      small,
      batch,
      raw: { before, after },
      orders,
      meAlone,
      meDuring,
      ingestDuring,
      identify,
      search: searched,
      bytesPerEvent: bytes.perEvent,
      fileBytesPerEvent: bytes.filePerEvent,
      rss: { idle, peak },
      stored: { events: storedEvents, orders: storedOrders },
      customers: Number(stored?.customers ?? 0),
    };
  } finally {
    await server.stop();
  }
}

/** Bytes per event of a database after its run (the big one's were measured when generated). */
async function bytesOf(url: string) {
  const database = await openDb(url);
  try {
    const rs = await database.client.execute('SELECT count(*) AS n FROM events');
    return await eventBytes(database.client, Number(rs.rows[0]?.n ?? 0));
  } finally {
    database.close();
  }
}
