import { sqliteTable, text, integer, real, primaryKey } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';

/**
 * How often a profile viewed or bought from each category, and how long it looked, kept as
 * running counts so a batch or an order adds its own rows instead of recounting the customer's
 * history. The profile's `top_categories` is read off these rows.
 */
export const customerCategories = sqliteTable(
  'customer_categories',
  {
    customerId: customerRef(),
    category: text('category').notNull(),
    siteId: siteRef(),
    count: integer('count').notNull(),
    /**
     * Dwell-weighted product views: each view adds 1 + the minutes (up to ten) its page was
     * visible, the minutes arriving with the page's leave. The scoring job's browsing interests
     * are read off this, so no pass reads events.
     */
    interest: real('interest').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.category] })],
);

export type CustomerCategory = typeof customerCategories.$inferSelect;
