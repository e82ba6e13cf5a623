import { and, desc, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { jsonValues } from '../../../db/json.ts';
import {
  browsingGroups,
  customerScores,
  customerStats,
  customers,
  scoringRuns,
  scoringSettings,
  type CustomerScoreRow,
} from '../../../db/schema/index.ts';
import type { Db } from '../../../db/types.ts';
import {
  CHURN_BUCKETS,
  CHURN_BUCKET_FLOORS,
  type ChurnReason,
  type CustomerScores,
  type CustomerScoresResponse,
  type LifecycleStage,
  type Recommendation,
  type RfmSegment,
  type RuleView,
  type ScoredCustomer,
  type ScoredListQuery,
  type ScoringDashboard,
  type ScoringSettings,
  type StaffCustomerSummary,
  type ValueTier,
} from '../../contract/scoring.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { base64url, fromBase64url } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { settingsOf } from './pass.ts';

/** Products a customer's recommendations consider at most (their most recent distinct ones). */
const BOUGHT_CONSIDERED = 20;

/** The staff view of a stored row. */
export function scoresView(row: CustomerScoreRow, groupName: string | null): CustomerScores {
  return {
    customerId: row.customerId,
    recency: row.recency,
    frequency: row.frequency,
    monetary: row.monetary,
    rfmCode: row.rfmCode,
    segment: row.segment as RfmSegment | null,
    tier: row.tier as ValueTier | null,
    stage: row.stage as LifecycleStage,
    churnRisk: row.churnRisk,
    churnReasons: row.churnReasons as ChurnReason[],
    clv12mCents: row.clv12mCents,
    groupId: row.groupId,
    groupName,
    scoredAt: row.scoredAt,
  };
}

/**
 * The products a customer has not bought yet that the site's rules suggest from what they did
 * buy, best first (confidence, then lift), each with the rule behind it. Reads the customer's
 * orders through their index and the rules through (site, antecedent): the antecedents tried
 * are the customer's recent skus and their pairs.
 */
export async function recommendationsFor(
  db: Db,
  siteId: string,
  customerId: string,
  limit = 5,
): Promise<Recommendation[]> {
  const bought = await db.all<{ sku: string }>(sql`
    SELECT sku FROM (
      SELECT oi.sku, max(o.placed_at) AS at FROM orders o JOIN order_items oi ON oi.order_id = o.id
      WHERE o.customer_id = ${customerId} AND o.site_id = ${siteId} GROUP BY oi.sku)
    ORDER BY at DESC, sku LIMIT ${BOUGHT_CONSIDERED}`);
  const skus = bought.map((b) => b.sku).sort();
  if (skus.length === 0) return [];
  const antecedents = [
    ...skus.map((s) => JSON.stringify([s])),
    ...skus.flatMap((a, i) => skus.slice(i + 1).map((b) => JSON.stringify([a, b]))),
  ];
  const rows = await db.all<{
    kind: 'association' | 'sequence';
    antecedent: string;
    sku: string;
    confidence: number;
    lift: number;
    name: string | null;
  }>(sql`
    WITH wanted(antecedent) AS (${jsonValues(antecedents)}),
    owned(sku) AS (${jsonValues(skus)}),
    candidates AS (
      SELECT 'association' AS kind, r.antecedent, json_extract(r.consequent, '$[0]') AS sku, r.confidence, r.lift
      FROM wanted JOIN association_rules r ON r.site_id = ${siteId} AND r.antecedent = wanted.antecedent
      WHERE json_array_length(r.consequent) = 1
      UNION ALL
      SELECT 'sequence', r.antecedent, json_extract(r.consequent, '$[0]'), r.confidence, r.lift
      FROM wanted JOIN sequence_rules r ON r.site_id = ${siteId} AND r.antecedent = wanted.antecedent)
    SELECT c.kind, c.antecedent, c.sku, c.confidence, c.lift,
      (SELECT name FROM products WHERE site_id = ${siteId} AND sku = c.sku) AS name
    FROM candidates c WHERE c.sku NOT IN (SELECT sku FROM owned)
    ORDER BY c.confidence DESC, c.lift DESC, c.sku LIMIT 100`);
  const seen = new Set<string>();
  const out: Recommendation[] = [];
  for (const row of rows) {
    if (seen.has(row.sku)) continue;
    seen.add(row.sku);
    out.push({
      sku: row.sku,
      name: row.name,
      kind: row.kind,
      because: JSON.parse(row.antecedent) as string[],
      confidence: row.confidence,
      lift: row.lift,
    });
    if (out.length === limit) break;
  }
  return out;
}

/** A customer's scores, the name of their group and their next products (null scores: not scored yet). */
export async function customerScoresOf(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
): Promise<CustomerScoresResponse> {
  const [row] = await ctx.db
    .select({ scores: customerScores, groupName: browsingGroups.name })
    .from(customerScores)
    .leftJoin(
      browsingGroups,
      and(
        eq(browsingGroups.siteId, customerScores.siteId),
        eq(browsingGroups.groupId, customerScores.groupId),
      ),
    )
    .where(and(eq(customerScores.customerId, customerId), eq(customerScores.siteId, siteId)));
  return {
    scores: row ? scoresView(row.scores, row.groupName) : null,
    recommendations: await recommendationsFor(ctx.db, siteId, customerId),
  };
}

function decodeKey(cursor: string): { v: number | null; id: string } {
  const bytes = fromBase64url(cursor);
  const [v, id] = bytes ? new TextDecoder().decode(bytes).split('|') : [];
  if (id === undefined || v === undefined)
    throw badRequest('invalid_cursor', 'cursor: not one this list gave');
  const value = v === '' ? null : Number(v);
  if (value !== null && !Number.isFinite(value))
    throw badRequest('invalid_cursor', 'cursor: not one this list gave');
  return { v: value, id };
}

function encodeKey(v: number | null, id: string): string {
  return base64url(new TextEncoder().encode(`${v ?? ''}|${id}`));
}

const SORTS = {
  churn: customerScores.churnRisk,
  clv: customerScores.clv12mCents,
  monetary: customerScores.revenueCents,
} as const;

/**
 * Customers by segment, tier, stage, group or churn bucket, highest first by the sort (churn
 * risk by default: the ones to act on first), keyset-paged. Each filter has an index of
 * (site, filter, churn risk, id), so the default sort walks it with no sort step; rows without
 * the sort value (prospects) come last.
 */
export async function listScored(
  ctx: ServiceContext,
  siteId: string,
  query: Omit<ScoredListQuery, 'format'>,
): Promise<{ customers: ScoredCustomer[]; nextCursor: string | null }> {
  const key = SORTS[query.sort];
  const after = query.cursor ? decodeKey(query.cursor) : undefined;
  const bucket = query.churn ? CHURN_BUCKETS.indexOf(query.churn) : -1;
  const floor = bucket >= 0 ? CHURN_BUCKET_FLOORS[bucket] : undefined;
  const ceiling = bucket >= 0 ? CHURN_BUCKET_FLOORS[bucket + 1] : undefined;
  const filters: (SQL | undefined)[] = [
    eq(customerScores.siteId, siteId),
    query.segment ? eq(customerScores.segment, query.segment) : undefined,
    query.tier ? eq(customerScores.tier, query.tier) : undefined,
    query.stage ? eq(customerScores.stage, query.stage) : undefined,
    query.group !== undefined ? eq(customerScores.groupId, query.group) : undefined,
    floor !== undefined ? gte(customerScores.churnRisk, floor) : undefined,
    ceiling !== undefined ? lt(customerScores.churnRisk, ceiling) : undefined,
    after
      ? after.v === null
        ? and(isNull(key), lt(customerScores.customerId, after.id))
        : or(lt(key, after.v), and(eq(key, after.v), lt(customerScores.customerId, after.id)), isNull(key))
      : undefined,
  ];
  const rows = await ctx.db
    .select({
      scores: customerScores,
      groupName: browsingGroups.name,
      name: customers.name,
      email: customers.email,
      externalId: customers.externalId,
    })
    .from(customerScores)
    .innerJoin(customers, eq(customers.id, customerScores.customerId))
    .leftJoin(
      browsingGroups,
      and(
        eq(browsingGroups.siteId, customerScores.siteId),
        eq(browsingGroups.groupId, customerScores.groupId),
      ),
    )
    .where(and(...filters))
    .orderBy(desc(key), desc(customerScores.customerId))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const sortValue = (row: CustomerScoreRow) =>
    query.sort === 'churn' ? row.churnRisk : query.sort === 'clv' ? row.clv12mCents : row.revenueCents;
  return {
    customers: page.map((r) => ({
      ...scoresView(r.scores, r.groupName),
      name: r.name,
      email: r.email,
      externalId: r.externalId,
      orders: r.scores.orders,
      revenueCents: r.scores.revenueCents,
      lastOrderAt: r.scores.lastOrderAt,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeKey(sortValue(last.scores), last.scores.customerId) : null,
  };
}

const CSV_COLUMNS = [
  'customer_id',
  'external_id',
  'name',
  'email',
  'rfm_code',
  'segment',
  'tier',
  'stage',
  'group',
  'churn_risk',
  'clv_12m',
  'orders',
  'revenue',
  'last_order_at',
] as const;

/** A CSV cell: quoted when needed, and never starting with a formula character (CSV injection). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of a page as CSV lines (amounts in currency units, times in ISO 8601). */
export function csvLines(rows: readonly ScoredCustomer[], header: boolean): string {
  const lines = rows.map((r) =>
    [
      r.customerId,
      r.externalId,
      r.name,
      r.email,
      r.rfmCode,
      r.segment,
      r.tier,
      r.stage,
      r.groupName,
      r.churnRisk,
      r.clv12mCents === null ? null : (r.clv12mCents / 100).toFixed(2),
      r.orders,
      (r.revenueCents / 100).toFixed(2),
      r.lastOrderAt === null ? null : new Date(r.lastOrderAt).toISOString(),
    ]
      .map(cell)
      .join(','),
  );
  return [...(header ? [CSV_COLUMNS.join(',')] : []), ...lines].map((l) => `${l}\r\n`).join('');
}

/** The dashboard: the last full run's distributions, the one before (for movement), groups, last pass. */
export async function dashboard(ctx: ServiceContext, siteId: string): Promise<ScoringDashboard> {
  const runs = await ctx.db
    .select()
    .from(scoringRuns)
    .where(
      and(
        eq(scoringRuns.siteId, siteId),
        eq(scoringRuns.kind, 'full'),
        sql`${scoringRuns.finishedAt} IS NOT NULL`,
      ),
    )
    .orderBy(desc(scoringRuns.startedAt))
    .limit(2);
  const [latestPass] = await ctx.db
    .select({ kind: scoringRuns.kind, finishedAt: scoringRuns.finishedAt, scored: scoringRuns.scored })
    .from(scoringRuns)
    .where(eq(scoringRuns.siteId, siteId))
    .orderBy(desc(scoringRuns.startedAt))
    .limit(1);
  const groups = await ctx.db
    .select({ id: browsingGroups.groupId, name: browsingGroups.name, members: browsingGroups.members })
    .from(browsingGroups)
    .where(eq(browsingGroups.siteId, siteId))
    .orderBy(browsingGroups.groupId);
  const [current, previous] = runs;
  return {
    current: current ? { finishedAt: current.finishedAt, distribution: current.distribution } : null,
    previous: previous ? { finishedAt: previous.finishedAt, distribution: previous.distribution } : null,
    lastPass: latestPass ?? null,
    groups,
  };
}

/** The rules of a site, strongest (lift) first. */
export async function listRules(
  db: Db,
  siteId: string,
  kind: 'association' | 'sequence',
  limit: number,
): Promise<RuleView[]> {
  const table = sql.raw(kind === 'association' ? 'association_rules' : 'sequence_rules');
  const rows = await db.all<{
    antecedent: string;
    consequent: string;
    support_count: number;
    support: number;
    confidence: number;
    lift: number;
  }>(sql`
    SELECT antecedent, consequent, support_count, support, confidence, lift FROM ${table}
    WHERE site_id = ${siteId} ORDER BY lift DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    antecedent: JSON.parse(r.antecedent) as string[],
    consequent: JSON.parse(r.consequent) as string[],
    supportCount: r.support_count,
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
  }));
}

/** Stores a site's scoring settings. */
export async function saveSettings(ctx: ServiceContext, siteId: string, settings: ScoringSettings) {
  const row = { siteId, settings: { ...settings }, updatedAt: ctx.now() };
  await ctx.db
    .insert(scoringSettings)
    .values(row)
    .onConflictDoUpdate({
      target: scoringSettings.siteId,
      set: { settings: row.settings, updatedAt: row.updatedAt },
    });
  return settingsOf(ctx.db, siteId);
}

/** The staff card's 360 summary of one customer of a site, by the site's own customer id. */
export async function staffSummary(
  ctx: ServiceContext,
  siteId: string,
  externalId: string,
): Promise<StaffCustomerSummary> {
  const [row] = await ctx.db
    .select({
      id: customers.id,
      name: customers.name,
      email: customers.email,
      firstSeenAt: customers.firstSeenAt,
      lastSeenAt: customers.lastSeenAt,
      orders: customerStats.orders,
      revenueCents: customerStats.revenueCents,
    })
    .from(customers)
    .leftJoin(customerStats, eq(customerStats.customerId, customers.id))
    .where(and(eq(customers.siteId, siteId), eq(customers.externalId, externalId)));
  if (!row) throw notFound('No customer of this site has that id');
  const { scores, recommendations } = await customerScoresOf(ctx, siteId, row.id);
  return {
    externalId,
    name: row.name,
    email: row.email,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    orders: row.orders ?? 0,
    revenueCents: row.revenueCents ?? 0,
    scores,
    recommendations,
  };
}
