import type { Client, InArgs, InStatement } from '@libsql/client';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_DATA } from '../../db/customer-data.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import { JOBS } from '../../worker/jobs/index.ts';
import { scoreSite } from '../../worker/modules/scoring/pass.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';

// Every statement the services issue while the app serves a scripted day of traffic is
// recorded from the driver and explained here, so a new hot statement is held to the rule
// without anyone listing it: no full scan of a table that grows with traffic.

/** A text cell of a result row (pragmas and plans answer in text). */
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Tables that stay small whatever the traffic: configuration, not history. */
// A site's scoring settings and its look-alike groups are a row and at most 32 rows.
const SMALL_TABLES = new Set([
  'sites',
  'site_origins',
  'job_state',
  '__drizzle_migrations',
  'scoring_settings',
  'browsing_groups',
]);

interface Recorded {
  sql: string;
  args: InArgs;
  /** The step of the script that issued it, to name it in a failure. */
  step: string;
}

/** Records every statement the client runs, alone or in a batch, until the returned stop() is called. */
function record(client: Client, into: Recorded[], step: () => string) {
  const keep = (stmt: InStatement) => {
    into.push(
      typeof stmt === 'string'
        ? { sql: stmt, args: [], step: step() }
        : { sql: stmt.sql, args: stmt.args ?? [], step: step() },
    );
  };
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  Object.assign(client, {
    execute: (stmt: InStatement) => {
      keep(stmt);
      return execute(stmt);
    },
    batch: (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => {
      stmts.forEach(keep);
      return batch(stmts, mode);
    },
  });
  return () => {
    Object.assign(client, { execute, batch });
  };
}

/**
 * A job's page walk: no filter, an order an index gives and a limit, so the rows read are the
 * rows returned (the first page shows as a SCAN; later pages seek past the cursor).
 */
function isPageWalk(sql: string, plan: string[]): boolean {
  return (
    /\border by\b[^()]*\blimit\b/i.test(sql) &&
    !/\bwhere\b/i.test(sql) &&
    !plan.some((line) => line.includes('TEMP B-TREE'))
  );
}

/** The scans of growing tables in a statement's plan, as `SCAN …` lines. */
function fullScans(sql: string, plan: string[]): string[] {
  if (isPageWalk(sql, plan)) return [];
  // The statement's own common table expressions (`name AS [MATERIALIZED] (…)`) hold the rows it computed.
  const ctes = new Set([...sql.matchAll(/\b(\w+) AS (?:NOT )?(?:MATERIALIZED )?\(/gi)].map((m) => m[1]));
  return plan
    .filter((line) => {
      const scanned = /^SCAN (\S+)/.exec(line)?.[1];
      if (!scanned) return false;
      // json_each's rows are the request's own; subqueries and constant rows are not tables.
      if (line.includes('VIRTUAL TABLE') || scanned.startsWith('(') || scanned === 'CONSTANT') return false;
      if (line.endsWith('CONSTANT ROWS') || ctes.has(scanned)) return false;
      return !SMALL_TABLES.has(scanned);
    })
    .concat(
      // An index used for the site alone walks every row of the tenant: a scan in all but name,
      // unless an ORDER BY … LIMIT stops the walk early.
      /\border by\b[^()]*\blimit\b/i.test(sql)
        ? []
        : plan.filter((line) => {
            const table = /^SEARCH (\S+) USING (?:COVERING )?INDEX \S+ \(site_id=\?\)$/.exec(line)?.[1];
            return table !== undefined && !SMALL_TABLES.has(table);
          }),
    );
}

/** Explains each recorded statement once; returns the plans that scan a growing table. */
async function scansOfRecorded(): Promise<string[]> {
  const unique = new Map<string, Recorded>();
  for (const statement of statements) if (!unique.has(statement.sql)) unique.set(statement.sql, statement);
  const failures: string[] = [];
  for (const { sql, args, step: from } of unique.values()) {
    if (/^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK)\b/i.test(sql)) continue;
    const rs = await t.database.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
    const plan = rs.rows.map((row) => text(row.detail));
    if (fullScans(sql, plan).length > 0) {
      failures.push(`[${from}] ${sql.replace(/\s+/g, ' ').trim()}\n  ${plan.join('\n  ')}`);
    }
  }
  return failures;
}

/** Rows per distinct value of an index's leading columns on a big single-site database. */
const ROWS_PER_KEY: Record<string, number> = { site_id: 1_000_000, customer_id: 50, order_id: 3 };

/**
 * Replaces the statistics of the tiny test database (on which a scan is rightly the cheapest
 * plan) with those of a big one: a million rows per growing table, one site, fifty rows per
 * customer, three lines per order, other keys close to unique. The planner then chooses as
 * it would in production, where choosing a scan costs seconds.
 */
async function fakeBigSiteStatistics(client: Client) {
  await client.execute('ANALYZE');
  const stats = await client.execute('SELECT tbl, idx FROM sqlite_stat1');
  for (const { tbl, idx } of stats.rows) {
    if (SMALL_TABLES.has(text(tbl))) continue;
    const columns =
      idx === null ? [] : (await client.execute(`PRAGMA index_info("${text(idx)}")`)).rows.map((c) => c.name);
    const perKey = columns.map((name, i) => (i === 0 ? (ROWS_PER_KEY[text(name)] ?? 1) : 1));
    await client.execute({
      sql: 'UPDATE sqlite_stat1 SET stat = ? WHERE tbl = ? AND idx IS ?',
      args: [['1000000', ...perKey].join(' '), text(tbl), idx === null ? null : text(idx)],
    });
  }
  // Makes SQLite load the statistics just written.
  await client.execute('ANALYZE sqlite_schema');
}

let t: TestApp;
const statements: Recorded[] = [];
let step = 'setup';

/** Runs one step of the script, expecting a 2xx answer. */
async function expectOk(name: string, request: () => Promise<Response>) {
  step = name;
  const res = await request();
  expect(res.status, `${name}: ${await res.clone().text()}`).toBeLessThan(300);
  return res;
}

beforeAll(async () => {
  t = await makeTestApp();
  const stop = record(t.database.client, statements, () => step);

  const bearer = (token: string, sub?: string) => async () => ({
    Authorization: `Bearer ${token}`,
    ...(sub ? { 'X-Crm-Identity': await t.identityToken(sub) } : {}),
  });
  const asKnown = await t.newVisitor();
  const view = pageView('plan-sess-01', 0, '/a');
  await expectOk('ingest', () =>
    t.track(asKnown, [
      view,
      pageLeave('plan-sess-01', 1, view.id, 1200),
      productView('plan-sess-01', 2, 'MUG-01'),
      pageView('plan-sess-01', 3, '/b'),
    ]),
  );
  await expectOk('ingest again', () => t.track(asKnown, [pageView('plan-sess-01', 4, '/c')]));
  await expectOk('identify (promote)', async () =>
    t.widget('POST', '/v1/identify', { body: {}, headers: await bearer(asKnown, 'plan-cust')() }),
  );
  const order = {
    customer: { externalId: 'plan-cust', email: 'plan@example.com', name: 'Plan Customer' },
    items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
  };
  for (const name of ['order', 'order replay']) {
    await expectOk(name, () =>
      t.staff('POST', '/v1/orders', { headers: { 'Idempotency-Key': 'plan-order-0001' }, body: order }),
    );
  }
  await expectOk('order (new customer)', () =>
    t.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'plan-order-0002' },
      body: { ...order, customer: { externalId: 'plan-other' } },
    }),
  );
  const anonymous = await t.newVisitor();
  await expectOk('ingest (anonymous)', () =>
    t.track(anonymous, [pageView('plan-sess-02', 0, '/x'), productView('plan-sess-02', 1, 'LAMP-01')]),
  );
  await expectOk('identify (merge)', async () =>
    t.widget('POST', '/v1/identify', { body: {}, headers: await bearer(anonymous, 'plan-cust')() }),
  );
  await expectOk('me', async () =>
    t.widget('GET', '/v1/me', { headers: await bearer(asKnown, 'plan-cust')() }),
  );
  await expectOk('consent', async () =>
    t.widget('POST', '/v1/me/consent', {
      body: { granted: true },
      headers: await bearer(asKnown, 'plan-cust')(),
    }),
  );
  await expectOk('visitor refresh', () =>
    t.widget('POST', '/v1/visitors', { body: { visitorToken: asKnown } }),
  );
  for (const q of ['', '?q=plan%40example.com', '?q=Plan', '?q=plan-cust', '?q=Nobody', '?limit=1']) {
    await expectOk(`staff search ${q}`, () => t.staff('GET', `/v1/customers${q}`));
  }
  const page = await expectOk('staff search page 1', () => t.staff('GET', '/v1/customers?limit=1'));
  const { customers, nextCursor } = await page.json<{ customers: { id: string }[]; nextCursor: string }>();
  await expectOk('staff search page 2', () =>
    t.staff('GET', `/v1/customers?limit=1&cursor=${encodeURIComponent(nextCursor)}`),
  );
  await expectOk('staff profile', () => t.staff('GET', `/v1/customers/${customers[0]?.id ?? ''}`));
  step = 'console sign-in';
  const { browser } = await signedInMember(t, 'owner');
  const site = `/sites/${t.site.id}`;
  const consoleSteps: [string, string][] = [
    ['console me', '/me'],
    ['console settings', site],
    ['console overview 7', `${site}/overview?days=7`],
    ['console overview 30', `${site}/overview?days=30`],
    ['console activity', `${site}/activity`],
    ['console activity after', `${site}/activity?after=1`],
    ['console audit', '/audit'],
    ['console audit page 2', '/audit?before=2'],
    ...(['lastSeen', 'firstSeen', 'revenue', 'orders'] as const).flatMap((sort): [string, string][] => [
      [`console customers by ${sort}`, `${site}/customers?sort=${sort}&limit=1`],
      [
        `console customers by ${sort}, filtered`,
        `${site}/customers?sort=${sort}&identified=yes&hasOrders=yes&seenSince=1`,
      ],
    ]),
    ['console customers search', `${site}/customers?q=plan`],
  ];
  for (const [name, path] of consoleSteps) await expectOk(name, () => browser.call('GET', path));
  for (const sort of ['lastSeen', 'revenue']) {
    const first = await expectOk(`console customers by ${sort}`, () =>
      browser.call('GET', `${site}/customers?sort=${sort}&limit=1`),
    );
    const { nextCursor: cursor } = await first.json<{ nextCursor: string }>();
    await expectOk(`console customers by ${sort} page 2`, () =>
      browser.call('GET', `${site}/customers?sort=${sort}&limit=1&cursor=${encodeURIComponent(cursor)}`),
    );
  }
  const id = customers[0]?.id ?? '';
  await expectOk('console 360', () => browser.call('GET', `${site}/customers/${id}`));
  const before = Buffer.from(`${t.clock.now}|zzz`).toString('base64url');
  await expectOk('console timeline page', () =>
    browser.call('GET', `${site}/customers/${id}/timeline?before=${before}`),
  );
  const ctx = { db: t.db, now: () => t.clock.now, newId };
  for (const job of JOBS) {
    step = `job ${job.name}`;
    await job.page(ctx, null);
  }
  // Every step of a scoring pass, full and incremental, not only a job's first page.
  for (const kind of ['full', 'incremental'] as const) {
    step = `scoring ${kind} pass`;
    t.clock.now += 1000;
    await scoreSite(ctx, t.site.id, kind);
  }
  const scoring = `${site}/scoring`;
  const scoringSteps: [string, string][] = [
    ['scoring dashboard', `${scoring}/dashboard`],
    ['scoring rules', `${scoring}/rules?kind=association`],
    ['scoring sequence rules', `${scoring}/rules?kind=sequence`],
    ['scoring customer', `${scoring}/customers/${id}`],
    ...['', 'segment=loyal', 'tier=A', 'stage=new', 'group=0', 'churn=high', 'tier=A&churn=critical'].map(
      (filter): [string, string] => [`scoring list ${filter}`, `${scoring}/customers?${filter}`],
    ),
    ['scoring list by clv', `${scoring}/customers?sort=clv&limit=1`],
    ['scoring list by revenue', `${scoring}/customers?sort=monetary&limit=1`],
    ['scoring list page 2', `${scoring}/customers?limit=1&cursor=${encodeURIComponent('MC41fHp6eg')}`],
    ['scoring csv', `${scoring}/customers?format=csv`],
  ];
  for (const [name, path] of scoringSteps) await expectOk(name, () => browser.call('GET', path));
  const staffToken = await signHs256(
    { typ: 'crm-staff', aud: 'crm-staff', sub: 'agent', exp: Math.floor(t.clock.now / 1000) + 300 },
    t.created.identitySecret,
  );
  await expectOk('staff card', () =>
    t.widget('GET', '/v1/staff/customer?customer=plan-cust', {
      headers: { Authorization: `Bearer ${staffToken}` },
    }),
  );
  stop();
});

