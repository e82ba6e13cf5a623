import { eq } from 'drizzle-orm';
import { customers, type Site, type Visitor } from '../../../db/schema/index.ts';
import { unauthorized } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';

/** The profile behind a verified visitor, as the banner's routes need it. */
export interface CallerProfile {
  id: string;
  externalId: string | null;
}

/**
 * The visitor's profile, read once: an identified profile also needs an identity token naming
 * the same customer (as `/v1/me` does), so a leaked visitor token alone reaches no customer's
 * offers, referral link or purchases.
 */
export async function callerProfile(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  identityToken: string | undefined,
): Promise<CallerProfile> {
  const profile = await ctx.db.query.customers.findFirst({
    columns: { id: true, externalId: true },
    where: eq(customers.id, visitor.customerId),
  });
  if (!profile) throw unauthorized('invalid_visitor_token', 'This visitor has no profile');
  if (profile.externalId !== null) {
    if (!identityToken) throw unauthorized('identity_required', 'This profile needs the identity token too');
    const claims = await verifyIdentityToken(ctx, site, identityToken);
    if (claims.sub !== profile.externalId) {
      throw unauthorized('identity_mismatch', 'The identity token names another customer');
    }
  }
  return profile;
}

/** Whether the visitor's profile is a known customer's (then only an identity token reaches it). */
export async function isIdentified(ctx: ServiceContext, visitor: Visitor): Promise<boolean> {
  const profile = await ctx.db.query.customers.findFirst({
    columns: { externalId: true },
    where: eq(customers.id, visitor.customerId),
  });
  return profile?.externalId != null;
}
