import { Hono } from 'hono';
import { IDENTITY_HEADER } from '../../contract/constants.ts';
import { identifyRequest } from '../../contract/identify.ts';
import { visitorRequest } from '../../contract/visitors.ts';
import { readBody } from '../../http/body.ts';
import type { AppEnv } from '../../http/env.ts';
import { unauthorized } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { identifyVisitor } from './identify.ts';
import { verifyIdentityToken } from './identity-token.ts';
import { requireVisitor } from './visitor-auth.ts';
import { issueVisitorToken } from './visitors.ts';

/** `POST /v1/visitors`: a token for a new anonymous visitor, or a fresh one for a known visitor. */
export function visitorRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const body = await readBody(c, visitorRequest);
    const result = await issueVisitorToken(ctx, c.get('site'), body.visitorToken);
    return c.json(result, result.created ? 201 : 200);
  });
}

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
