import { and, desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  browsingGroups,
  scoringRuns,
  scoringSettings,
  type ScoringBoundaries,
  type ScoringDistribution,
} from '../../../db/schema/index.ts';
import { jsonRows } from '../../../db/json.ts';
import type { Db } from '../../../db/types.ts';
import {
  CHURN_BUCKETS,
  DEFAULT_SCORING_SETTINGS,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  VALUE_TIERS,
  churnBucket,
  type ScoringSettings,
  type ValueTier,
} from '../../contract/scoring.ts';
import type { ServiceContext } from '../context.ts';
import { readFeatures, type FeatureRow, type Key, type PageSource } from './features.ts';
import {
  accumulate,
  groupName,
  means,
  nearest,
  normalize,
  seedCentroids,
  type GroupSums,
  type Vector,
} from './groups.ts';
import { churnRisk, clv12m, gapCv, lifecycleStage, quintile, rfmSegment, tierOf } from './models.ts';
import {
  buildAssociationRules,
  buildSequenceRules,
  clearPage,
  basketWrites,
  countBaskets,
  readBaskets,
  type BasketRead,
  countSequences,
} from './rules.ts';

/**
 * One scoring pass over one site, as a sequence of bounded steps. Each step reads a few pages
 * (a statement of at most PAGE_SIZE profiles, or twice as many orders or buyers, each) and
 * writes them in one batch of a few statements, so a Workers invocation (a cron tick, 1000
 * statements, 30 s of wall time) runs as many steps as fit and saves the state in `job_state`;
 * the next tick goes on from there. See `worker/modules/scoring/README.md`.
 *
 * A full pass: clear (the last pass's rule counts, a page at a time) → features (every profile,
 * by last-seen keyset) → baskets (every order, by the idempotency keyset) → the recency and
 * frequency quintile bounds (looked up by position) → the monetary rank walk (buyers by revenue,
 * then customer id: quintiles of all three, tiers and the distributions) → rules → finish.
 * An incremental pass: features of the profiles seen, and of the buyers of orders placed, since
 * the last pass began, scored against the last full pass's quintile and tier boundaries.
 */

/** Profiles per page (orders and ranked buyers: twice as many). */
export const PAGE_SIZE = 500;
/** Pages of profiles per features step. */
const FEATURE_PAGES = 8;
/** Pages of orders per basket step and of buyers per monetary step. */
const STEP_PAGES = 4;

type Phase =
  | 'clear'
  | 'features'
  | 'touched-seen'
  | 'touched-orders'
  | 'baskets'
  | 'rank-bounds'
  | 'rank-monetary'
  | 'rules'
  | 'finish';

/** Every phase a saved pass may be in; a pass saved by an older version in another one restarts. */
export const PHASES: readonly Phase[] = [
  'clear',
  'features',
  'touched-seen',
  'touched-orders',
  'baskets',
  'rank-bounds',
  'rank-monetary',
  'rules',
  'finish',
];

/** Everything a pass carries from step to step (saved as JSON in job_state between runs). */
export interface PassState {
  runId: string;
  siteId: string;
  kind: 'full' | 'incremental';
  startedAt: number;
  /** Incremental: the start of the pass before, from which profiles count as touched. */
  since: number;
  phase: Phase;
  /** Keyset position within the phase's walk. */
  key: Key;
  /** Basket walk position (idempotency key). */
  orderKey: string;
  /** Rows before the next page in the current rank walk, and their revenue. */
  rank: number;
  carried: number;
  /** The Pareto curve being drawn by the monetary walk: twentieth of buyers → revenue share. */
  paretoSteps: Record<number, number>;
  baskets: number;
  buyers: number;
  revenueCents: number;
  scored: number;
  /** Centroids the pass assigns against; seeded from the first page on a site's first pass. */
  centroids: Vector[];
  groups: GroupSums;
  bounds: ScoringBoundaries;
  dist: ScoringDistribution;
}

const START_KEY: Key = [-1, ''];

function emptyDistribution(): ScoringDistribution {
  return {
    customers: 0,
    buyers: 0,
    revenueCents: 0,
    segments: {},
    tiers: {},
    stages: {},
    churn: {},
    rfmGrid: {},
    valueRisk: {},
    pareto: [],
  };
}

