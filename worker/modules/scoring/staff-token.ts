import type { Site } from '../../../db/schema/index.ts';
import { MAX_STAFF_TOKEN_TTL_SECONDS, staffTokenClaims } from '../../contract/scoring.ts';
import { unauthorized } from '../../http/errors.ts';
import { CLOCK_SKEW_SECONDS, verifyHs256 } from '../../lib/jwt.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Verifies a staff token the host's server signed with the site's identity secret (the
 * previous one during a rotation's grace period). It must say `typ` and `aud` `crm-staff`, so
 * an identity token can never act as one, and live at most 15 minutes.
 */
export async function verifyStaffToken(ctx: ServiceContext, site: Site, token: string) {
  let result = await verifyHs256(token, site.identitySecret, ctx.now());
  const previous = site.previousIdentitySecret;
  if (
    !result.ok &&
    result.reason === 'signature' &&
    previous &&
    (site.previousIdentitySecretUntil ?? 0) > ctx.now()
  ) {
    result = await verifyHs256(token, previous, ctx.now());
  }
  if (!result.ok) throw unauthorized('invalid_staff_token', `Staff token refused (${result.reason})`);
  const claims = staffTokenClaims.safeParse(result.payload);
  if (!claims.success) throw unauthorized('invalid_staff_token', 'Staff token refused (claims)');
  if (claims.data.exp - ctx.now() / 1000 > MAX_STAFF_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) {
    throw unauthorized('invalid_staff_token', 'Staff token lives too long (15 minutes at most)');
  }
  return claims.data;
}
