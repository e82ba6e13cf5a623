import { sql } from 'drizzle-orm';
import { jsonRows, jsonValues } from '../../../db/json.ts';
import type { Db } from '../../../db/types.ts';
import type { ScoringSettings } from '../../contract/scoring.ts';

const DAY = 86_400_000;

/**
 * Cross-sell mining. Counts are added page by page into `itemset_counts` (a scratch table the
 * full pass clears first), then one statement per kind turns the frequent ones into rules.
 * Baskets count itemsets of one to three distinct skus (pairs only from baskets of at most 50
 * skus, triples from at most 20, so one huge order cannot explode the counts).
 */

/** The splits of a pair and of a triple into X ⇒ Y: [size, bit mask of the items in X]. */
const SPLITS = [
  [2, 0b01],
  [2, 0b10],
  [3, 0b001],
  [3, 0b010],
  [3, 0b100],
  [3, 0b011],
  [3, 0b101],
  [3, 0b110],
];

/** Largest basket whose pairs and whose triples are counted. */
const MAX_PAIR_BASKET = 50;
const MAX_TRIPLE_BASKET = 20;

/** Rows one clearing step deletes. */
const CLEAR_PAGE = 5000;

/** The tables a full pass rebuilds per site, and the order their pages are deleted in. */
const CLEARED = {
  itemset_counts: 'kind, items',
  association_rules: 'id',
  sequence_rules: 'id',
} as const;

/**
 * Deletes a page of a site's rows of a rebuilt table; true when none are left. Bounded so one
 * step never deletes a whole site's rows in one statement.
 */
export async function clearPage(db: Db, table: keyof typeof CLEARED, siteId: string): Promise<boolean> {
  const result = await db.run(sql`
    DELETE FROM ${sql.raw(table)} WHERE rowid IN (
      SELECT rowid FROM ${sql.raw(table)} WHERE site_id = ${siteId}
      ORDER BY ${sql.raw(CLEARED[table])} LIMIT ${CLEAR_PAGE})`);
  return changes(result) < CLEAR_PAGE;
}

/** Rows a write changed, from libSQL's or D1's result. */
function changes(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number } };
  return r.rowsAffected ?? r.meta?.changes ?? 0;
}

/** Itemsets one basket step counts at most, so a page of huge baskets stays small in memory. */
const MAX_STEP_ITEMSETS = 20_000;
/** Itemsets per upsert statement: one JSON parameter stays well inside D1's limits. */
const UPSERT_ITEMSETS = 5000;

/** A basket row: an order (by its idempotency key) and one of its distinct skus (null: none). */
export interface BasketRow {
  k: string;
  sku: string | null;
}

/** The rows of the next pages of orders, and whether the site's orders ran out in them. */
export interface BasketRead {
  rows: BasketRow[];
  ended: boolean;
}

/** What a basket step counted: the itemsets, up to which order, how many, whether all are done. */
export interface BasketPage {
  counts: Map<string, number>;
  last: string;
  orders: number;
  done: boolean;
}

