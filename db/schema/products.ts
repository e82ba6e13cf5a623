import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';

/** The site's catalogue, so views and orders can be read by category. */
export const products = sqliteTable(
  'products',
  {
    siteId: siteRef(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    priceCents: integer('price_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.sku] })],
);

export type Product = typeof products.$inferSelect;
