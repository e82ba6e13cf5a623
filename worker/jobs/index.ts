import type { Job } from './job.ts';
import { recomputeStatsJob } from './recompute-stats.ts';
import { satisfactionSurveysJob } from './satisfaction-surveys.ts';
import { incrementalScoringJob, scoringJob } from './scoring.ts';

/** Every registered job, in the order the cron runs them. A new job adds one line here. */
export const JOBS: readonly Job[] = [
  recomputeStatsJob,
  satisfactionSurveysJob,
  scoringJob,
  incrementalScoringJob,
];

/** The registered job called `name`, if any. */
export function findJob(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}
