/**
 * The names every customer score can take, shared by the server, the console and the staff
 * card (this file imports nothing, so widgets may use it at run time). `worker/contract/scoring.ts`
 * re-exports it for the server side.
 */

/**
 * RFM segments, best first. The mapping from the R and F quintiles (1–5, 5 best) is the
 * usual 5×5 grid (see `worker/modules/scoring/rfm.ts`, `rfmSegment`); M only tells
 * champions from loyal customers at the top right.
 */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** ABC value tiers: A = the customers making the top 80 % of revenue, B the next 15 %, C the rest. */
export const VALUE_TIERS = ['A', 'B', 'C'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Lifecycle stages in the order a customer moves through them; `lapsed` can follow any bought stage. */
export const LIFECYCLE_STAGES = ['prospect', 'new', 'regular', 'long_standing', 'loyal', 'lapsed'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Churn-risk buckets the dashboard and lists use: [0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1]. */
export const CHURN_BUCKETS = ['low', 'medium', 'high', 'critical'] as const;
export type ChurnBucket = (typeof CHURN_BUCKETS)[number];

/** Lower bound of each churn bucket, same order as `CHURN_BUCKETS`. */
export const CHURN_BUCKET_FLOORS = [0, 0.25, 0.5, 0.75] as const;

/** The bucket a churn risk falls in. */
export function churnBucket(risk: number): ChurnBucket {
  if (risk >= 0.75) return 'critical';
  if (risk >= 0.5) return 'high';
  if (risk >= 0.25) return 'medium';
  return 'low';
}

/** Codes of the reasons behind a churn risk; the console words them per language. */
export const CHURN_REASONS = [
  /** Time since the last order is well past the customer's usual interval. */
  'overdue',
  /** Only one order, long ago. */
  'single_order_aging',
  /** Spend in the recent half of their history is below the earlier half. */
  'spend_falling',
  /** Fewer visits in the last 30 days than their usual month. */
  'visits_falling',
  /** No visit for a long time. */
  'not_visiting',
  /** Open or badly rated service tickets (hook: counted once the service desk exists). */
  'tickets',
] as const;
export type ChurnReasonCode = (typeof CHURN_REASONS)[number];
