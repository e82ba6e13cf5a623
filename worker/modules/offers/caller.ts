import type { Site, Visitor } from '../../../db/schema/index.ts';
import { unauthorized } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import { profileById } from './statements.ts';

/** The profile behind a verified visitor, as the banner's routes need it. */
export interface CallerProfile {
  id: string;
  externalId: string | null;
}

async function profileOf(ctx: ServiceContext, visitor: Visitor): Promise<CallerProfile> {
  const [profile] = await profileById(ctx.db).all({ id: visitor.customerId });
  if (!profile) throw unauthorized('invalid_visitor_token', 'This visitor has no profile');
  return profile;
}

/** Refuses an identified profile unless the identity token names that same customer. */
async function checkIdentity(
  ctx: ServiceContext,
  site: Site,
  profile: CallerProfile,
  identityToken: string | undefined,
): Promise<CallerProfile> {
  if (profile.externalId !== null) {
    if (!identityToken) throw unauthorized('identity_required', 'This profile needs the identity token too');
    const claims = await verifyIdentityToken(ctx, site, identityToken);
    if (claims.sub !== profile.externalId) {
      throw unauthorized('identity_mismatch', 'The identity token names another customer');
    }
  }
  return profile;
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
  return checkIdentity(ctx, site, await profileOf(ctx, visitor), identityToken);
}

/**
 * The profile a decision is for, from the same single read: `null` for a known customer's
 * visitor that came without the identity token (their page asks before it has identified them
 * again, so nothing is decided yet); otherwise as {@link callerProfile}.
 */
export async function decisionProfile(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  identityToken: string | undefined,
): Promise<CallerProfile | null> {
  const profile = await profileOf(ctx, visitor);
  if (!identityToken && profile.externalId !== null) return null;
  return checkIdentity(ctx, site, profile, identityToken);
}
