import { eq, sql } from 'drizzle-orm';
import { jobState } from '../../db/schema/index.ts';
import type { ServiceContext } from '../modules/context.ts';

/** One page of a job's work. */
export interface JobPage {
  /** Rows handled on this page. */
  processed: number;
  /** Where the next page starts; null when the pass is complete. */
  cursor: string | null;
}

/**
 * A background job: the Workers cron and `npm run crm -- jobs run` run the same code. A job
 * works a page at a time from a cursor; it never loads a table into memory.
 */
export interface Job {
  name: string;
  description: string;
  /** Least time between the end of one pass and the start of the next, when run by the cron. */
  intervalMs: number;
  /** Handles the page after `cursor` (null: from the start). */
  page(ctx: ServiceContext, cursor: string | null): Promise<JobPage>;
}

/** How a run went. */
export interface JobRun {
  name: string;
  pages: number;
  processed: number;
  /** True when the pass completed; false when the budget ran out first (the cursor is kept). */
  finished: boolean;
}

/**
 * Runs `job` from where its last run stopped until its pass completes or `budgetMs` is spent,
 * saving the cursor after every page, so a run cut short (a cron's time limit, a crash) goes
 * on from the last saved page.
 */
export async function runJob(ctx: ServiceContext, job: Job, budgetMs = Infinity): Promise<JobRun> {
  const { db } = ctx;
  const started = ctx.now();
  const saved = await db.query.jobState.findFirst({ where: eq(jobState.name, job.name) });
  let cursor = saved?.cursor ?? null;
  let passProcessed = saved?.cursor ? saved.processed : 0;
  const passStartedAt = saved?.cursor ? (saved.passStartedAt ?? started) : started;
  const run: JobRun = { name: job.name, pages: 0, processed: 0, finished: false };
  do {
    const page = await job.page(ctx, cursor);
    cursor = page.cursor;
    run.pages += 1;
    run.processed += page.processed;
    passProcessed += page.processed;
    const now = ctx.now();
    const state = {
      cursor,
      processed: cursor ? passProcessed : 0,
      passStartedAt: cursor ? passStartedAt : null,
      updatedAt: now,
      ...(cursor ? {} : { lastFinishedAt: now }),
    };
    await db
      .insert(jobState)
      .values({ name: job.name, ...state })
      .onConflictDoUpdate({ target: jobState.name, set: { ...state, name: sql`excluded.name` } });
  } while (cursor !== null && ctx.now() - started < budgetMs);
  run.finished = cursor === null;
  return run;
}

/**
 * What the cron runs: each job whose pass is unfinished or due, sharing one time budget, so a
 * scheduled invocation stays within the platform's limit; unfinished passes go on next time.
 */
export async function runDueJobs(
  ctx: ServiceContext,
  jobs: readonly Job[],
  budgetMs: number,
): Promise<JobRun[]> {
  const started = ctx.now();
  const runs: JobRun[] = [];
  for (const job of jobs) {
    const left = budgetMs - (ctx.now() - started);
    if (left <= 0) break;
    const saved = await ctx.db.query.jobState.findFirst({ where: eq(jobState.name, job.name) });
    const due = !saved || saved.cursor !== null || (saved.lastFinishedAt ?? 0) + job.intervalMs <= ctx.now();
    if (due) runs.push(await runJob(ctx, job, left));
  }
  return runs;
}
