import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';

/** An anonymous browser, known by the visitor token the server signed for it. */
export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    /** Id of the one token currently valid for this visitor; refresh rotates it. */
    tokenId: text('token_id').notNull(),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  // Led by customer_id so deleting a profile checks its foreign key without a scan (see events).
  (t) => [index('visitors_customer_idx').on(t.customerId)],
);

export type Visitor = typeof visitors.$inferSelect;
