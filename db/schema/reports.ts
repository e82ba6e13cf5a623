import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';

/**
 * A site's figures per UTC day, added to by each write from its own rows (an ingestion batch,
 * an order, a new visitor, an identify), so the console's home reads a month in 30 rows.
 */
export const siteDaily = sqliteTable(
  'site_daily',
  {
    siteId: siteRef(),
    /** `YYYY-MM-DD`, UTC. */
    day: text('day').notNull(),
    pageViews: integer('page_views').notNull().default(0),
    /** Sessions begun: a session's first event carries seq 0. */
    sessions: integer('sessions').notNull().default(0),
    newVisitors: integer('new_visitors').notNull().default(0),
    identified: integer('identified').notNull().default(0),
    orders: integer('orders').notNull().default(0),
    revenueCents: integer('revenue_cents').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day] })],
);

/** Page views per path per UTC day. */
export const siteDailyPages = sqliteTable(
  'site_daily_pages',
  {
    siteId: siteRef(),
    day: text('day').notNull(),
    path: text('path').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.path] })],
);

/** Product views and purchases per sku per UTC day. */
export const siteDailyProducts = sqliteTable(
  'site_daily_products',
  {
    siteId: siteRef(),
    day: text('day').notNull(),
    sku: text('sku').notNull(),
    views: integer('views').notNull().default(0),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.sku] })],
);