/** The site's scoring settings, defaults filled in. */
export async function settingsOf(db: Db, siteId: string): Promise<ScoringSettings> {
  const [row] = await db
    .select({ settings: scoringSettings.settings })
    .from(scoringSettings)
    .where(eq(scoringSettings.siteId, siteId));
  return { ...DEFAULT_SCORING_SETTINGS, ...row?.settings };
}

/** The last finished full run of a site, if any. */
export async function lastFullRun(db: Db, siteId: string) {
  return db.query.scoringRuns.findFirst({
    where: and(
      eq(scoringRuns.siteId, siteId),
      eq(scoringRuns.kind, 'full'),
      sql`${scoringRuns.finishedAt} IS NOT NULL`,
    ),
    orderBy: desc(scoringRuns.startedAt),
  });
}

/** The start of the last pass of any kind that finished, from which an incremental pass counts. */
async function lastPassStart(db: Db, siteId: string): Promise<number | null> {
  const row = await db.query.scoringRuns.findFirst({
    where: and(eq(scoringRuns.siteId, siteId), sql`${scoringRuns.finishedAt} IS NOT NULL`),
    orderBy: desc(scoringRuns.startedAt),
  });
  return row?.startedAt ?? null;
}

/**
 * A new pass over a site. An incremental pass on a site never fully scored becomes a full one,
 * since there are no boundaries to score against.
 */
export async function startPass(
  ctx: ServiceContext,
  siteId: string,
  kind: 'full' | 'incremental',
): Promise<PassState> {
  const full = await lastFullRun(ctx.db, siteId);
  const effective = kind === 'incremental' && full?.boundaries ? 'incremental' : 'full';
  const groups = await ctx.db
    .select({ centroid: browsingGroups.centroid })
    .from(browsingGroups)
    .where(eq(browsingGroups.siteId, siteId))
    .orderBy(browsingGroups.groupId);
  const since = effective === 'incremental' ? ((await lastPassStart(ctx.db, siteId)) ?? 0) : 0;
  const state: PassState = {
    runId: ctx.newId(),
    siteId,
    kind: effective,
    startedAt: ctx.now(),
    since,
    phase: effective === 'full' ? 'clear' : 'touched-seen',
    key: START_KEY,
    orderKey: '',
    rank: 0,
    carried: 0,
    paretoSteps: {},
    baskets: 0,
    buyers: 0,
    revenueCents: 0,
    scored: 0,
    centroids: groups.map((g) => g.centroid),
    groups: { sums: [], counts: [] },
    bounds:
      effective === 'incremental' && full?.boundaries
        ? full.boundaries
        : { recency: [], frequency: [], monetary: [], tierA: null, tierB: null },
    dist: emptyDistribution(),
  };
  if (effective === 'incremental') state.key = [state.since, ''];
  await ctx.db
    .insert(scoringRuns)
    .values({ id: state.runId, siteId, kind: effective, startedAt: state.startedAt });
  return state;
}

/**
 * The quintile of a (value, id) pair against the lowest (value, id) of quintiles 2–5: one bound
 * passed per quintile climbed. A bound repeats when a small site skips a quintile.
 */
function againstBounds(value: number, id: string, bounds: readonly [number, string][]): number {
  let q = 1;
  for (const [v, bid] of bounds) if (value > v || (value === v && id >= bid)) q += 1;
  return Math.min(5, q);
}

/**
 * The 0-based ranks at which quintiles 2–5 begin among n buyers: the first i with
 * `quintile(i, n) = q` is ⌈(q − 1)·n ÷ 5⌉. Ranks past the last buyer have no bound, so nobody
 * reaches that quintile; with these bounds `againstBounds` gives every buyer exactly
 * `quintile(rank, n)`.
 */
function boundRanks(n: number): number[] {
  return [1, 2, 3, 4].map((q) => Math.ceil((q * n) / 5)).filter((i) => i < n);
}

/** A scored row as written to customer_scores. */
interface ScoreRow {
  customerId: string;
  orders: number;
  revenueCents: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  meanGapDays: number | null;
  gapCv: number | null;
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  rfmCode: string | null;
  segment: string | null;
  tier: ValueTier | null;
  stage: string;
  churnRisk: number | null;
  churnReasons: unknown[];
  clv12mCents: number | null;
  interests: Record<string, number>;
  groupId: number | null;
}

