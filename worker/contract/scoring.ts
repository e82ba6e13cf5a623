import { z } from 'zod';
import { clientId, pageLimit } from './common.ts';
import { STAFF_TOKEN_TYPE } from './constants.ts';
import {
  CHURN_BUCKETS,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  VALUE_TIERS,
  type ChurnReasonCode,
  type LifecycleStage,
  type RfmSegment,
  type ValueTier,
} from './shared/scoring.ts';

/**
 * Customer intelligence: the names every score can take. Other features (offers, the banner,
 * recommendations) target on these values, read from `customer_scores` on the server; no
 * public route ever returns them.
 */

export {
  RFM_SEGMENTS,
  VALUE_TIERS,
  LIFECYCLE_STAGES,
  CHURN_BUCKETS,
  CHURN_BUCKET_FLOORS,
  CHURN_REASONS,
  churnBucket,
  type RfmSegment,
  type ValueTier,
  type LifecycleStage,
  type ChurnBucket,
  type ChurnReasonCode,
} from './shared/scoring.ts';

/** One reason, with the numbers that explain it and how much it added to the risk (0–1). */
export interface ChurnReason {
  code: ChurnReasonCode;
  weight: number;
  /** Figures to word the reason: days overdue, usual interval in days, change in percent… */
  values: Record<string, number>;
}

/** Per-site thresholds of lifecycle stages and rule mining. */
export interface ScoringSettings {
  /** A customer with at most this many orders whose first order is recent is `new`. */
  newMaxOrders: number;
  /** Days since the first order within which a customer is still `new`. */
  newDays: number;
  /** Orders and span (days between first and last order) that make a customer `long_standing`. */
  longStandingDays: number;
  /** Orders from which a long-standing customer with a steady cadence is `loyal`. */
  loyalMinOrders: number;
  /** Largest coefficient of variation of the intervals between orders still counted as steady. */
  loyalMaxCadenceCv: number;
  /** Days without an order after which any buyer is `lapsed`. */
  lapsedDays: number;
  /** Association rules: least support (share of baskets), confidence and lift. */
  minSupport: number;
  minConfidence: number;
  minLift: number;
  /** Least number of baskets an itemset must appear in, whatever the share. */
  minSupportCount: number;
  /** Sequence rules: B bought within this many days after A. */
  sequenceDays: number;
  /** Look-alike groups: how many (at most) per site. */
  groups: number;
}

/** Defaults of `ScoringSettings` for a site that changed none. */
export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  newMaxOrders: 1,
  newDays: 90,
  longStandingDays: 365,
  loyalMinOrders: 5,
  loyalMaxCadenceCv: 0.75,
  lapsedDays: 180,
  minSupport: 0.001,
  minConfidence: 0.2,
  minLift: 1.2,
  minSupportCount: 2,
  sequenceDays: 60,
  groups: 8,
};

/** `PUT /console/api/sites/:siteId/scoring/settings`. */
export const scoringSettingsRequest = z.strictObject({
  newMaxOrders: z.number().int().min(1).max(20),
  newDays: z.number().int().min(1).max(3650),
  longStandingDays: z.number().int().min(1).max(3650),
  loyalMinOrders: z.number().int().min(2).max(1000),
  loyalMaxCadenceCv: z.number().min(0).max(10),
  lapsedDays: z.number().int().min(1).max(3650),
  minSupport: z.number().min(0).max(1),
  minConfidence: z.number().min(0).max(1),
  minLift: z.number().min(0).max(1000),
  minSupportCount: z.number().int().min(1).max(1_000_000),
  sequenceDays: z.number().int().min(1).max(3650),
  groups: z.number().int().min(1).max(32),
});

/** The stored scores of one customer, as staff see them. */
export interface CustomerScores {
  customerId: string;
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  /** e.g. "5-4-5"; null for a prospect (never bought). */
  rfmCode: string | null;
  segment: RfmSegment | null;
  tier: ValueTier | null;
  stage: LifecycleStage;
  churnRisk: number | null;
  churnReasons: ChurnReason[];
  /** Expected revenue over the next 12 months, in cents. */
  clv12mCents: number | null;
  groupId: number | null;
  groupName: string | null;
  scoredAt: number;
}

