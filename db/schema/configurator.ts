import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';
import { orders } from './orders.ts';
import type { ProductionStatus } from '../../worker/contract/constants.ts';

/*
 * JSON columns hold the configurator's model, configurations and breakdowns. db/ sits below the
 * contract, so they are typed here as plain JSON; the configurator's service, which wrote them
 * after validating them with the contract's schemas, reads them back as its own types.
 */
type Json = Record<string, unknown>;

/** A configurable product: its model (groups, choices, rules, preview) and the model's version. */
export const configurableProducts = sqliteTable(
  'configurable_products',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    sku: text('sku').notNull(),
    /** Goes up by one with every saved change; designs and orders record the version they used. */
    version: integer('version').notNull(),
    model: text('model', { mode: 'json' }).$type<Json>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('configurable_products_site_sku_uq').on(t.siteId, t.sku)],
);

/**
 * A shopper's saved design: the configuration of one product, owned by the profile that saved
 * it. A share token (kept as its SHA-256) lets anyone with the link read it, never change it.
 */
export const designs = sqliteTable(
  'designs',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    sku: text('sku').notNull(),
    modelVersion: integer('model_version').notNull(),
    configuration: text('configuration', { mode: 'json' }).$type<Json>().notNull(),
    shareTokenHash: text('share_token_hash'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('designs_customer_idx').on(t.customerId, t.updatedAt),
    uniqueIndex('designs_share_uq').on(t.shareTokenHash),
  ],
);

/**
 * The configured line of an order placed through the configurator: the order itself is a row of
 * `orders` (so profiles, stats and the card count it as any purchase); this adds what the factory
 * builds and where production stands. It belongs to the customer through its order.
 */
export const customOrders = sqliteTable(
  'custom_orders',
  {
    orderId: text('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    siteId: siteRef(),
    reference: text('reference').notNull(),
    sku: text('sku').notNull(),
    modelVersion: integer('model_version').notNull(),
    configuration: text('configuration', { mode: 'json' }).$type<Json>().notNull(),
    /** What the server priced at placement: lines, unit price, quantity, total, currency. */
    breakdown: text('breakdown', { mode: 'json' }).$type<Json>().notNull(),
    status: text('status').$type<ProductionStatus>().notNull(),
    statusAt: integer('status_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // The console's list (newest first) and a day's export are ranges of this index.
    index('custom_orders_site_created_idx').on(t.siteId, t.createdAt, t.orderId),
    uniqueIndex('custom_orders_site_reference_uq').on(t.siteId, t.reference),
  ],
);

/** Every production status a custom order went through, and who moved it. */
export const customOrderStatusLog = sqliteTable(
  'custom_order_status_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => customOrders.orderId, { onDelete: 'cascade' }),
    status: text('status').$type<ProductionStatus>().notNull(),
    note: text('note'),
    /** Email of the member of staff; null for the shopper's own placement. */
    actor: text('actor'),
    at: integer('at').notNull(),
  },
  (t) => [index('custom_order_status_log_order_idx').on(t.orderId, t.id)],
);

export type ConfigurableProduct = typeof configurableProducts.$inferSelect;
export type Design = typeof designs.$inferSelect;
export type CustomOrder = typeof customOrders.$inferSelect;