/** Scores one profile's features; RFM and tier only against known boundaries (incremental). */
function score(state: PassState, f: FeatureRow, settings: ScoringSettings, now: number): ScoreRow {
  const churn = churnRisk(f, settings, now);
  const buyer = f.orders > 0 && f.lastOrderAt !== null;
  const incremental = state.kind === 'incremental' && buyer && f.lastOrderAt !== null;
  const r = incremental ? againstBounds(f.lastOrderAt ?? 0, f.customerId, state.bounds.recency) : null;
  const fq = incremental ? againstBounds(f.orders, f.customerId, state.bounds.frequency) : null;
  const m = incremental ? againstBounds(f.revenueCents, f.customerId, state.bounds.monetary) : null;
  const tier: ValueTier | null = !incremental
    ? null
    : state.bounds.tierA !== null && f.revenueCents >= state.bounds.tierA
      ? 'A'
      : state.bounds.tierB !== null && f.revenueCents >= state.bounds.tierB
        ? 'B'
        : 'C';
  const vector = normalize(f.interests);
  const hasInterests = Object.keys(vector).length > 0 && state.centroids.length > 0;
  const groupId = hasInterests ? nearest(vector, state.centroids) : null;
  if (groupId !== null && state.kind === 'full') accumulate(state.groups, groupId, vector);
  return {
    customerId: f.customerId,
    orders: f.orders,
    revenueCents: f.revenueCents,
    firstOrderAt: f.firstOrderAt,
    lastOrderAt: f.lastOrderAt,
    meanGapDays: f.meanGapMs === null ? null : Number((f.meanGapMs / 86_400_000).toFixed(2)),
    gapCv: gapCv(f),
    recency: r,
    frequency: fq,
    monetary: m,
    rfmCode: r && fq && m ? `${r}-${fq}-${m}` : null,
    segment: r && fq && m ? rfmSegment(r, fq, m) : null,
    tier,
    stage: lifecycleStage(f, settings, now),
    churnRisk: churn?.risk ?? null,
    churnReasons: churn?.reasons ?? [],
    clv12mCents: churn ? clv12m(f, settings, churn.risk) : null,
    interests: f.interests,
    groupId,
  };
}

/**
 * Upserts scored rows from one JSON parameter. A full pass leaves RFM and tier as they were
 * (the monetary walk sets them next); an incremental pass writes them.
 */
function writeScores(db: Db, state: PassState, rows: readonly ScoreRow[], now: number) {
  const ranks = state.kind === 'incremental';
  const keep = (column: string) =>
    sql.raw(
      ranks ? `excluded.${column}` : `CASE WHEN excluded.orders > 0 THEN customer_scores.${column} END`,
    );
  return db.run(sql`
    INSERT INTO customer_scores (customer_id, site_id, orders, revenue_cents, first_order_at, last_order_at,
      mean_gap_days, gap_cv, recency, frequency, monetary, rfm_code, segment, tier, stage, churn_risk,
      churn_reasons, clv_12m_cents, interests, group_id, scored_at)
    SELECT customerId, ${state.siteId}, orders, revenueCents, firstOrderAt, lastOrderAt, meanGapDays, gapCv,
      recency, frequency, monetary, rfmCode, segment, tier, stage, churnRisk, churnReasons, clv12mCents,
      interests, groupId, ${now}
    FROM ${jsonRows(rows as unknown as Record<string, unknown>[], [
      'customerId',
      'orders',
      'revenueCents',
      'firstOrderAt',
      'lastOrderAt',
      'meanGapDays',
      'gapCv',
      'recency',
      'frequency',
      'monetary',
      'rfmCode',
      'segment',
      'tier',
      'stage',
      'churnRisk',
      'churnReasons',
      'clv12mCents',
      'interests',
      'groupId',
    ])} ORDER BY ord
    ON CONFLICT (customer_id) DO UPDATE SET orders = excluded.orders, revenue_cents = excluded.revenue_cents,
      first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
      mean_gap_days = excluded.mean_gap_days, gap_cv = excluded.gap_cv,
      recency = ${keep('recency')}, frequency = ${keep('frequency')}, monetary = ${keep('monetary')},
      rfm_code = ${keep('rfm_code')}, segment = ${keep('segment')}, tier = ${keep('tier')},
      stage = excluded.stage, churn_risk = excluded.churn_risk, churn_reasons = excluded.churn_reasons,
      clv_12m_cents = excluded.clv_12m_cents, interests = excluded.interests, group_id = excluded.group_id,
      scored_at = excluded.scored_at`);
}

