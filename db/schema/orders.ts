import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';

/** A purchase reported by the site's server; the idempotency key makes retries safe. */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the canonical request body, to refuse the same key with another body. */
    requestHash: text('request_hash').notNull(),
    /** The site's own order number, if it has one. */
    reference: text('reference'),
    currency: text('currency').notNull(),
    totalCents: integer('total_cents').notNull(),
    placedAt: integer('placed_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_site_idempotency_uq').on(t.siteId, t.idempotencyKey),
    // Led by customer_id so deleting a profile checks its foreign key without a scan (see events);
    // the id settles ties of placed_at in the newest-first order without a sort.
    index('orders_customer_idx').on(t.customerId, t.placedAt, t.id),
  ],
);

/** One line of an order, with the category copied so history survives catalogue edits. */
export const orderItems = sqliteTable(
  'order_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
  },
  // Led by order_id: lines are always read per order, and deleting an order checks this key.
  (t) => [index('order_items_order_idx').on(t.orderId)],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
