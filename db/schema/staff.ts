import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { StaffRole } from '../../worker/contract/constants.ts';
import { sites } from './sites.ts';

/**
 * The company's staff: one account per person, for every site of this installation. The
 * password is stored only as a salted PBKDF2 hash.
 */
export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    /** Lower-cased, so sign-in matches however it is typed. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<StaffRole>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Failed sign-ins since the last good one; past the limit the account waits until `lockedUntil`. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: integer('locked_until'),
    createdAt: integer('created_at').notNull(),
    lastSignInAt: integer('last_sign_in_at'),
  },
  (t) => [uniqueIndex('staff_email_uq').on(t.email)],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/** A one-time link that lets a new member choose a password and join with the given role. */
export const staffInvites = sqliteTable('staff_invites', {
  /** SHA-256 of the token in the link. */
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  role: text('role').$type<StaffRole>().notNull(),
  invitedBy: text('invited_by').references(() => staff.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/**
 * Who did what: sign-ins, customers viewed, keys, settings and staff changed. Rows are only
 * ever inserted; no route updates or deletes them.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** Null for events with no signed-in actor (a failed sign-in, first-run setup). */
    staffId: text('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** The email the actor had or gave, kept even if the account goes. */
    actor: text('actor'),
    action: text('action').notNull(),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'set null' }),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_site_idx').on(t.siteId, t.id)],
);

export type Staff = typeof staff.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