describe('query plans of the hot statements', () => {
  it('recorded the statements of every step', () => {
    const steps = new Set(statements.map((s) => s.step));
    expect([...steps]).toEqual(expect.arrayContaining(['ingest', 'order', 'identify (merge)', 'me']));
  });

  it('never scans a table that grows with traffic', async () => {
    const failures = await scansOfRecorded();
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('keeps those plans on the statistics of a big site', async () => {
    await fakeBigSiteStatistics(t.database.client);
    const failures = await scansOfRecorded();
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('has an index led by the child key of every foreign key into customer data', async () => {
    // Erasing or merging a profile deletes rows of these tables, and SQLite checks each such
    // foreign key (or cascades) by looking the child rows up: without an index, a full scan.
    const parents = new Set(CUSTOMER_DATA.map((entry) => getTableConfig(entry.table).name));
    const tables = await t.database.client.execute(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    const missing: string[] = [];
    for (const { name } of tables.rows) {
      const table = text(name);
      const keys = await t.database.client.execute(`PRAGMA foreign_key_list("${table}")`);
      const indexes = await t.database.client.execute(`PRAGMA index_list("${table}")`);
      const leading = await Promise.all(
        indexes.rows.map(async (index) => {
          const info = await t.database.client.execute(`PRAGMA index_info("${text(index.name)}")`);
          return info.rows.map((column) => text(column.name));
        }),
      );
      for (const key of keys.rows) {
        if (!parents.has(text(key.table))) continue;
        const column = text(key.from);
        if (!leading.some((columns) => columns[0] === column)) missing.push(`${table}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
