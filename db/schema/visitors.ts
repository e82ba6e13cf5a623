import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { sites } from './sites.ts';
import { customers } from './customers.ts';

/** An anonymous browser, known by the visitor token the server signed for it. */
export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** Id of the one token currently valid for this visitor; refresh rotates it. */
    tokenId: text('token_id').notNull(),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('visitors_site_customer_idx').on(t.siteId, t.customerId)],
);

export type Visitor = typeof visitors.$inferSelect;