/** Pages of profiles read for a features step, the key after them, and whether the walk ended. */
interface FeaturePages {
  profiles: FeatureRow[];
  key: Key;
  ended: boolean;
}

/**
 * Reads up to FEATURE_PAGES pages of profiles after `key`, one after the other: pages keep each
 * read short, since on the embedded database a read holds the thread it runs on.
 */
async function readPages(ctx: ServiceContext, siteId: string, source: PageSource, from: Key) {
  const now = ctx.now();
  const read: FeaturePages = { profiles: [], key: from, ended: false };
  for (let n = 0; n < FEATURE_PAGES && !read.ended; n++) {
    const page = await readFeatures(ctx.db, siteId, source, read.key, PAGE_SIZE, now);
    read.profiles.push(...page);
    const last = page.at(-1);
    if (last) read.key = [last.key, last.customerId];
    read.ended = page.length < PAGE_SIZE;
  }
  return read;
}

/**
 * The read a step started for the step after it (`ctx.readAhead`): taken up only by the step
 * that goes on from exactly that pass, phase and position, and dropped otherwise.
 */
let ahead: { at: string; read: Promise<unknown> } | null = null;

const aheadKey = (state: PassState, position: unknown) =>
  JSON.stringify([state.runId, state.phase, position]);

/** The read started ahead for this step's position, if any (and the slot emptied). */
function takeAhead<T>(state: PassState, position: unknown): Promise<T> | null {
  const found = ahead?.at === aheadKey(state, position) ? (ahead.read as Promise<T>) : null;
  ahead = null;
  return found;
}

/**
 * Writes a step's batch and, where reads may run beside writes (`ctx.readAhead`), starts the
 * next step's read meanwhile: on the embedded database reads run on this thread's connection,
 * the batch on the writer thread. The batch is sent first, since such a read runs at once.
 */
async function writeReadingAhead(
  ctx: ServiceContext,
  state: PassState,
  writes: BatchItem<'sqlite'>[],
  next: { at: unknown; read: () => Promise<unknown> } | null,
): Promise<void> {
  const [first, ...rest] = writes;
  const written = first ? ctx.db.batch([first, ...rest]) : null;
  if (next && ctx.readAhead) {
    const started = next.read();
    // Left unclaimed (the pass stopped), its failure must not go unheard as unhandled.
    started.catch(() => undefined);
    ahead = { at: aheadKey(state, next.at), read: started };
  }
  await written;
}

/**
 * One features step: up to FEATURE_PAGES pages of profiles scored and written in one batch.
 * One commit for many pages keeps the writes cheap: the pages of `customer_scores`' indexes
 * that a commit changes are written out once per commit. Where reads may run beside writes,
 * the next step's pages are read while this step's batch is written.
 */
async function featuresStep(
  ctx: ServiceContext,
  state: PassState,
  source: PageSource,
  settings: ScoringSettings,
): Promise<number> {
  const now = ctx.now();
  const { profiles, key, ended } = await (takeAhead<FeaturePages>(state, state.key) ??
    readPages(ctx, state.siteId, source, state.key));
  if (state.centroids.length === 0 && profiles.length > 0) {
    state.centroids = seedCentroids(
      profiles.slice(0, PAGE_SIZE).map((f) => normalize(f.interests)),
      settings.groups,
    );
  }
  // A buyer seen since the last pass was scored by the walk of the seen ones already.
  const fresh =
    state.phase === 'touched-orders' ? profiles.filter((f) => f.lastSeenAt < state.since) : profiles;
  const rows = fresh.map((f) => score(state, f, settings, now));
  // Several statements of a page's rows each: one JSON parameter stays well inside D1's limits.
  const writes = [];
  for (let i = 0; i < rows.length; i += PAGE_SIZE) {
    writes.push(writeScores(ctx.db, state, rows.slice(i, i + PAGE_SIZE), now));
  }
  if (state.kind === 'full') {
    // Rule counts skip profiles seen since the pass began: those may come round again later in
    // this walk (their last-seen key moved past the cursor), and must count once.
    const settled = profiles.filter((f) => f.orders > 0 && f.key <= state.startedAt).map((f) => f.customerId);
    if (settled.length) writes.push(countSequences(ctx.db, state.siteId, settled, settings));
  }
  await writeReadingAhead(
    ctx,
    state,
    writes,
    ended ? null : { at: key, read: () => readPages(ctx, state.siteId, source, key) },
  );
  state.scored += rows.length;
  state.key = key;
  if (ended) {
    state.key = START_KEY;
    if (source === 'customers' && state.kind === 'full') state.phase = 'baskets';
    else if (state.phase === 'touched-seen') {
      state.phase = 'touched-orders';
      state.key = [state.since, ''];
    } else state.phase = 'finish';
  }
  return rows.length;
}

