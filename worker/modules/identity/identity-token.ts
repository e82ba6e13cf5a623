import type { Site } from '../../../db/schema/index.ts';
import { identityClaims, type IdentityClaims } from '../../contract/identify.ts';
import { STAFF_TOKEN_TYPE } from '../../contract/constants.ts';
import { unauthorized } from '../../http/errors.ts';
import { CLOCK_SKEW_SECONDS, verifyHs256 } from '../../lib/jwt.ts';
import type { ServiceContext } from '../context.ts';

/** Longest lifetime accepted for an identity token: they are meant to be short-lived. */
export const MAX_IDENTITY_TOKEN_TTL_SECONDS = 24 * 3600;

/**
 * Verifies an identity token the host site's server signed with the site's identity
 * secret, and returns its claims. Long-lived tokens are refused, so a leaked one is
 * worth little.
 */
export async function verifyIdentityToken(
  ctx: ServiceContext,
  site: Site,
  token: string,
): Promise<IdentityClaims> {
  let result = await verifyHs256(token, site.identitySecret, ctx.now());
  // During a rotation's grace period the site's servers may still sign with the old secret.
  const previous = site.previousIdentitySecret;
  if (
    !result.ok &&
    result.reason === 'signature' &&
    previous &&
    (site.previousIdentitySecretUntil ?? 0) > ctx.now()
  ) {
    result = await verifyHs256(token, previous, ctx.now());
  }
  if (!result.ok) throw unauthorized('invalid_identity_token', `Identity token refused (${result.reason})`);
  // A staff token is signed with the same secret; it must never pass for a customer's identity.
  if (result.payload.typ === STAFF_TOKEN_TYPE || result.payload.aud === STAFF_TOKEN_TYPE) {
    throw unauthorized('invalid_identity_token', 'Identity token refused (a staff token)');
  }
  const claims = identityClaims.safeParse(result.payload);
  if (!claims.success) throw unauthorized('invalid_identity_token', 'Identity token refused (claims)');
  const ttl = claims.data.exp - ctx.now() / 1000;
  if (ttl > MAX_IDENTITY_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) {
    throw unauthorized('invalid_identity_token', 'Identity token lives too long (24 hours at most)');
  }
  return claims.data;
}
