import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { staff, staffInvites, type Staff } from '../../../db/schema/index.ts';
import type { StaffRole } from '../../contract/constants.ts';
import { conflict, notFound, unauthorized } from '../../http/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { auditInsert } from './audit.ts';
import { hashPassword, PASSWORD_ITERATIONS, verifyPassword } from './passwords.ts';
import { closeAllSessions } from './sessions.ts';

/** Failed sign-ins an account takes before it must wait. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a locked account waits. */
export const LOCK_MS = 15 * 60 * 1000;
/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** One answer for every failed sign-in, so it tells nobody which emails have accounts. */
const refused = () =>
  unauthorized('invalid_credentials', 'Email or password is wrong, or too many attempts: try again later');

/** A member as the console shows them: never the password hash or the lock counters. */
export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

export function staffView(member: Staff): StaffView {
  const { id, email, name, role, active, createdAt, lastSignInAt } = member;
  return { id, email, name, role, active, createdAt, lastSignInAt };
}

const normalEmail = (email: string) => email.trim().toLowerCase();

// Verifying against a real hash for unknown emails makes them take as long as known ones.
let decoy: Promise<string> | undefined;

/**
 * Checks an email and password. Unknown email, wrong password, a deactivated account and a
 * locked one all get the same answer after the same work; five failures lock the account
 * for 15 minutes (the address is throttled apart, by the rate limit's failure count).
 */
export async function checkCredentials(ctx: ServiceContext, email: string, password: string): Promise<Staff> {
  const iterations = ctx.passwordIterations ?? PASSWORD_ITERATIONS;
  const member = await ctx.db.query.staff.findFirst({ where: eq(staff.email, normalEmail(email)) });
  if (!member) {
    decoy ??= hashPassword('decoy', iterations);
    await verifyPassword(password, await decoy);
    throw refused();
  }
  const now = ctx.now();
  const matches = await verifyPassword(password, member.passwordHash);
  if (!member.active || (member.lockedUntil ?? 0) > now) throw refused();
  if (!matches) {
    const failed = member.failedSignIns + 1;
    await ctx.db.batch([
      ctx.db
        .update(staff)
        .set({
          failedSignIns: failed >= MAX_FAILED_SIGN_INS ? 0 : failed,
          lockedUntil: failed >= MAX_FAILED_SIGN_INS ? now + LOCK_MS : member.lockedUntil,
        })
        .where(eq(staff.id, member.id)),
      auditInsert(ctx, { staffId: member.id, actor: member.email, action: 'sign_in.failed' }),
    ]);
    throw refused();
  }
  await ctx.db.batch([
    ctx.db
      .update(staff)
      .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
      .where(eq(staff.id, member.id)),
    auditInsert(ctx, { staffId: member.id, actor: member.email, action: 'sign_in' }),
  ]);
  return member;
}

/** Creates a member directly (first-run setup, the command line). */
export async function createStaff(
  ctx: ServiceContext,
  input: { email: string; name: string; password: string; role: StaffRole },
  actor: Staff | null,
): Promise<Staff> {
  const member: Staff = {
    id: ctx.newId(),
    email: normalEmail(input.email),
    name: input.name,
    passwordHash: await hashPassword(input.password, ctx.passwordIterations ?? PASSWORD_ITERATIONS),
    role: input.role,
    active: true,
    failedSignIns: 0,
    lockedUntil: null,
    createdAt: ctx.now(),
    lastSignInAt: null,
  };
  try {
    await ctx.db.batch([
      ctx.db.insert(staff).values(member),
      auditInsert(ctx, {
        staffId: actor?.id ?? member.id,
        actor: actor?.email ?? member.email,
        action: 'staff.created',
        targetType: 'staff',
        targetId: member.id,
        detail: { email: member.email, role: member.role },
      }),
    ]);
  } catch (error) {
    if (await ctx.db.query.staff.findFirst({ where: eq(staff.email, member.email) })) {
      throw conflict('email_taken', 'A member with this email exists already');
    }
    throw error;
  }
  return member;
}

/**
 * First-run setup: creates the owner only while no member exists, in one conditional insert,
 * so two setups racing each other cannot both succeed. Null when setup was done already.
 */