/** One basket step: the next pages of the site's orders counted into itemsets. */
async function basketsStep(ctx: ServiceContext, state: PassState): Promise<number> {
  const read = (from: string) => readBaskets(ctx.db, state.siteId, from, PAGE_SIZE * 2, STEP_PAGES);
  const page = countBaskets(
    await (takeAhead<BasketRead>(state, state.orderKey) ?? read(state.orderKey)),
    state.orderKey,
  );
  await writeReadingAhead(
    ctx,
    state,
    basketWrites(ctx.db, state.siteId, page.counts),
    page.done ? null : { at: page.last, read: () => read(page.last) },
  );
  state.orderKey = page.last;
  state.baskets += page.orders;
  if (page.done) {
    state.phase = 'rank-bounds';
    const [buyers] = await ctx.db.all<{ n: number; revenue: number }>(sql`
      SELECT count(*) AS n, coalesce(sum(revenue_cents), 0) AS revenue FROM customer_scores
      WHERE site_id = ${state.siteId} AND orders > 0`);
    state.buyers = buyers?.n ?? 0;
    state.revenueCents = buyers?.revenue ?? 0;
  }
  return page.orders;
}

/**
 * How each of the recency and frequency bounds is looked up: a buyer's row has a last order
 * time and a prospect's none, and both are walked through their (site, value, customer id)
 * index alone.
 */
const BOUND_LOOKUPS = {
  recency: { column: 'last_order_at', buyers: 'last_order_at IS NOT NULL' },
  frequency: { column: 'orders', buyers: 'orders > 0' },
} as const;

/**
 * The recency and frequency quintile bounds: the (value, customer id) of the buyer at each rank
 * where a quintile begins, each found by its position in the (site, value, customer id) index.
 * The monetary walk then scores all three from these and its own ranks, so each buyer is
 * written once rather than once per dimension.
 */
async function boundsStep(ctx: ServiceContext, state: PassState): Promise<void> {
  for (const field of ['recency', 'frequency'] as const) {
    const { column, buyers } = BOUND_LOOKUPS[field];
    const bounds: [number, string][] = [];
    for (const rank of boundRanks(state.buyers)) {
      const [row] = await ctx.db.all<{ v: number; id: string }>(sql`
        SELECT ${sql.raw(column)} AS v, customer_id AS id FROM customer_scores
        WHERE site_id = ${state.siteId} AND ${sql.raw(buyers)}
        ORDER BY ${sql.raw(column)}, customer_id LIMIT 1 OFFSET ${rank}`);
      if (row) bounds.push([row.v, row.id]);
    }
    state.bounds[field] = bounds;
  }
  state.phase = 'rank-monetary';
}

interface RankRow {
  id: string;
  v: number;
  lastOrderAt: number;
  orders: number;
  stage: string;
  risk: number | null;
  clv: number | null;
}

/**
 * One step of the monetary walk: the next page of the site's buyers in (revenue, customer id)
 * order through the (site, revenue, customer id) index. Each buyer gets the monetary quintile
 * of their position, recency and frequency against the bounds, the segment, the tier, and is
 * counted into the dashboard's distributions (see `tierAndCount`), in one update per page.
 */
