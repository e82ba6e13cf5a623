import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Where each background job stands. A run that hits its time budget leaves its cursor here,
 * so the next cron tick (or command) goes on from that row instead of starting over.
 */
export const jobState = sqliteTable('job_state', {
  name: text('name').primaryKey(),
  /** Opaque position of the next page; null when the last pass finished. */
  cursor: text('cursor'),
  /** Rows handled in the current pass so far. */
  processed: integer('processed').notNull().default(0),
  passStartedAt: integer('pass_started_at'),
  lastFinishedAt: integer('last_finished_at'),
  updatedAt: integer('updated_at').notNull(),
});

export type JobState = typeof jobState.$inferSelect;