export async function createFirstOwner(
  ctx: ServiceContext,
  input: { email: string; name: string; password: string },
): Promise<Staff | null> {
  const hash = await hashPassword(input.password, ctx.passwordIterations ?? PASSWORD_ITERATIONS);
  const id = ctx.newId();
  const email = normalEmail(input.email);
  const now = ctx.now();
  const inserted = await ctx.db.all<{ id: string }>(sql`
    INSERT INTO staff (id, email, name, password_hash, role, active, failed_sign_ins, created_at)
    SELECT ${id}, ${email}, ${input.name}, ${hash}, 'owner', 1, 0, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM staff)
    RETURNING id`);
  if (inserted.length === 0) return null;
  await auditInsert(ctx, { staffId: id, actor: email, action: 'setup.owner_created' });
  return (await ctx.db.query.staff.findFirst({ where: eq(staff.id, id) })) ?? null;
}

/** How many members exist; none means the installation still needs its first-run setup. */
export async function staffCount(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(staff);
  return row?.n ?? 0;
}

/** Every member, by email. */
export async function listStaff(ctx: ServiceContext): Promise<StaffView[]> {
  return (await ctx.db.select().from(staff).orderBy(asc(staff.email))).map(staffView);
}

/**
 * Changes a member's role or deactivates them. Deactivation ends their sessions at once. The
 * last active owner can be neither demoted nor deactivated, so the installation keeps one.
 */
export async function updateStaff(
  ctx: ServiceContext,
  actor: Staff,
  id: string,
  change: { role?: StaffRole | undefined; active?: boolean | undefined },
): Promise<StaffView> {
  const member = await ctx.db.query.staff.findFirst({ where: eq(staff.id, id) });
  if (!member) throw notFound(`No member ${id}`);
  const losesOwner =
    member.role === 'owner' &&
    member.active &&
    ((change.role && change.role !== 'owner') || change.active === false);
  if (losesOwner) {
    const [owners] = await ctx.db
      .select({ n: count() })
      .from(staff)
      .where(and(eq(staff.role, 'owner'), eq(staff.active, true)));
    if ((owners?.n ?? 0) <= 1)
      throw conflict('last_owner', 'The last active owner must stay an active owner');
  }
  const next = { role: change.role ?? member.role, active: change.active ?? member.active };
  await ctx.db.batch([
    ctx.db.update(staff).set(next).where(eq(staff.id, id)),
    ...(next.active ? [] : [closeAllSessions(ctx, id)]),
    auditInsert(ctx, {
      staffId: actor.id,
      actor: actor.email,
      action: 'staff.updated',
      targetType: 'staff',
      targetId: id,
      detail: { from: { role: member.role, active: member.active }, to: next },
    }),
  ]);
  return staffView({ ...member, ...next });
}

/** An invitation: the token exists in clear only in the returned link. */
export async function inviteStaff(ctx: ServiceContext, actor: Staff, email: string, role: StaffRole) {
  const address = normalEmail(email);
  if (await ctx.db.query.staff.findFirst({ where: eq(staff.email, address) })) {
    throw conflict('email_taken', 'A member with this email exists already');
  }
  const token = randomToken(32);
  const expiresAt = ctx.now() + INVITE_TTL_MS;
  await ctx.db.batch([
    ctx.db.insert(staffInvites).values({
      tokenHash: await sha256Hex(token),
      email: address,
      role,
      invitedBy: actor.id,
      createdAt: ctx.now(),
      expiresAt,
    }),
    auditInsert(ctx, {
      staffId: actor.id,
      actor: actor.email,
      action: 'staff.invited',
      detail: { email: address, role },
    }),
  ]);
  return { token, email: address, role, expiresAt };
}

/** Turns an unused, unexpired invitation into an account; the link works once. */
export async function acceptInvite(ctx: ServiceContext, token: string, name: string, password: string) {
  const tokenHash = await sha256Hex(token);
  const used = await ctx.db
    .update(staffInvites)
    .set({ usedAt: ctx.now() })
    .where(
      and(
        eq(staffInvites.tokenHash, tokenHash),
        isNull(staffInvites.usedAt),
        sql`${staffInvites.expiresAt} > ${ctx.now()}`,
      ),
    )
    .returning();
  const invite = used[0];
  if (!invite) throw unauthorized('invalid_invite', 'This invitation link is used, expired or unknown');
  return createStaff(ctx, { email: invite.email, name, password, role: invite.role }, null);
}
