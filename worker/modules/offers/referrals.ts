import { and, desc, eq, sql } from 'drizzle-orm';
import { customers, offers, referralAttributions, referralLinks } from '../../../db/schema/index.ts';
import { REFERRAL_PARAM } from '../../contract/constants.ts';
import { randomToken } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';

/** Someone a customer brought, and what they bought since. */
export interface Referral {
  customerId: string;
  name: string | null;
  attributedAt: number;
  orders: number;
  revenueCents: number;
}

/**
 * The customer's own link for a referral offer, made on first use: the offer's call-to-action
 * URL (resolved against the page) with the code added.
 */
export async function referralLinkFor(
  ctx: ServiceContext,
  siteId: string,
  offer: { id: string; ctaUrl: string | null },
  customerId: string,
  page: URL | null,
): Promise<string | null> {
  await ctx.db
    .insert(referralLinks)
    .values({ code: randomToken(12), siteId, customerId, offerId: offer.id, createdAt: ctx.now() })
    .onConflictDoNothing();
  const link = await ctx.db.query.referralLinks.findFirst({
    columns: { code: true },
    where: and(eq(referralLinks.customerId, customerId), eq(referralLinks.offerId, offer.id)),
  });
  if (!link) return null;
  return withCode(offer.ctaUrl ?? '/', page, link.code);
}

/** The target with the code added: absolute against the page, or a path when no page is known. */
function withCode(target: string, page: URL | null, code: string): string | null {
  try {
    const url = new URL(target, page ?? 'https://site.invalid');
    url.searchParams.set(REFERRAL_PARAM, code);
    return page || !target.startsWith('/') ? url.href : `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/**
 * Attributes a visitor to the owner of a referral code, once per person: the first link
 * counts, a customer cannot refer themselves, and an unknown code changes nothing.
 */
export async function attributeReferral(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
  code: string,
): Promise<void> {
  const link = await ctx.db.query.referralLinks.findFirst({
    columns: { code: true, customerId: true },
    where: and(eq(referralLinks.code, code), eq(referralLinks.siteId, siteId)),
  });
  if (!link || link.customerId === customerId) return;
  await ctx.db
    .insert(referralAttributions)
    .values({
      id: ctx.newId(),
      siteId,
      code: link.code,
      customerId,
      referrerId: link.customerId,
      attributedAt: ctx.now(),
    })
    .onConflictDoNothing();
}

/** The customer's link for the site's newest live referral offer, if there is one. */
export async function myReferralLink(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
  page: URL | null,
): Promise<{ url: string | null; referred: number }> {
  const offer = await ctx.db.query.offers.findFirst({
    columns: { id: true, ctaUrl: true },
    where: and(eq(offers.siteId, siteId), eq(offers.status, 'live'), eq(offers.referral, true)),
    orderBy: desc(offers.updatedAt),
  });
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(referralAttributions)
    .where(eq(referralAttributions.referrerId, customerId));
  const url = offer ? await referralLinkFor(ctx, siteId, offer, customerId, page) : null;
  return { url, referred: count?.n ?? 0 };
}

/** Who brought this customer, and whom they brought with what those bought. */
export async function referralsOf(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
): Promise<{ referredBy: { customerId: string; name: string | null } | null; referred: Referral[] }> {
  const by = await ctx.db
    .select({ customerId: customers.id, name: customers.name })
    .from(referralAttributions)
    .innerJoin(customers, eq(customers.id, referralAttributions.referrerId))
    .where(and(eq(referralAttributions.customerId, customerId), eq(referralAttributions.siteId, siteId)))
    .limit(1);
  const referred = await ctx.db.all<Referral>(sql`
    SELECT a.customer_id AS customerId, c.name AS name, a.attributed_at AS attributedAt,
      coalesce(s.orders, 0) AS orders, coalesce(s.revenue_cents, 0) AS revenueCents
    FROM referral_attributions a JOIN customers c ON c.id = a.customer_id
    LEFT JOIN customer_stats s ON s.customer_id = a.customer_id
    WHERE a.referrer_id = ${customerId} AND a.site_id = ${siteId} ORDER BY a.attributed_at DESC LIMIT 100`);
  return { referredBy: by[0] ?? null, referred };
}
