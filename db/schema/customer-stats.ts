import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customers } from './customers.ts';

/** A category and how often the customer viewed or bought from it. */
export interface CategoryCount {
  category: string;
  count: number;
}

/** Running totals per profile, kept in the same transaction as the rows they count. */
export const customerStats = sqliteTable(
  'customer_stats',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    siteId: siteRef(),
    pageViews: integer('page_views').notNull().default(0),
    totalDwellMs: integer('total_dwell_ms').notNull().default(0),
    sessions: integer('sessions').notNull().default(0),
    orders: integer('orders').notNull().default(0),
    revenueCents: integer('revenue_cents').notNull().default(0),
    lastOrderAt: integer('last_order_at'),
    topCategories: text('top_categories', { mode: 'json' }).$type<CategoryCount[]>().notNull().default([]),
  },
  (t) => [
    index('customer_stats_site_revenue_idx').on(t.siteId, t.revenueCents, t.customerId),
    // The console sorts customers by orders; customer_id breaks ties for keyset paging.
    index('customer_stats_site_orders_idx').on(t.siteId, t.orders, t.customerId),
    // The scoring job finds the buyers of new orders since its last pass by this one.
    index('customer_stats_site_last_order_idx').on(t.siteId, t.lastOrderAt, t.customerId),
  ],
);

export type CustomerStats = typeof customerStats.$inferSelect;
