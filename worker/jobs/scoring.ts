import { asc, gt } from 'drizzle-orm';
import { sites } from '../../db/schema/index.ts';
import type { ServiceContext } from '../modules/context.ts';
import { PHASES, startPass, step, type PassState } from '../modules/scoring/pass.ts';
import type { Job } from './job.ts';

/** The first site after `after` (by id), or none. */
async function nextSite(ctx: ServiceContext, after: string | null): Promise<string | null> {
  const [row] = await ctx.db
    .select({ id: sites.id })
    .from(sites)
    .where(after === null ? undefined : gt(sites.id, after))
    .orderBy(asc(sites.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * A job that walks every site, one scoring step a page. The cursor is the pass's whole state
 * (a few kilobytes of JSON: position, carried sums, centroids, distributions), so a run cut
 * short by its budget goes on from the same row next time.
 */
function makeScoringJob(
  name: string,
  kind: 'full' | 'incremental',
  intervalMs: number,
  description: string,
): Job {
  return {
    name,
    description,
    intervalMs,
    async page(ctx, cursor) {
      let state = cursor ? (JSON.parse(cursor) as PassState) : null;
      // A pass saved by an older version, in a phase this one no longer has, starts again.
      if (state && !PHASES.includes(state.phase)) state = await startPass(ctx, state.siteId, kind);
      if (!state) {
        const first = await nextSite(ctx, null);
        if (!first) return { processed: 0, cursor: null };
        state = await startPass(ctx, first, kind);
      }
      const { processed, done } = await step(ctx, state);
      if (!done) return { processed, cursor: JSON.stringify(state) };
      const next = await nextSite(ctx, state.siteId);
      if (!next) return { processed, cursor: null };
      return { processed, cursor: JSON.stringify(await startPass(ctx, next, kind)) };
    },
  };
}

/** Nightly full scoring: ranks, tiers, groups and rules from every profile and order. */
export const scoringJob = makeScoringJob(
  'scoring',
  'full',
  24 * 3600 * 1000,
  'Score every customer: RFM, tiers, stages, churn, CLV, browsing groups, cross-sell rules',
);

/** Every ten minutes: re-scores the profiles seen and the buyers of orders since the last pass. */
export const incrementalScoringJob = makeScoringJob(
  'scoring-incremental',
  'incremental',
  10 * 60 * 1000,
  'Re-score the customers seen or buying since the last scoring pass',
);