async function monetaryStep(ctx: ServiceContext, state: PassState): Promise<number> {
  const pages = await (takeAhead<RankRow[][]>(state, state.key) ?? readRanked(ctx, state.siteId, state.key));
  if (state.rank === 0) state.bounds.monetary = [];
  const starts = boundRanks(state.buyers);
  const writes = [];
  let handled = 0;
  for (const page of pages) {
    const quintiles = page.map((row, i) => {
      const rank = state.rank + i;
      for (const start of starts) if (start === rank) state.bounds.monetary.push([row.v, row.id]);
      return quintile(rank, state.buyers);
    });
    if (page.length) {
      const rows = tierAndCount(state, page, quintiles);
      writes.push(
        ctx.db.run(sql`
          UPDATE customer_scores SET recency = p.r, frequency = p.f, monetary = p.m, segment = p.segment,
            rfm_code = p.code, tier = p.tier
          FROM ${jsonRows(rows, ['id', 'r', 'f', 'm', 'segment', 'code', 'tier'])} AS p
          WHERE customer_scores.customer_id = p.id`),
      );
    }
    state.rank += page.length;
    handled += page.length;
    const last = page.at(-1);
    if (last) state.key = [last.v, last.id];
  }
  const ended = (pages.at(-1)?.length ?? 0) < PAGE_SIZE * 2;
  const key = state.key;
  // The batch sets none of what the walk reads: revenue (its index) and the columns it selects.
  await writeReadingAhead(
    ctx,
    state,
    writes,
    ended ? null : { at: key, read: () => readRanked(ctx, state.siteId, key) },
  );
  if (ended) {
    state.phase = 'rules';
    state.key = START_KEY;
    state.rank = 0;
    state.carried = 0;
  }
  return handled;
}

/** The next pages (up to STEP_PAGES) of the site's buyers in (revenue, customer id) order after `after`. */
async function readRanked(ctx: ServiceContext, siteId: string, after: Key): Promise<RankRow[][]> {
  const pages: RankRow[][] = [];
  let key = after;
  while (pages.length < STEP_PAGES) {
    const page = await ctx.db.all<RankRow>(sql`
      SELECT customer_id AS id, revenue_cents AS v, last_order_at AS lastOrderAt, orders, stage,
        churn_risk AS risk, clv_12m_cents AS clv
      FROM customer_scores
      WHERE site_id = ${siteId} AND orders > 0 AND (revenue_cents, customer_id) > (${key[0]}, ${key[1]})
      ORDER BY revenue_cents, customer_id LIMIT ${PAGE_SIZE * 2}`);
    pages.push(page);
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE * 2) break;
    key = [last.v, last.id];
  }
  return pages;
}

/**
 * The monetary walk's second duty, on the way up from the smallest spender: each buyer's ABC
 * tier from the revenue of the buyers ranked above them (highest first, ties by customer id
 * highest first: exactly this walk's order reversed), which is the total less what this walk
 * has carried so far and their own; the lowest revenue in A and in B kept as the incremental
 * passes' bounds; and the distributions the dashboard shows, the Pareto curve as the share of
 * revenue held by the top 5 %, 10 %, … of buyers.
 */
function tierAndCount(state: PassState, page: readonly RankRow[], quintiles: readonly number[]) {
  const d = state.dist;
  const total = state.revenueCents;
  return page.map((row, i) => {
    const m = quintiles[i] ?? 1;
    const r = againstBounds(row.lastOrderAt, row.id, state.bounds.recency);
    const f = againstBounds(row.orders, row.id, state.bounds.frequency);
    const segment = rfmSegment(r, f, m);
    const before = total - state.carried - row.v;
    const tier = tierOf(before, total);
    // Walking up, the first buyer of a tier met is its lowest.
    if (tier === 'A' && state.bounds.tierA === null) state.bounds.tierA = row.v;
    if (tier === 'B' && state.bounds.tierB === null) state.bounds.tierB = row.v;
    const fromTop = state.buyers - (state.rank + i);
    const step = Math.ceil((fromTop * 20) / Math.max(1, state.buyers));
    // Overwritten on the way up, so each step keeps its top-most buyer's cumulative share.
    if (total > 0) state.paretoSteps[step] = Number(((before + row.v) / total).toFixed(4));
    state.carried += row.v;
    const add = (into: Partial<Record<string, { count: number; revenueCents: number }>>, key: string) => {
      const cell = (into[key] ??= { count: 0, revenueCents: 0 });
      cell.count += 1;
      cell.revenueCents += row.v;
    };
    add(d.tiers, tier);
    add(d.segments, segment);
    d.stages[row.stage] = (d.stages[row.stage] ?? 0) + 1;
    const bucket = churnBucket(row.risk ?? 0);
    d.churn[bucket] = (d.churn[bucket] ?? 0) + 1;
    d.rfmGrid[`${r}-${f}`] = (d.rfmGrid[`${r}-${f}`] ?? 0) + 1;
    const cell = (d.valueRisk[`${tier}-${bucket}`] ??= { count: 0, clvCents: 0 });
    cell.count += 1;
    cell.clvCents += row.clv ?? 0;
    return { id: row.id, r, f, m, segment, code: `${r}-${f}-${m}`, tier };
  });
}

