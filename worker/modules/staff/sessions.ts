import { and, eq, isNull, sql } from 'drizzle-orm';
import { staff, staffSessions, type Staff } from '../../../db/schema/index.ts';
import { unauthorized } from '../../http/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 3600 * 1000;
/** …and this long after sign-in, whatever the activity. */
export const SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;
/** `last_seen_at` is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A new session for a member who just proved who they are; the token goes in the cookie only. */
export async function openSession(ctx: ServiceContext, member: Staff, userAgent: string | undefined) {
  const token = randomToken(32);
  const now = ctx.now();
  await ctx.db.insert(staffSessions).values({
    id: await sha256Hex(token),
    staffId: member.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_ABSOLUTE_MS,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt: now + SESSION_ABSOLUTE_MS };
}

/** The member behind a session cookie, if the session is live and the account active. */
export async function resumeSession(
  ctx: ServiceContext,
  token: string,
): Promise<{ member: Staff; sessionId: string }> {
  const id = await sha256Hex(token);
  const [row] = await ctx.db
    .select({ session: staffSessions, member: staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.id, id));
  const now = ctx.now();
  if (
    !row ||
    row.session.revokedAt !== null ||
    row.session.expiresAt <= now ||
    row.session.lastSeenAt + SESSION_IDLE_MS <= now ||
    !row.member.active
  ) {
    throw unauthorized('session_expired', 'Sign in again');
  }
  if (now - row.session.lastSeenAt > TOUCH_EVERY_MS) {
    await ctx.db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id));
  }
  return { member: row.member, sessionId: id };
}

/** Ends one session (sign out). */
export async function closeSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.db.update(staffSessions).set({ revokedAt: ctx.now() }).where(eq(staffSessions.id, sessionId));
}

/** Ends every live session of a member (sign out everywhere, deactivation, a new password). */
export function closeAllSessions(ctx: ServiceContext, staffId: string) {
  return ctx.db
    .update(staffSessions)
    .set({ revokedAt: sql`${ctx.now()}` })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.revokedAt)));
}
