import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customerStats, jobState } from '../../db/schema/index.ts';
import { makeTestApp, pageView } from '../../tests/fixtures/app.ts';
import { serviceContext } from '../app.ts';
import { JOBS } from './index.ts';
import { runDueJobs, runJob, type Job } from './job.ts';
import { recomputeStatsJob } from './recompute-stats.ts';

/** A job over the numbers 0…total-1, `size` a page, recording what each page saw. */
function countingJob(total: number, size: number, seen: number[]): Job {
  return {
    name: 'counting',
    description: 'test',
    intervalMs: 60_000,
    page(_ctx, cursor) {
      const from = cursor === null ? 0 : Number(cursor);
      const to = Math.min(total, from + size);
      for (let n = from; n < to; n++) seen.push(n);
      return Promise.resolve({ processed: to - from, cursor: to < total ? String(to) : null });
    },
  };
}

describe('jobs', () => {
  it('run page by page and go on from the saved cursor after a run that ran out of budget', async () => {
    const t = await makeTestApp();
    const ctx = serviceContext({ db: t.db, now: () => t.clock.now });
    const seen: number[] = [];
    const job = countingJob(10, 3, seen);
    // Each page costs a second of the test clock; a one-second budget allows one page a run.
    const tick = {
      ...job,
      page: (c: typeof ctx, cursor: string | null) => ((t.clock.now += 1000), job.page(c, cursor)),
    };
    const first = await runJob(ctx, tick, 1000);
    expect(first).toEqual({ name: 'counting', pages: 1, processed: 3, finished: false });
    const rest = await runJob(ctx, tick);
    expect(rest).toEqual({ name: 'counting', pages: 3, processed: 7, finished: true });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [state] = await t.db.select().from(jobState).where(eq(jobState.name, 'counting'));
    expect(state).toMatchObject({ cursor: null, processed: 0, lastFinishedAt: t.clock.now });
  });

  it('run from the cron only when a pass is unfinished or due', async () => {
    const t = await makeTestApp();
    const ctx = serviceContext({ db: t.db, now: () => t.clock.now });
    const seen: number[] = [];
    const job = countingJob(4, 2, seen);
    expect((await runDueJobs(ctx, [job], 10_000)).map((r) => r.processed)).toEqual([4]);
    expect(await runDueJobs(ctx, [job], 10_000)).toEqual([]);
    t.clock.now += job.intervalMs;
    expect((await runDueJobs(ctx, [job], 10_000)).map((r) => r.processed)).toEqual([4]);
  });

  it('recompute-stats repairs totals that drifted from the rows', async () => {
    const t = await makeTestApp();
    const visitor = await t.newVisitor();
    await t.track(visitor, [pageView('sess-job-1', 0, '/a'), pageView('sess-job-1', 1, '/b')]);
    const [before] = await t.db.select().from(customerStats);
    expect(before?.pageViews).toBe(2);
    await t.db.update(customerStats).set({ pageViews: 999, sessions: 0 });
    const run = await runJob(serviceContext({ db: t.db, now: () => t.clock.now }), recomputeStatsJob);
    expect(run.finished).toBe(true);
    expect(await t.db.select().from(customerStats)).toEqual([before]);
  });

  it('are registered under unique names', () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });
});
