/**
 * `npx node tests/bench/plans.ts [file.db]`: EXPLAIN QUERY PLAN of the hot statements on the big
 * bench database (the cached one unless a file is named), marking every walk over a table that
 * grows with traffic: a full scan, or a search on `site_id` alone (one site holds every row);
 * and, apart, searches that walk one customer's whole history (`site_id` and `customer_id`
 * only), which cost O(history) per call unless a LIMIT stops them early.
 *
 * The SQL is copied from the services as they stood before the performance work (tracking,
 * profiles/stats, identity, orders, profiles), so this prints the "before" plans, on whatever
 * schema the database has. The statements the services issue now are held by
 * tests/api/query-plans.test.ts.
 */
import { createClient, type InArgs } from '@libsql/client';
import { bigDatabase } from './generate.ts';
import { statements } from './plans-sql.ts';
import { BENCH_SITE, externalIdOf, tierRange } from './population.ts';

/** Tables whose row count grows with traffic. */
const GROWING = ['events', 'sessions', 'orders', 'order_items', 'customers', 'visitors', 'customer_stats'];

const file = process.argv[2] ?? (await bigDatabase()).file;
const client = createClient({ url: `file:${file}`, concurrency: 1 });
try {
  // A heavy customer and one of its visitors make the arguments realistic (plans do not depend on them).
  const heavy = await client.execute({
    sql: `SELECT c.id AS customer, v.id AS visitor FROM customers c JOIN visitors v ON v.customer_id = c.id
          WHERE c.site_id = ? AND c.external_id = ? LIMIT 1`,
    args: [BENCH_SITE.id, externalIdOf(tierRange('heavy').first)],
  });
  const row = heavy.rows[0];
  if (typeof row?.customer !== 'string' || typeof row.visitor !== 'string') {
    throw new Error('the heavy customer is missing');
  }
  const findings: { statement: string; walks: string[] }[] = [];
  const histories: { statement: string; walks: string[] }[] = [];
  for (const { name, sql, aliases = {} } of statements) {
    const args: InArgs = statementArgs(sql, { customer: row.customer, visitor: row.visitor });
    const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
    const depth = new Map<number, number>();
    const walks: string[] = [];
    const history: string[] = [];
    console.log(`\n${name}`);
    for (const step of rs.rows) {
      const id = Number(step.id);
      const level = (depth.get(Number(step.parent)) ?? -1) + 1;
      depth.set(id, level);
      const detail = typeof step.detail === 'string' ? step.detail : '';
      const walk = growingWalk(detail, aliases);
      if (walk?.startsWith('every') && walk.endsWith('customer')) history.push(walk);
      else if (walk) walks.push(walk);
      console.log(`${'  '.repeat(level + 1)}${detail}${walk ? `   <-- ${walk}` : ''}`);
    }
    if (walks.length > 0) findings.push({ statement: name, walks });
    if (history.length > 0) histories.push({ statement: name, walks: history });
  }
  console.log(`\n${findings.length} of ${statements.length} statements walk a growing table:`);
  for (const { statement, walks } of findings) console.log(`- ${statement}: ${walks.join('; ')}`);
  console.log(`\n${histories.length} walk one customer's whole history:`);
  for (const { statement, walks } of histories) console.log(`- ${statement}: ${walks.join('; ')}`);
} finally {
  client.close();
}

/** What a plan line walks in a growing table: all of it, all of the site, or all of one customer. */
function growingWalk(detail: string, aliases: Record<string, string>): string | null {
  const [, verb, name = ''] = /^(SCAN|SEARCH) (\S+)/.exec(detail) ?? [];
  const table = aliases[name] ?? name;
  if (!verb || !GROWING.includes(table)) return null;
  if (verb === 'SCAN') return `full scan of ${table}`;
  if (/\(site_id=\?\)$/.test(detail)) return `every ${table} row of the site`;
  if (/\(site_id=\? AND customer_id=\?\)$/.test(detail)) return `every ${table} row of the customer`;
  return null;
}

/** Named arguments for the parameters a statement uses. */
function statementArgs(sql: string, ids: { customer: string; visitor: string }): InArgs {
  const now = Date.now();
  const values: Record<string, string | number> = {
    site: BENCH_SITE.id,
    customer: ids.customer,
    visitor: ids.visitor,
    key: BENCH_SITE.publishableKey,
    secretHash: '0'.repeat(64),
    ingest: 'ingest-id-0000000000000',
    ids: '["a"]',
    rows: '[]',
    skus: '["SKU-00001"]',
    lines: '[]',
    now,
    day: new Date(now).toISOString().slice(0, 10),
    number: 1,
    text: 'x',
    order: 'order-id-00000000000000',
    orderIds: 'order-id-00000000000000',
    externalId: externalIdOf(1),
    pattern: 'x%',
    limit: 21,
  };
  const used = new Set([...sql.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''));
  return Object.fromEntries([...used].map((name) => [name, values[name] ?? null]));
}
