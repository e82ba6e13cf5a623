import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import type { ConsentState } from '../../worker/contract/constants.ts';

/**
 * One profile per person. Anonymous visitors get a profile too (no external id);
 * identifying them either promotes that profile or merges it into the known one.
 */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    /** The host site's own customer id (`sub` of its identity token); null while anonymous. */
    externalId: text('external_id'),
    email: text('email'),
    name: text('name'),
    phone: text('phone'),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    consent: text('consent').$type<ConsentState>().notNull().default('unknown'),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    identifiedAt: integer('identified_at'),
  },
  (t) => [
    uniqueIndex('customers_site_external_uq').on(t.siteId, t.externalId),
    // With the id, so keyset pages of the console's list walk the index with no sort.
    index('customers_site_last_seen_idx').on(t.siteId, t.lastSeenAt, t.id),
    index('customers_site_first_seen_idx').on(t.siteId, t.firstSeenAt, t.id),
    // Staff search matches prefixes without regard to ASCII case, as ranges over these.
    index('customers_site_email_lower_idx').on(t.siteId, sql`lower(${t.email})`),
    index('customers_site_name_lower_idx').on(t.siteId, sql`lower(${t.name})`),
    // Staff lists identified customers, most recently seen first; anonymous visitors (most rows)
    // stay out of it, so their every batch does not move an entry here.
    index('customers_site_identified_seen_idx')
      .on(t.siteId, t.lastSeenAt, t.id)
      .where(sql`${t.externalId} IS NOT NULL`),
  ],
);

export type Customer = typeof customers.$inferSelect;

/** A `customer_id` column; a profile's rows go when the profile is erased or merged away. */
export const customerRef = () =>
  text('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' });
