import {
  type ChurnReason,
  type LifecycleStage,
  type RfmSegment,
  type ScoringSettings,
  type ValueTier,
} from '../../contract/scoring.ts';

/**
 * The explainable models behind each score: pure functions of one customer's features, so the
 * job, the incremental pass and the tests compute the very same numbers.
 */

const DAY = 86_400_000;

/** What the job reads off one profile's orders and visits. */
export interface Features {
  orders: number;
  revenueCents: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Mean and mean square of the gaps between consecutive orders, in ms (null below two orders). */
  meanGapMs: number | null;
  meanGapSqMs: number | null;
  /** Spend of the earlier and the later half of the orders (by time). */
  earlySpendCents: number;
  recentSpendCents: number;
  /** Sessions ever, sessions in the last 30 days, first seen. */
  sessions: number;
  recentSessions: number;
  lastSessionAt: number | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Open or badly rated tickets; 0 until the service desk exists (the hook for it). */
  badTickets: number;
}

/**
 * The quintile (1–5) of the row at 0-based `rank` among `n` rows sorted ascending by value and
 * then by customer id: `floor(5·rank / n) + 1`. Equal values are split by customer id, so a
 * score never depends on the order rows were written in.
 */
export function quintile(rank: number, n: number): number {
  return n <= 0 ? 1 : Math.min(5, Math.floor((5 * rank) / n) + 1);
}

/**
 * The RFM segment of a customer's recency and frequency quintiles (5 best), the usual 5×5
 * grid, with monetary telling champions from loyal customers at the top right:
 *
 * | R \ F | 1 | 2 | 3 | 4 | 5 |
 * |-------|---|---|---|---|---|
 * | 5 | new | potential loyalists | potential loyalists | champions | champions |
 * | 4 | promising | potential loyalists | potential loyalists | loyal | loyal |
 * | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
 * | 2 | hibernating | hibernating | at risk | at risk | can't lose |
 * | 1 | lost | hibernating | at risk | at risk | can't lose |
 *
 * A champion-cell customer whose monetary quintile is 1 or 2 is counted loyal.
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  if (r === 5 && f >= 4) return m >= 3 ? 'champions' : 'loyal';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r === 5 && f === 1) return 'new';
  if (r >= 4 && f <= 3) return f === 1 ? 'promising' : 'potential_loyalists';
  if (r === 3) return f === 3 ? 'need_attention' : 'about_to_sleep';
  if (f === 5) return 'cant_lose';
  if (f >= 3) return 'at_risk';
  return r === 1 && f === 1 ? 'lost' : 'hibernating';
}

/** The ABC tier from the revenue of the customers ranked above this one (`before`) of `total`. */
export function tierOf(before: number, total: number): ValueTier {
  if (total <= 0 || before < 0.8 * total) return 'A';
  return before < 0.95 * total ? 'B' : 'C';
}

/** The usual gap between orders in days; for one order, half the site's lapse threshold. */
export function usualGapDays(f: Features, settings: ScoringSettings): number {
  return f.meanGapMs !== null && f.meanGapMs > 0 ? f.meanGapMs / DAY : settings.lapsedDays / 2;
}

/** Coefficient of variation of the gaps (spread ÷ mean): small for a steady cadence. */
export function gapCv(f: Features): number | null {
  if (f.meanGapMs === null || f.meanGapSqMs === null || f.meanGapMs <= 0 || f.orders < 3) return null;
  const variance = Math.max(0, f.meanGapSqMs - f.meanGapMs * f.meanGapMs);
  return Math.sqrt(variance) / f.meanGapMs;
}

/** The lifecycle stage under the site's thresholds (see `ScoringSettings`). */
export function lifecycleStage(f: Features, settings: ScoringSettings, now: number): LifecycleStage {
  if (f.orders === 0 || f.firstOrderAt === null || f.lastOrderAt === null) return 'prospect';
  if (now - f.lastOrderAt > settings.lapsedDays * DAY) return 'lapsed';
  if (f.orders <= settings.newMaxOrders && now - f.firstOrderAt <= settings.newDays * DAY) return 'new';
  if (f.lastOrderAt - f.firstOrderAt >= settings.longStandingDays * DAY) {
    const cv = gapCv(f);
    const steady = cv !== null && cv <= settings.loyalMaxCadenceCv;
    return f.orders >= settings.loyalMinOrders && steady ? 'loyal' : 'long_standing';
  }
  return 'regular';
}

