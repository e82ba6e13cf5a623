import { errorFunction } from 'simple-statistics';

/**
 * The statistics of the offer report, as documented in the README ("Offers" → "How the
 * report measures"): normal approximations for large samples, which the small-sample flag
 * guards.
 */

/** The 97.5th percentile of the standard normal: the half-width factor of a 95 % interval. */
export const Z95 = 1.959963984540054;

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Two-sided p-value of a z statistic. */
export const twoSided = (z: number): number => (Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z))) : 0);

/** Wilson score interval of x successes in n trials. */
export function wilson(x: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** An estimate with its 95 % interval and the p-value of "no difference". */
export interface Difference {
  estimate: number;
  low: number;
  high: number;
  relative: number | null;
  relativeLow: number | null;
  relativeHigh: number | null;
  pValue: number;
}

/**
 * Difference of two proportions x1/n1 − x0/n0 (treatment minus control): Newcombe's hybrid
 * score interval (his method 10, from the arms' Wilson intervals); relative uplift
 * p1/p0 − 1 with the delta method on log(p1/p0); p-value of the pooled two-proportion z-test.
 */
export function proportionDifference(x1: number, n1: number, x0: number, n0: number): Difference {
  const p1 = n1 ? x1 / n1 : 0;
  const p0 = n0 ? x0 / n0 : 0;
  const [l1, u1] = wilson(x1, n1);
  const [l0, u0] = wilson(x0, n0);
  const d = p1 - p0;
  const pooled = n1 + n0 ? (x1 + x0) / (n1 + n0) : 0;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / (n1 || 1) + 1 / (n0 || 1)));
  const relative = relativeInterval(p1, p0, x1 > 0 && x0 > 0 ? (1 - p1) / x1 + (1 - p0) / x0 : null);
  return {
    estimate: d,
    low: d - Math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2),
    high: d + Math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2),
    ...relative,
    pValue: se > 0 ? twoSided(d / se) : 1,
  };
}

/** A per-person total's sample: its count, sum and sum of squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

const mean = (m: Moments) => (m.n ? m.sum / m.n : 0);
/** Unbiased sample variance. */
const variance = (m: Moments) => (m.n > 1 ? (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1) : 0);

/**
 * Difference of two means (revenue per exposed person): Welch's standard error with a normal
 * interval and z-test; relative uplift m1/m0 − 1 by the delta method on log(m1/m0).
 */
export function meanDifference(treatment: Moments, control: Moments): Difference {
  const m1 = mean(treatment);
  const m0 = mean(control);
  const v1 = treatment.n ? variance(treatment) / treatment.n : 0;
  const v0 = control.n ? variance(control) / control.n : 0;
  const se = Math.sqrt(v1 + v0);
  const d = m1 - m0;
  const relative = relativeInterval(m1, m0, m1 > 0 && m0 > 0 ? v1 / (m1 * m1) + v0 / (m0 * m0) : null);
  return {
    estimate: d,
    low: d - Z95 * se,
    high: d + Z95 * se,
    ...relative,
    pValue: se > 0 ? twoSided(d / se) : 1,
  };
}

/** a/b − 1 with the interval exp(log(a/b) ± z·√varLog) − 1, or nulls when undefined. */
function relativeInterval(a: number, b: number, varLog: number | null) {
  if (b <= 0 || varLog === null) {
    return { relative: b > 0 ? a / b - 1 : null, relativeLow: null, relativeHigh: null };
  }
  const log = Math.log(a / b);
  const half = Z95 * Math.sqrt(varLog);
  return {
    relative: a / b - 1,
    relativeLow: Math.exp(log - half) - 1,
    relativeHigh: Math.exp(log + half) - 1,
  };
}

/**
 * Sample-ratio-mismatch check: Pearson's chi-square (1 degree of freedom) of the arms' sizes
 * against the planned control share; p = erfc(√(χ²/2)). A p below 0.001 flags a broken split
 * (assignment, logging or a filter that treats the arms differently).
 */
export function sampleRatio(treatment: number, control: number, controlShare: number) {
  const n = treatment + control;
  if (n === 0 || controlShare <= 0 || controlShare >= 1) return { chiSquare: 0, pValue: 1, mismatch: false };
  const expectedControl = n * controlShare;
  const expectedTreatment = n - expectedControl;
  const chiSquare =
    (control - expectedControl) ** 2 / expectedControl +
    (treatment - expectedTreatment) ** 2 / expectedTreatment;
  const pValue = 1 - errorFunction(Math.sqrt(chiSquare / 2));
  return { chiSquare, pValue, mismatch: pValue < 0.001 };
}