/** A product suggested to a customer, and the rule that suggests it. */
export interface Recommendation {
  sku: string;
  name: string | null;
  kind: 'association' | 'sequence';
  /** The products of the rule's left side the customer bought. */
  because: string[];
  confidence: number;
  lift: number;
}

/** `GET …/customers/:id/scores`: the scores, the explanations and next products. */
export interface CustomerScoresResponse {
  scores: CustomerScores | null;
  recommendations: Recommendation[];
}

/** `GET …/scoring/customers`: customers by segment, tier, stage, group or churn risk. */
export const scoredListQuery = z.strictObject({
  segment: z.enum(RFM_SEGMENTS).optional(),
  tier: z.enum(VALUE_TIERS).optional(),
  stage: z.enum(LIFECYCLE_STAGES).optional(),
  group: z.coerce.number().int().min(0).max(1000).optional(),
  churn: z.enum(CHURN_BUCKETS).optional(),
  sort: z.enum(['churn', 'clv', 'monetary']).default('churn'),
  limit: pageLimit,
  cursor: z.string().max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ScoredListQuery = z.infer<typeof scoredListQuery>;

/** `GET …/scoring/rules?kind=`. */
export const rulesQuery = z.strictObject({
  kind: z.enum(['association', 'sequence']).default('association'),
  limit: pageLimit,
});

/** The customer id path parameter. */
export const scoredCustomerParam = clientId;

/** Longest lifetime of a staff token: minutes, since it shows scores to whoever holds it. */
export const MAX_STAFF_TOKEN_TTL_SECONDS = 15 * 60;

/** Claims of a staff token (`typ` and `aud` are `STAFF_TOKEN_TYPE`). */
export const staffTokenClaims = z.object({
  typ: z.literal(STAFF_TOKEN_TYPE),
  aud: z.literal(STAFF_TOKEN_TYPE),
  /** The staff member at the host, for its own records. */
  sub: z.string().min(1).max(200),
  exp: z.number().int(),
  /** When present, the one customer (external id) this token may look up. */
  customer: z.string().min(1).max(200).optional(),
});

/**
 * `GET /v1/staff/customer?customer=<external id>&key=<publishable key>` (staff token as the
 * bearer); the key was read by the site guard already.
 */
export const staffLookupQuery = z.strictObject({
  customer: z.string().min(1).max(200),
  key: z.string().max(200).optional(),
});

/** The 360 summary the staff card shows. */
export interface StaffCustomerSummary {
  externalId: string;
  name: string | null;
  email: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  orders: number;
  revenueCents: number;
  scores: CustomerScores | null;
  recommendations: Recommendation[];
}

/** What a full pass counted while it walked a site (see `scoring_runs.distribution`). */
export interface ScoringDistributionView {
  customers: number;
  buyers: number;
  revenueCents: number;
  segments: Partial<Record<string, { count: number; revenueCents: number }>>;
  tiers: Partial<Record<string, { count: number; revenueCents: number }>>;
  stages: Partial<Record<string, number>>;
  churn: Partial<Record<string, number>>;
  /** `${recency}-${frequency}` → customers. */
  rfmGrid: Partial<Record<string, number>>;
  /** `${tier}-${churnBucket}` → customers and their 12-month value. */
  valueRisk: Partial<Record<string, { count: number; clvCents: number }>>;
  /** Share of revenue held by the top 5 %, 10 % … 100 % of buyers. */
  pareto: number[];
}

/** `GET …/scoring/dashboard`: the last full pass, the one before it (movement), groups, the last pass of any kind. */
export interface ScoringDashboard {
  current: { finishedAt: number | null; distribution: ScoringDistributionView | null } | null;
  previous: { finishedAt: number | null; distribution: ScoringDistributionView | null } | null;
  lastPass: { kind: 'full' | 'incremental'; finishedAt: number | null; scored: number } | null;
  groups: { id: number; name: string; members: number }[];
}

/** One row of a list of scored customers. */
export interface ScoredCustomer extends CustomerScores {
  name: string | null;
  email: string | null;
  externalId: string | null;
  orders: number;
  revenueCents: number;
  lastOrderAt: number | null;
}

/** A rule as listed: X ⇒ Y with its measures. */
export interface RuleView {
  antecedent: string[];
  consequent: string[];
  supportCount: number;
  support: number;
  confidence: number;
  lift: number;
}