/** Weights of the churn model, in log-odds (see `churnRisk`). */
const CHURN = {
  /** Slope and midpoint of the overdue ratio (days since the last order ÷ usual gap). */
  slope: 2.2,
  midpoint: 1.6,
  spendFalling: 0.7,
  visitsFalling: 0.6,
  notVisiting: 0.5,
  perTicket: 0.4,
} as const;

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Churn risk 0–1: a logistic of the customer's own overdue ratio (days since the last order
 * ÷ their usual gap between orders), raised by falling spend (later half of their orders
 * below 70 % of the earlier half, from four orders), falling visits (none in 30 days though
 * they used to visit monthly), no visit for twice their usual gap, and bad tickets. Each
 * term's share of the log-odds above the baseline becomes a reason, largest first.
 */
export function churnRisk(
  f: Features,
  settings: ScoringSettings,
  now: number,
): { risk: number; reasons: ChurnReason[] } | null {
  if (f.orders === 0 || f.lastOrderAt === null) return null;
  const gap = usualGapDays(f, settings);
  const since = Math.max(0, (now - f.lastOrderAt) / DAY);
  const ratio = since / gap;
  const terms: ChurnReason[] = [];
  const cadence = CHURN.slope * (ratio - CHURN.midpoint);
  if (ratio > 1) {
    terms.push({
      code: f.orders === 1 ? 'single_order_aging' : 'overdue',
      weight: CHURN.slope * (ratio - 1),
      values: { daysSince: Math.round(since), usualGapDays: Math.round(gap), ratio: round(ratio, 1) },
    });
  }
  let z = cadence;
  if (f.orders >= 4 && f.earlySpendCents > 0 && f.recentSpendCents < 0.7 * f.earlySpendCents) {
    z += CHURN.spendFalling;
    const change = Math.round((100 * (f.recentSpendCents - f.earlySpendCents)) / f.earlySpendCents);
    terms.push({ code: 'spend_falling', weight: CHURN.spendFalling, values: { changePercent: change } });
  }
  const monthsKnown = Math.max(1, (now - f.firstSeenAt) / (30 * DAY));
  const monthly = f.sessions / monthsKnown;
  if (monthly >= 1 && f.recentSessions < monthly / 2) {
    z += CHURN.visitsFalling;
    terms.push({
      code: 'visits_falling',
      weight: CHURN.visitsFalling,
      values: { recent: f.recentSessions, usual: round(monthly, 1) },
    });
  }
  if (f.lastSessionAt !== null && now - f.lastSessionAt > 2 * gap * DAY) {
    z += CHURN.notVisiting;
    terms.push({
      code: 'not_visiting',
      weight: CHURN.notVisiting,
      values: { daysSince: Math.round((now - f.lastSessionAt) / DAY) },
    });
  }
  if (f.badTickets > 0) {
    z += CHURN.perTicket * f.badTickets;
    terms.push({ code: 'tickets', weight: CHURN.perTicket * f.badTickets, values: { count: f.badTickets } });
  }
  const risk = logistic(z);
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const reasons = terms
    .map((t) => ({ ...t, weight: round(total > 0 ? (t.weight / total) * risk : 0) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3);
  return { risk: round(risk, 4), reasons };
}

/**
 * Expected revenue over the next 12 months, in cents: orders a year at the customer's own
 * cadence (365 ÷ usual gap, at most 52) × the chance they are still a customer (1 − churn
 * risk) × their average order value. A simpler stand-in for BG/NBD + Gamma-Gamma, for which
 * no maintained JavaScript library exists; every factor is shown to staff.
 */
export function clv12m(f: Features, settings: ScoringSettings, risk: number): number {
  if (f.orders === 0) return 0;
  const perYear = Math.min(52, 365 / usualGapDays(f, settings));
  return Math.round(perYear * (1 - risk) * (f.revenueCents / f.orders));
}