/** The end of a pass: rules, centroids and the run's record. */
async function finish(ctx: ServiceContext, state: PassState): Promise<void> {
  const now = ctx.now();
  const writes = [];
  if (state.kind === 'full') {
    const [prospects] = await ctx.db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM customer_scores WHERE site_id = ${state.siteId} AND orders = 0`);
    state.dist.stages.prospect = prospects?.n ?? 0;
    state.dist.customers = state.buyers + (prospects?.n ?? 0);
    state.dist.buyers = state.buyers;
    state.dist.revenueCents = state.revenueCents;
    state.dist.pareto = Object.entries(state.paretoSteps)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, share]) => share);
    const centroids = means(state.groups, state.centroids);
    writes.push(ctx.db.delete(browsingGroups).where(eq(browsingGroups.siteId, state.siteId)));
    if (centroids.length) {
      writes.push(
        ctx.db.insert(browsingGroups).values(
          centroids.map((centroid, groupId) => ({
            siteId: state.siteId,
            groupId,
            name: groupName(centroid),
            centroid,
            members: state.groups.counts[groupId] ?? 0,
            updatedAt: now,
          })),
        ),
      );
    }
  }
  writes.push(
    ctx.db
      .update(scoringRuns)
      .set({
        finishedAt: now,
        scored: state.scored,
        ...(state.kind === 'full' ? { boundaries: state.bounds, distribution: state.dist } : {}),
      })
      .where(eq(scoringRuns.id, state.runId)),
  );
  const [first, ...rest] = writes;
  if (first) await ctx.db.batch([first, ...rest]);
}

/**
 * Runs the next step of a pass; returns the rows it handled and whether the pass is done.
 * The state is updated in place.
 */
export async function step(
  ctx: ServiceContext,
  state: PassState,
): Promise<{ processed: number; done: boolean }> {
  const settings = await settingsOf(ctx.db, state.siteId);
  switch (state.phase) {
    case 'clear':
      if (await clearPage(ctx.db, 'itemset_counts', state.siteId)) state.phase = 'features';
      return { processed: 0, done: false };
    case 'features':
      return { processed: await featuresStep(ctx, state, 'customers', settings), done: false };
    case 'touched-seen':
      return { processed: await featuresStep(ctx, state, 'customers', settings), done: false };
    case 'touched-orders':
      return { processed: await featuresStep(ctx, state, 'buyers', settings), done: false };
    case 'baskets':
      return { processed: await basketsStep(ctx, state), done: false };
    case 'rank-bounds':
      await boundsStep(ctx, state);
      return { processed: 0, done: false };
    case 'rank-monetary':
      return { processed: await monetaryStep(ctx, state), done: false };
    case 'rules': {
      // The old rules go a page at a time; the new ones follow in one batch.
      const cleared =
        (await clearPage(ctx.db, 'association_rules', state.siteId)) &&
        (await clearPage(ctx.db, 'sequence_rules', state.siteId));
      if (!cleared) return { processed: 0, done: false };
      await ctx.db.batch([
        buildAssociationRules(ctx.db, state.siteId, Math.max(1, state.baskets), settings),
        buildSequenceRules(ctx.db, state.siteId, Math.max(1, state.buyers), settings),
      ]);
      state.phase = 'finish';
      return { processed: 0, done: false };
    }
    case 'finish':
      await finish(ctx, state);
      return { processed: 0, done: true };
  }
}

/** Runs a whole pass over one site (the command line, the staff "re-score now", tests). */
export async function scoreSite(
  ctx: ServiceContext,
  siteId: string,
  kind: 'full' | 'incremental',
): Promise<PassState> {
  const state = await startPass(ctx, siteId, kind);
  for (;;) if ((await step(ctx, state)).done) return state;
}

/** The names every distribution is keyed by, in display order. */
export const DISTRIBUTION_KEYS = {
  segments: RFM_SEGMENTS,
  tiers: VALUE_TIERS,
  stages: LIFECYCLE_STAGES,
  churn: CHURN_BUCKETS,
} as const;
