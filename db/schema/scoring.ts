import { sqliteTable, text, integer, real, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { siteRef, sites } from './sites.ts';
import { customers } from './customers.ts';

/** A churn reason as stored (the contract's `ChurnReason`; db/ does not import the contract). */
export interface StoredReason {
  code: string;
  weight: number;
  values: Record<string, number>;
}

/**
 * One row per profile: the features the scoring job read off its orders and visits, and the
 * scores it gave. Written only by the job (`worker/modules/scoring/`); offers and
 * recommendations read it on the server. Prospects (never bought) have a row too, for their
 * stage and browsing group.
 */
export const customerScores = sqliteTable(
  'customer_scores',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    siteId: siteRef(),
    /** Features: orders, revenue, first and last order, mean and spread of the gaps between orders. */
    orders: integer('orders').notNull().default(0),
    revenueCents: integer('revenue_cents').notNull().default(0),
    firstOrderAt: integer('first_order_at'),
    lastOrderAt: integer('last_order_at'),
    meanGapDays: real('mean_gap_days'),
    gapCv: real('gap_cv'),
    /** RFM quintiles 1–5 (5 best) within the site; null for a prospect. */
    recency: integer('recency'),
    frequency: integer('frequency'),
    monetary: integer('monetary'),
    rfmCode: text('rfm_code'),
    segment: text('segment'),
    tier: text('tier'),
    stage: text('stage').notNull(),
    churnRisk: real('churn_risk'),
    churnReasons: text('churn_reasons', { mode: 'json' }).$type<StoredReason[]>().notNull().default([]),
    clv12mCents: integer('clv_12m_cents'),
    /** Category → dwell-weighted views, as the pass read them off `customer_categories`. */
    interests: text('interests', { mode: 'json' }).$type<Record<string, number>>(),
    /** The look-alike browsing group (`browsing_groups.group_id`), for anonymous visitors too. */
    groupId: integer('group_id'),
    scoredAt: integer('scored_at').notNull(),
  },
  (t) => [
    // The rank walks of the job: each reads the site's buyers in (value, customer id) order.
    index('customer_scores_site_last_order_idx').on(t.siteId, t.lastOrderAt, t.customerId),
    index('customer_scores_site_orders_idx').on(t.siteId, t.orders, t.customerId),
    index('customer_scores_site_revenue_idx').on(t.siteId, t.revenueCents, t.customerId),
    // Staff lists: by segment, tier, stage or group, riskiest first; and everyone by risk.
    index('customer_scores_site_segment_idx').on(t.siteId, t.segment, t.churnRisk, t.customerId),
    index('customer_scores_site_tier_idx').on(t.siteId, t.tier, t.churnRisk, t.customerId),
    index('customer_scores_site_stage_idx').on(t.siteId, t.stage, t.churnRisk, t.customerId),
    index('customer_scores_site_group_idx').on(t.siteId, t.groupId, t.churnRisk, t.customerId),
    index('customer_scores_site_churn_idx').on(t.siteId, t.churnRisk, t.customerId),
    index('customer_scores_site_clv_idx').on(t.siteId, t.clv12mCents, t.customerId),
  ],
);

/** A pass of the scoring job over one site, with the distributions the dashboard compares. */
export const scoringRuns = sqliteTable(
  'scoring_runs',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    kind: text('kind').$type<'full' | 'incremental'>().notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /** Profiles scored in this pass. */
    scored: integer('scored').notNull().default(0),
    /**
     * Where the quintiles and tiers cut, so an incremental pass scores the customers it touches
     * against the last full ranking (see `worker/modules/scoring/README.md`).
     */
    boundaries: text('boundaries', { mode: 'json' }).$type<ScoringBoundaries>(),
    /** Counts and revenue per segment, tier, stage, churn bucket, RFM cell, value × risk cell. */
    distribution: text('distribution', { mode: 'json' }).$type<ScoringDistribution>(),
  },
  (t) => [index('scoring_runs_site_started_idx').on(t.siteId, t.startedAt)],
);

