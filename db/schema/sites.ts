import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A site that embeds the kit: the tenant every other row belongs to. */
export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Public `pk_…` key pasted into the script tag; grants nothing on its own. */
    publishableKey: text('publishable_key').notNull(),
    /** SHA-256 of the `sk_…` secret key; the key itself is shown once and never stored. */
    secretKeyHash: text('secret_key_hash').notNull(),
    /** HS256 secret the host site's server signs identity tokens with. */
    identitySecret: text('identity_secret').notNull(),
    /** The identity secret before the last rotation, still accepted until the grace period ends. */
    previousIdentitySecret: text('previous_identity_secret'),
    previousIdentitySecretUntil: integer('previous_identity_secret_until'),
    /** HMAC key this server signs visitor tokens with; per site so one leak stays local. */
    visitorTokenSecret: text('visitor_token_secret').notNull(),
    /** Exact origins or `*.domain` patterns allowed to call the public API. */
    allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('sites_publishable_key_uq').on(t.publishableKey),
    uniqueIndex('sites_secret_key_hash_uq').on(t.secretKeyHash),
  ],
);

export type Site = typeof sites.$inferSelect;
export type NewSite = typeof sites.$inferInsert;

/** The `site_id` column every tenant table starts with; rows go when their site goes. */
export const siteRef = () =>
  text('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' });
