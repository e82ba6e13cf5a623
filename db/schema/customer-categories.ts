import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';

/**
 * How often a profile viewed or bought from each category, kept as running counts so a batch
 * or an order adds its own rows instead of recounting the customer's history. The profile's
 * `top_categories` is read off these rows.
 */
export const customerCategories = sqliteTable(
  'customer_categories',
  {
    customerId: customerRef(),
    category: text('category').notNull(),
    siteId: siteRef(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.category] })],
);

export type CustomerCategory = typeof customerCategories.$inferSelect;
