import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';

/** A browsing session as the tracker numbered it; page order lives in the events' seq. */
export const sessions = sqliteTable(
  'sessions',
  {
    siteId: siteRef(),
    id: text('id').notNull(),
    visitorId: text('visitor_id').notNull(),
    customerId: customerRef(),
    startedAt: integer('started_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    pageViews: integer('page_views').notNull().default(0),
    dwellMs: integer('dwell_ms').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.id] }),
    // Led by customer_id so deleting a profile checks its foreign key without a scan (see events).
    index('sessions_customer_idx').on(t.customerId, t.startedAt),
  ],
);
