import { and, eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../../db/prepared.ts';
import { customerStats, customers, visitors, type Site, type Visitor } from '../../../db/schema/index.ts';
import type { VisitorResponse } from '../../contract/visitors.ts';
import { unauthorized } from '../../http/errors.ts';
import { signHs256, verifyHs256 } from '../../lib/jwt.ts';
import type { ServiceContext } from '../context.ts';
import { addToDay } from '../reports/rollups.ts';

/** How long a visitor token lives before the tracker must refresh it. */
export const VISITOR_TOKEN_TTL_MS = 180 * 24 * 3600 * 1000;

async function issue(ctx: ServiceContext, site: Site, visitorId: string, tokenId: string) {
  const expiresAt = ctx.now() + VISITOR_TOKEN_TTL_MS;
  const visitorToken = await signHs256(
    { typ: 'vt', sid: site.id, sub: visitorId, jti: tokenId, exp: Math.floor(expiresAt / 1000) },
    site.visitorTokenSecret,
  );
  return { visitorToken, expiresAt };
}

/** Read by every request of a visitor (events, identify, the card), so built once. */
const visitorById = preparedQuery((db) =>
  db.query.visitors
    .findFirst({
      where: and(eq(visitors.id, sql.placeholder('id')), eq(visitors.siteId, sql.placeholder('siteId'))),
    })
    .prepare(),
);

/**
 * The visitor a token belongs to. The signature rejects forgeries without a query; the
 * row then proves the token is the visitor's current one and was not revoked at logout.
 */
export async function verifyVisitorToken(ctx: ServiceContext, site: Site, token: string): Promise<Visitor> {
  const result = await verifyHs256(token, site.visitorTokenSecret, ctx.now());
  if (!result.ok) throw unauthorized('invalid_visitor_token', `Visitor token refused (${result.reason})`);
  const { sub, jti, sid } = result.payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || sid !== site.id) {
    throw unauthorized('invalid_visitor_token', 'Visitor token refused (claims)');
  }
  const visitor = await visitorById(ctx.db).execute({ id: sub, siteId: site.id });
  if (!visitor || visitor.tokenId !== jti || visitor.revokedAt !== null) {
    throw unauthorized('invalid_visitor_token', 'Visitor token is no longer valid');
  }
  return visitor;
}

/**
 * Issues a token: rotates the one presented when it is valid, otherwise creates a new
 * anonymous visitor with an empty profile (customer row and stats in one batch).
 */
export async function issueVisitorToken(
  ctx: ServiceContext,
  site: Site,
  previousToken: string | undefined,
): Promise<VisitorResponse> {
  const now = ctx.now();
  const tokenId = ctx.newId();
  if (previousToken !== undefined) {
    const visitor = await verifyVisitorToken(ctx, site, previousToken);
    const rotated = await ctx.db
      .update(visitors)
      .set({ tokenId, lastSeenAt: now })
      .where(and(eq(visitors.id, visitor.id), eq(visitors.tokenId, visitor.tokenId)))
      .returning({ id: visitors.id });
    // A concurrent refresh of the same token won: this one must not hand out a dead token.
    if (rotated.length === 0) throw unauthorized('invalid_visitor_token', 'Visitor token was just rotated');
    return { ...(await issue(ctx, site, visitor.id, tokenId)), created: false };
  }
  const customerId = ctx.newId();
  const visitorId = ctx.newId();
  await ctx.db.batch([
    ctx.db.insert(customers).values({ id: customerId, siteId: site.id, firstSeenAt: now, lastSeenAt: now }),
    ctx.db.insert(customerStats).values({ customerId, siteId: site.id }),
    ctx.db
      .insert(visitors)
      .values({ id: visitorId, siteId: site.id, customerId, tokenId, createdAt: now, lastSeenAt: now }),
    addToDay(ctx.db, site.id, now, { new_visitors: 1 }),
  ]);
  return { ...(await issue(ctx, site, visitorId, tokenId)), created: true };
}

/** Revokes the visitor's token (logout): the browser must ask for a new visitor. */
export async function revokeVisitor(ctx: ServiceContext, visitor: Visitor): Promise<void> {
  await ctx.db.update(visitors).set({ revokedAt: ctx.now() }).where(eq(visitors.id, visitor.id));
}
