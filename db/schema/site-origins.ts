import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';

/**
 * Pages the kit reports from, per origin: the install check shows a webmaster at once whether a
 * pasted snippet sends anything, and from which of the site's origins.
 */
export const siteOrigins = sqliteTable(
  'site_origins',
  {
    siteId: siteRef(),
    origin: text('origin').notNull(),
    firstEventAt: integer('first_event_at').notNull(),
    lastEventAt: integer('last_event_at').notNull(),
    events: integer('events').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.origin] })],
);
