import { eq } from 'drizzle-orm';
import { customerScores } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { recommendationsFor } from './service.ts';

/** Most recommendations a decision considers for cross-sell targeting. */
const CROSS_SELL_LIMIT = 20;

/** What offers may target of a customer's scores: their segment, tier, stage, churn risk and group. */
export async function scoreFacts(ctx: ServiceContext, siteId: string, customerId: string) {
  const [row] = await ctx.db
    .select({
      siteId: customerScores.siteId,
      segment: customerScores.segment,
      tier: customerScores.tier,
      stage: customerScores.stage,
      churnRisk: customerScores.churnRisk,
      groupId: customerScores.groupId,
    })
    .from(customerScores)
    .where(eq(customerScores.customerId, customerId));
  if (!row || row.siteId !== siteId) return null;
  return {
    rfmSegment: row.segment,
    valueTier: row.tier,
    lifecycleStage: row.stage,
    churnRisk: row.churnRisk,
    lookalikeGroupId: row.groupId === null ? null : String(row.groupId),
  };
}

/** The id an offer names a cross-sell rule by: what was bought, `>`, what it suggests (`LAMP-01>BULB-02`). */
export const crossSellRuleId = (because: readonly string[], sku: string) => `${because.join('+')}>${sku}`;

/** The products the site's cross-sell rules suggest to the customer, by the rule that suggests each. */
export async function crossSellFacts(ctx: ServiceContext, siteId: string, customerId: string) {
  const recommended = new Map<string, Set<string>>();
  for (const r of await recommendationsFor(ctx.db, siteId, customerId, CROSS_SELL_LIMIT)) {
    recommended.set(crossSellRuleId(r.because, r.sku), new Set([r.sku]));
  }
  return { recommended };
}
