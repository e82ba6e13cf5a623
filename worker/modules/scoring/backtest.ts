import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { readFeatures, type Key } from './features.ts';
import { churnRisk } from './models.ts';
import { PAGE_SIZE, settingsOf } from './pass.ts';

const DAY = 86_400_000;
/** Risk histogram resolution: AUC is computed from counts per bin, not from every score. */
const BINS = 1000;

/** How well churn risk, scored with history cut at a date, ranked who did not come back. */
export interface BacktestResult {
  cutAt: number;
  horizonDays: number;
  /** Buyers before the cut. */
  buyers: number;
  /** Of those, how many placed no order in the horizon after the cut. */
  churned: number;
  /** Area under the ROC curve of risk against "did not come back" (0.5 = chance, 1 = perfect). */
  auc: number;
}

/**
 * Cuts a site's history at `cutAt`, scores every buyer's churn risk from what came before (the
 * same features and model as the job), and measures the ranking against what happened in the
 * `horizonDays` after: AUC by the Mann-Whitney statistic over a histogram of risks, so memory
 * stays bounded however many customers there are. Walks the customers page by page.
 */
export async function backtest(
  ctx: ServiceContext,
  siteId: string,
  cutAt: number,
  horizonDays: number,
): Promise<BacktestResult> {
  const settings = await settingsOf(ctx.db, siteId);
  const positives = new Float64Array(BINS + 1);
  const negatives = new Float64Array(BINS + 1);
  let key: Key = [-1, ''];
  let buyers = 0;
  let churned = 0;
  for (;;) {
    const page = await readFeatures(ctx.db, siteId, 'customers', key, PAGE_SIZE, cutAt, cutAt);
    const last = page.at(-1);
    if (last) key = [last.key, last.customerId];
    const scored = page.filter((f) => f.orders > 0);
    if (scored.length) {
      const ids = JSON.stringify(scored.map((f) => f.customerId));
      const returned = await ctx.db.all<{ id: string }>(sql`
        SELECT value AS id FROM json_each(${ids})
        WHERE EXISTS (SELECT 1 FROM orders WHERE customer_id = value
          AND placed_at >= ${cutAt} AND placed_at < ${cutAt + horizonDays * DAY})`);
      const back = new Set(returned.map((r) => r.id));
      for (const f of scored) {
        const risk = churnRisk(f, settings, cutAt)?.risk ?? 0;
        const bin = Math.round(risk * BINS);
        buyers += 1;
        if (back.has(f.customerId)) negatives[bin] = (negatives[bin] ?? 0) + 1;
        else {
          churned += 1;
          positives[bin] = (positives[bin] ?? 0) + 1;
        }
      }
    }
    if (page.length < PAGE_SIZE) break;
  }
  // P(risk of a churner > risk of a returner), ties counting half.
  let below = 0;
  let wins = 0;
  for (let bin = 0; bin <= BINS; bin++) {
    const p = positives[bin] ?? 0;
    const n = negatives[bin] ?? 0;
    wins += p * below + (p * n) / 2;
    below += n;
  }
  const pairs = churned * (buyers - churned);
  return { cutAt, horizonDays, buyers, churned, auc: pairs > 0 ? wins / pairs : 0.5 };
}
