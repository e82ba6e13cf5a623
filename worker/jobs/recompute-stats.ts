import { asc, gt } from 'drizzle-orm';
import { customers } from '../../db/schema/index.ts';
import { recomputeStats, recountCategories } from '../modules/profiles/stats.ts';
import type { Job } from './job.ts';

/** Profiles per page: one batch each, small enough to keep a write transaction short. */
const PAGE_SIZE = 200;

/**
 * Recounts every profile's running totals from its rows. The totals are kept incrementally on
 * every write; this pass is the safety net that repairs them after an import or a restore.
 */
export const recomputeStatsJob: Job = {
  name: 'recompute-stats',
  description: 'Recount every profile’s totals (views, dwell, sessions, orders, revenue, top categories)',
  intervalMs: 24 * 3600 * 1000,
  async page(ctx, cursor) {
    const { db } = ctx;
    const page = await db
      .select({ id: customers.id, siteId: customers.siteId })
      .from(customers)
      .where(cursor ? gt(customers.id, cursor) : undefined)
      .orderBy(asc(customers.id))
      .limit(PAGE_SIZE);
    const [first, ...rest] = page.flatMap((c) => [
      recomputeStats(db, c.siteId, c.id),
      ...recountCategories(db, c.siteId, c.id),
    ]);
    if (first) await db.batch([first, ...rest]);
    return {
      processed: page.length,
      cursor: page.length === PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
    };
  },
};