/** Adds a basket's itemsets (its distinct skus in order) into `counts`, keyed by their JSON. */
function addItemsets(counts: Map<string, number>, skus: readonly string[]) {
  const add = (items: string[]) => {
    const key = JSON.stringify(items);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const n = skus.length;
  for (let i = 0; i < n; i++) {
    const x = skus[i] ?? '';
    add([x]);
    if (n > MAX_PAIR_BASKET) continue;
    for (let j = i + 1; j < n; j++) {
      const y = skus[j] ?? '';
      add([x, y]);
      if (n > MAX_TRIPLE_BASKET) continue;
      for (let k = j + 1; k < n; k++) add([x, y, skus[k] ?? '']);
    }
  }
}

/**
 * Reads the next pages (up to `pages` of `size` orders) of a site's orders after idempotency
 * key `after`: one statement per page, the page's distinct (order, sku) pairs through the
 * site's unique (site, idempotency key) index and the items' order index.
 */
export async function readBaskets(
  db: Db,
  siteId: string,
  after: string,
  size: number,
  pages: number,
): Promise<BasketRead> {
  const read: BasketRead = { rows: [], ended: false };
  let last = after;
  for (let n = 0; n < pages && !read.ended; n++) {
    const page = await db.all<BasketRow>(sql`
      SELECT DISTINCT o.idempotency_key AS k, oi.sku FROM (
        SELECT id, idempotency_key FROM orders WHERE site_id = ${siteId} AND idempotency_key > ${last}
        ORDER BY idempotency_key LIMIT ${size}) o
      LEFT JOIN order_items oi ON oi.order_id = o.id
      ORDER BY o.idempotency_key, oi.sku`);
    read.rows.push(...page);
    const orders = page.filter((row, i) => i === 0 || page[i - 1]?.k !== row.k).length;
    last = page.at(-1)?.k ?? last;
    read.ended = orders < size;
  }
  return read;
}

/**
 * Counts the itemsets of the baskets read after `after`, order by order. It stops early, at
 * an order boundary, once it holds MAX_STEP_ITEMSETS itemsets (at least one order is counted),
 * so a page of huge baskets stays small in memory; the next step reads on from there.
 */
export function countBaskets(read: BasketRead, after: string): BasketPage {
  const page: BasketPage = { counts: new Map(), last: after, orders: 0, done: false };
  const { rows } = read;
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    const key = rows[start]?.k ?? '';
    if (i < rows.length && rows[i]?.k === key) continue;
    if (page.orders > 0 && page.counts.size >= MAX_STEP_ITEMSETS) return page;
    addItemsets(
      page.counts,
      rows.slice(start, i).flatMap((row) => (row.sku === null ? [] : [row.sku])),
    );
    page.last = key;
    page.orders += 1;
    start = i;
  }
  page.done = read.ended;
  return page;
}

/**
 * The upserts adding basket itemset counts, one per UPSERT_ITEMSETS itemsets. json_extract
 * gives the items back as SQLite's own JSON text, the form the rule build and the sequence
 * counts compare with.
 */
export function basketWrites(db: Db, siteId: string, counts: Map<string, number>) {
  const itemsets = [...counts].map(([items, count]) => ({ items: JSON.parse(items) as string[], count }));
  const writes = [];
  for (let i = 0; i < itemsets.length; i += UPSERT_ITEMSETS) {
    writes.push(
      db.run(sql`
        INSERT INTO itemset_counts (site_id, kind, items, size, count)
        SELECT ${siteId}, 'basket', items, json_array_length(items), count
        FROM ${jsonRows(itemsets.slice(i, i + UPSERT_ITEMSETS), ['items', 'count'])} WHERE true
        ON CONFLICT (site_id, kind, items) DO UPDATE SET count = itemset_counts.count + excluded.count`),
    );
  }
  return writes;
}

/**
 * Adds, for a page of customers (those of `pageIds`, seen before the pass began), the skus each
 * bought (`buyer`) and the "A then B within N days" pairs (`sequence`), counted once per
 * customer.
 */
export function countSequences(
  db: Db,
  siteId: string,
  pageIds: readonly string[],
  settings: ScoringSettings,
) {
  const window = settings.sequenceDays * DAY;
  return db.run(sql`
    WITH bought AS (
      SELECT o.customer_id, o.placed_at, oi.sku FROM orders o JOIN order_items oi ON oi.order_id = o.id
      WHERE o.customer_id IN (${jsonValues(pageIds)}))
    INSERT INTO itemset_counts (site_id, kind, items, size, count)
    SELECT ${siteId}, kind, items, size, count FROM (
      SELECT 'buyer' AS kind, json_array(sku) AS items, 1 AS size, count(DISTINCT customer_id) AS count
      FROM bought GROUP BY sku
      UNION ALL
      SELECT 'sequence', json_array(a.sku, b.sku), 2, count(DISTINCT a.customer_id)
      FROM bought a JOIN bought b ON b.customer_id = a.customer_id AND b.sku <> a.sku
        AND b.placed_at > a.placed_at AND b.placed_at <= a.placed_at + ${window}
      GROUP BY a.sku, b.sku)
    WHERE true
    ON CONFLICT (site_id, kind, items) DO UPDATE SET count = itemset_counts.count + excluded.count`);
}