/** Where the quintiles of a full run cut: the lowest value of quintiles 2–5 (with its customer id). */
export interface ScoringBoundaries {
  recency: [number, string][];
  frequency: [number, string][];
  monetary: [number, string][];
  /** Least revenue of a tier-A and a tier-B customer. */
  tierA: number | null;
  tierB: number | null;
}

/** The distributions a run counted while it walked the site. */
export interface ScoringDistribution {
  customers: number;
  buyers: number;
  revenueCents: number;
  segments: Partial<Record<string, { count: number; revenueCents: number }>>;
  tiers: Partial<Record<string, { count: number; revenueCents: number }>>;
  stages: Partial<Record<string, number>>;
  churn: Partial<Record<string, number>>;
  /** `${recency}-${frequency}` → customers. */
  rfmGrid: Partial<Record<string, number>>;
  /** `${tier}-${churnBucket}` → { customers, 12-month value }. */
  valueRisk: Partial<Record<string, { count: number; clvCents: number }>>;
  /** Share of revenue held by the top 5 %, 10 % … 100 % of buyers (the Pareto curve). */
  pareto: number[];
}

/** A site's look-alike browsing groups: the k-means centroids and the names of their interests. */
export const browsingGroups = sqliteTable(
  'browsing_groups',
  {
    siteId: siteRef(),
    groupId: integer('group_id').notNull(),
    name: text('name').notNull(),
    /** Interest (category) → weight, the centroid of the group. */
    centroid: text('centroid', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    members: integer('members').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.groupId] })],
);

/** "Bought together": X ⇒ Y over the site's baskets (orders). */
export const associationRules = sqliteTable(
  'association_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    /** Skus of the left side, sorted, joined by a space. */
    antecedent: text('antecedent').notNull(),
    consequent: text('consequent').notNull(),
    /** Baskets holding X and Y, and that count over all baskets. */
    supportCount: integer('support_count').notNull(),
    support: real('support').notNull(),
    confidence: real('confidence').notNull(),
    lift: real('lift').notNull(),
  },
  (t) => [
    index('association_rules_site_antecedent_idx').on(t.siteId, t.antecedent, t.confidence),
    index('association_rules_site_lift_idx').on(t.siteId, t.lift),
  ],
);

/** "Bought A, then B within N days" over each customer's orders in time. */
export const sequenceRules = sqliteTable(
  'sequence_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    antecedent: text('antecedent').notNull(),
    consequent: text('consequent').notNull(),
    /** Customers who bought A and later B within the window. */
    supportCount: integer('support_count').notNull(),
    support: real('support').notNull(),
    confidence: real('confidence').notNull(),
    lift: real('lift').notNull(),
  },
  (t) => [
    index('sequence_rules_site_antecedent_idx').on(t.siteId, t.antecedent, t.confidence),
    index('sequence_rules_site_lift_idx').on(t.siteId, t.lift),
  ],
);

/**
 * Scratch counts of the rule mining, rebuilt by each full pass: itemsets of one basket
 * (`kind` basket: `items` a sorted JSON array of one to three skus), skus a customer bought
 * (`kind` buyer) and "A then B" pairs per customer (`kind` sequence: `items` `["A","B"]`).
 */
export const itemsetCounts = sqliteTable(
  'itemset_counts',
  {
    siteId: siteRef(),
    kind: text('kind').$type<'basket' | 'buyer' | 'sequence'>().notNull(),
    items: text('items').notNull(),
    size: integer('size').notNull(),
    count: integer('count').notNull(),
  },
  // No index on the count: every page's upsert changes counts, and the rule build reads a
  // site's counts of one kind once, through the key.
  (t) => [primaryKey({ columns: [t.siteId, t.kind, t.items] })],
);

/** A site's own thresholds; a site without a row uses `DEFAULT_SCORING_SETTINGS`. */
export const scoringSettings = sqliteTable('scoring_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  settings: text('settings', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type CustomerScoreRow = typeof customerScores.$inferSelect;
export type ScoringRun = typeof scoringRuns.$inferSelect;
export type BrowsingGroup = typeof browsingGroups.$inferSelect;
