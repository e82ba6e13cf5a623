import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.ts';
import { IDENTITY_HEADER, emptyBody } from '../../contract/common.ts';
import { consentRequest } from '../../contract/me.ts';
import type { AppEnv } from '../../http/env.ts';
import { unauthorized } from '../../http/errors.ts';
import { readBody } from '../../http/body.ts';
import type { ServiceContext } from '../context.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import { myProfile, recordConsent } from './service.ts';
import { revokeVisitor } from '../identity/visitors.ts';
import { requireVisitor } from '../../http/visitor-auth.ts';

/**
 * `/v1/me`: the caller's own profile. The customer comes only from verified tokens:
 * the visitor token names the profile, and an identified profile also needs an identity
 * token for the same customer, so a leaked visitor token alone reveals nobody.
 */
export function meRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const site = c.get('site');
      const visitor = await requireVisitor(ctx, c);
      const profile = await ctx.db.query.customers.findFirst({ where: eq(customers.id, visitor.customerId) });
      if (profile?.externalId != null) {
        const identity = c.req.header(IDENTITY_HEADER);
        if (!identity) throw unauthorized('identity_required', 'This profile needs the identity token too');
        const claims = await verifyIdentityToken(ctx, site, identity);
        if (claims.sub !== profile.externalId) {
          throw unauthorized('identity_mismatch', 'The identity token names another customer');
        }
      }
      c.header('Cache-Control', 'no-store');
      return c.json(await myProfile(ctx, site, visitor.customerId), 200);
    })
    .post('/consent', async (c) => {
      const { granted } = await readBody(c, consentRequest);
      const visitor = await requireVisitor(ctx, c);
      await recordConsent(ctx, visitor.customerId, granted);
      return c.body(null, 204);
    })
    .post('/logout', async (c) => {
      await readBody(c, emptyBody);
      await revokeVisitor(ctx, await requireVisitor(ctx, c));
      return c.body(null, 204);
    });
}
