import { Hono } from 'hono';
import {
  identityRotateRequest,
  idParam,
  secretRotateRequest,
  siteCreateRequest,
  siteUpdateRequest,
} from '../../contract/console.ts';
import { authorize } from '../../http/authorize.ts';
import { parseInput, readBody } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import type { SiteCache } from './cache.ts';
import {
  createSiteWithAudit,
  rotateIdentitySecret,
  rotateSecretKey,
  siteById,
  siteSettings,
  updateSite,
} from './settings.ts';

/** The member making a change, for the audit log. */
function actor(c: AppContext) {
  const principal = c.get('principal');
  return principal.kind === 'staff' ? principal.member : null;
}

/** This server's own origin: what the snippet loads `crm.js` from. */
const crmOrigin = (c: AppContext) => new URL(c.req.url).origin;

/** Console routes for sites: create, settings, keys. */
export function siteRoutes(ctx: ServiceContext, cache: SiteCache) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  return new Hono<AppEnv>()
    .post('/', authorize('keys.manage'), async (c) => {
      const input = await readBody(c, siteCreateRequest);
      return c.json(await createSiteWithAudit(ctx, actor(c), input, crmOrigin(c)), 201);
    })
    .get('/:siteId', authorize('settings.read'), async (c) =>
      c.json(await siteSettings(ctx, await site(c), crmOrigin(c)), 200),
    )
    .patch('/:siteId', authorize('settings.write'), async (c) => {
      const change = await readBody(c, siteUpdateRequest);
      const updated = await updateSite(ctx, actor(c), await site(c), change);
      cache.forget(updated.publishableKey);
      return c.json(await siteSettings(ctx, updated, crmOrigin(c)), 200);
    })
    .post('/:siteId/secret-key', authorize('keys.manage'), async (c) => {
      await readBody(c, secretRotateRequest);
      return c.json(await rotateSecretKey(ctx, actor(c), await site(c), crmOrigin(c)), 200);
    })
    .post('/:siteId/identity-secret', authorize('keys.manage'), async (c) => {
      const { graceHours } = await readBody(c, identityRotateRequest);
      const current = await site(c);
      const keys = await rotateIdentitySecret(ctx, actor(c), current, graceHours, crmOrigin(c));
      cache.forget(current.publishableKey);
      return c.json(keys, 200);
    });
}