/**
 * Builds the site's association rules (cleared by `clearPage` first) from the frequent itemsets: every split of a frequent
 * pair or triple into X ⇒ Y, with support = count(X∪Y) ÷ baskets, confidence = count(X∪Y) ÷
 * count(X) and lift = confidence ÷ (count(Y) ÷ baskets), kept when all reach the site's
 * minimums. The counts are read through the (site, kind, items) key.
 */
export function buildAssociationRules(db: Db, siteId: string, baskets: number, settings: ScoringSettings) {
  const minCount = Math.max(settings.minSupportCount, Math.ceil(settings.minSupport * baskets));
  return db.run(sql`
      WITH f AS (
        SELECT items, size, count FROM itemset_counts
        WHERE site_id = ${siteId} AND kind = 'basket' AND size IN (2, 3) AND count >= ${minCount}),
      -- Every split of an itemset: the bits of the mask pick the antecedent's items (one row per
      -- split rather than a compound SELECT per split, which D1 caps at a few terms).
      masks AS (
        SELECT json_extract(value, '$[0]') AS size, json_extract(value, '$[1]') AS mask
        FROM json_each(${JSON.stringify(SPLITS)})),
      -- Materialized and joined first (CROSS JOIN keeps SQLite's order), so the counts are looked
      -- up by the (site, kind, items) key; the planner, knowing nothing of the splits' size,
      -- otherwise walks every basket count of the site for every split.
      splits AS MATERIALIZED (
        SELECT
          (SELECT json_group_array(value) FROM json_each(f.items) WHERE (masks.mask >> key) & 1) AS ante,
          (SELECT json_group_array(value) FROM json_each(f.items) WHERE NOT (masks.mask >> key) & 1) AS cons,
          f.count
        FROM f JOIN masks ON masks.size = f.size),
      scored AS (
        SELECT s.ante, s.cons, s.count,
          1.0 * s.count / a.count AS confidence,
          (1.0 * s.count / a.count) / (1.0 * c.count / ${baskets}) AS lift
        FROM splits s
        CROSS JOIN itemset_counts a ON a.site_id = ${siteId} AND a.kind = 'basket' AND a.items = s.ante
        CROSS JOIN itemset_counts c ON c.site_id = ${siteId} AND c.kind = 'basket' AND c.items = s.cons)
      INSERT INTO association_rules (site_id, antecedent, consequent, support_count, support, confidence, lift)
      SELECT ${siteId}, ante, cons, count, 1.0 * count / ${baskets}, confidence, lift FROM scored
      WHERE confidence >= ${settings.minConfidence} AND lift >= ${settings.minLift}`);
}

/**
 * Builds the site's sequence rules (cleared by `clearPage` first): A ⇒ later B with support = customers who did ÷ buyers,
 * confidence = that count ÷ customers who bought A, lift = confidence ÷ share of buyers who
 * bought B.
 */
export function buildSequenceRules(db: Db, siteId: string, buyers: number, settings: ScoringSettings) {
  return db.run(sql`
      WITH s AS (
        SELECT count, json_array(json_extract(items, '$[0]')) AS ante, json_array(json_extract(items, '$[1]')) AS cons
        FROM itemset_counts
        WHERE site_id = ${siteId} AND kind = 'sequence' AND size = 2 AND count >= ${settings.minSupportCount}),
      scored AS (
        SELECT s.ante, s.cons, s.count, 1.0 * s.count / a.count AS confidence,
          (1.0 * s.count / a.count) / (1.0 * c.count / ${buyers}) AS lift
        FROM s
        JOIN itemset_counts a ON a.site_id = ${siteId} AND a.kind = 'buyer' AND a.items = s.ante
        JOIN itemset_counts c ON c.site_id = ${siteId} AND c.kind = 'buyer' AND c.items = s.cons)
      INSERT INTO sequence_rules (site_id, antecedent, consequent, support_count, support, confidence, lift)
      SELECT ${siteId}, ante, cons, count, 1.0 * count / ${buyers}, confidence, lift FROM scored
      WHERE confidence >= ${settings.minConfidence} AND lift >= ${settings.minLift}`);
}
