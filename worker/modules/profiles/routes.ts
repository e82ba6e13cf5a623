import { Hono } from 'hono';
import { emptyBody } from '../../contract/common.ts';
import { IDENTITY_HEADER } from '../../contract/constants.ts';
import { customerListQuery, idParam, timelineQuery } from '../../contract/console.ts';
import { customerIdParam, customerSearch } from '../../contract/customers.ts';
import { consentRequest } from '../../contract/me.ts';
import { parseInput, readBody } from '../../http/body.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import { requireVisitor } from '../identity/visitor-auth.ts';
import { siteById } from '../sites/settings.ts';
import { audit } from '../staff/audit.ts';
import { customer360, listCustomers, timeline } from './console.ts';
import { revokeVisitor } from '../identity/visitors.ts';
import { customerProfile, myCustomerId, myProfile, recordConsent, searchCustomers } from './service.ts';

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
      const customerId = await myCustomerId(ctx, site, visitor, c.req.header(IDENTITY_HEADER));
      c.header('Cache-Control', 'no-store');
      return c.json(await myProfile(ctx, site, customerId), 200);
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

/** Staff reads: search and the whole profile, with the site's secret key. */
export function customerRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(customerSearch, c.req.query());
      return c.json(await searchCustomers(ctx, c.get('site'), query), 200);
    })
    .get('/:id', async (c) => {
      const id = parseInput(customerIdParam, c.req.param('id'));
      c.header('Cache-Control', 'no-store');
      return c.json(await customerProfile(ctx, c.get('site'), id), 200);
    });
}

/** The console's customers of one site (`/sites/:siteId/customers`); viewing a profile is audited. */
export function consoleCustomerRoutes(ctx: ServiceContext) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  return new Hono<AppEnv>()
    .use(authorize('customers.read'))
    .get('/', async (c) => {
      const query = parseInput(customerListQuery, c.req.query());
      return c.json(await listCustomers(ctx, await site(c), query), 200);
    })
    .get('/:id', async (c) => {
      const id = parseInput(customerIdParam, c.req.param('id'));
      const current = await site(c);
      const profile = await customer360(ctx, current, id);
      const principal = c.get('principal');
      if (principal.kind === 'staff') {
        await audit(ctx, {
          staffId: principal.member.id,
          actor: principal.member.email,
          action: 'customer.viewed',
          siteId: current.id,
          targetType: 'customer',
          targetId: id,
        });
      }
      return c.json(profile, 200);
    })
    .get('/:id/timeline', async (c) => {
      const id = parseInput(customerIdParam, c.req.param('id'));
      const { before } = parseInput(timelineQuery, c.req.query());
      return c.json(await timeline(ctx, await site(c), id, before), 200);
    });
}
