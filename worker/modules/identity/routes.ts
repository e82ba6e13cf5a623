import { Hono } from 'hono';
import { IDENTITY_HEADER } from '../../contract/common.ts';
import { identifyRequest } from '../../contract/identify.ts';
import type { AppEnv } from '../../http/env.ts';
import { unauthorized } from '../../http/errors.ts';
import { readBody } from '../../http/body.ts';
import { requireVisitor } from '../../http/visitor-auth.ts';
import type { ServiceContext } from '../context.ts';
import { identifyVisitor } from './identify.ts';
import { verifyIdentityToken } from './identity-token.ts';

/** `POST /v1/identify`: both tokens in one request link the visitor to the customer. */
export function identifyRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    await readBody(c, identifyRequest);
    const site = c.get('site');
    const visitor = await requireVisitor(ctx, c);
    const identity = c.req.header(IDENTITY_HEADER);
    if (!identity) throw unauthorized('identity_required', `Send the identity token in ${IDENTITY_HEADER}`);
    const claims = await verifyIdentityToken(ctx, site, identity);
    return c.json(await identifyVisitor(ctx, site, visitor, claims), 200);
  });
}
