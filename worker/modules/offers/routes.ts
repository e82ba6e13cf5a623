import { Hono } from 'hono';
import { idParam } from '../../contract/console.ts';
import { customerIdParam } from '../../contract/customers.ts';
import { IDENTITY_HEADER } from '../../contract/constants.ts';
import {
  audienceRequest,
  decideRequest,
  offerEventRequest,
  offerInput,
  offerStatusRequest,
} from '../../contract/offers.ts';
import { authorize } from '../../http/authorize.ts';
import { parseInput, readBody } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import { requireVisitor } from '../identity/visitor-auth.ts';
import { siteById } from '../sites/settings.ts';
import { audit } from '../staff/audit.ts';
import { createOffer, estimateAudience, getOffer, listOffers, setOfferStatus, updateOffer } from './admin.ts';
import { callerProfile, decisionProfile } from './caller.ts';
import { decide, type OfferDeps } from './decide.ts';
import { recordOfferEvent } from './events.ts';
import { myReferralLink, referralsOf } from './referrals.ts';
import { offerReport } from './report.ts';

/** A URL from a header, or null when it is not one. */
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The caller's profile from verified tokens only (the visitor token, and the identity token once identified). */
async function caller(ctx: ServiceContext, c: AppContext) {
  const site = c.get('site');
  const visitor = await requireVisitor(ctx, c);
  const profile = await callerProfile(ctx, site, visitor, c.req.header(IDENTITY_HEADER));
  return { site, visitor, profile };
}

/**
 * `/v1/offers`, for the banner: which offer to show, and what the visitor did with it. The
 * person comes only from the verified tokens, never from the body.
 */
export function offerWidgetRoutes(ctx: ServiceContext, deps: OfferDeps) {
  return new Hono<AppEnv>()
    .post('/decide', async (c) => {
      const input = await readBody(c, decideRequest);
      c.header('Cache-Control', 'no-store');
      const site = c.get('site');
      const visitor = await requireVisitor(ctx, c);
      const identity = c.req.header(IDENTITY_HEADER);
      // A known customer's page often asks before the site has identified them again (its
      // script first fetches the identity token): nothing is shown or recorded yet, and the
      // banner asks again once `crm.identify` ran. Events and referrals still refuse.
      const profile = await decisionProfile(ctx, site, visitor, identity);
      if (!profile) return c.json({ offer: null }, 200);
      return c.json(await decide(ctx, deps, site, visitor, profile, input), 200);
    })
    .post('/events', async (c) => {
      const input = await readBody(c, offerEventRequest);
      const { site, visitor } = await caller(ctx, c);
      const { duplicate } = await recordOfferEvent(ctx, site.id, visitor.customerId, input);
      return c.json({ status: duplicate ? 'duplicate' : 'accepted' }, duplicate ? 200 : 201);
    })
    .get('/referral', async (c) => {
      const { site, visitor } = await caller(ctx, c);
      // Same-origin requests carry no Origin; the Referer (an origin at least) tells the site too.
      const page = c.req.header('Origin') ?? c.req.header('Referer');
      c.header('Cache-Control', 'no-store');
      return c.json(
        await myReferralLink(ctx, site.id, visitor.customerId, page ? parseUrl(page) : null),
        200,
      );
    });
}

/** The console's offers of one site (`/sites/:siteId/offers`): editor, launch and pause, report. */
export function consoleOfferRoutes(ctx: ServiceContext, deps: OfferDeps) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  const offerId = (c: AppContext) => parseInput(idParam, c.req.param('offerId'));
  const record = (
    c: AppContext,
    action: string,
    siteId: string,
    targetId: string,
    detail?: Record<string, unknown>,
  ) => {
    const principal = c.get('principal');
    if (principal.kind !== 'staff') return Promise.resolve();
    return audit(ctx, {
      staffId: principal.member.id,
      actor: principal.member.email,
      action,
      siteId,
      targetType: 'offer',
      targetId,
      ...(detail ? { detail } : {}),
    });
  };
  return new Hono<AppEnv>()
    .get('/', authorize('offers.read'), async (c) =>
      c.json({ offers: await listOffers(ctx, await site(c)) }, 200),
    )
    .post('/', authorize('offers.write'), async (c) => {
      const input = await readBody(c, offerInput);
      const current = await site(c);
      const offer = await createOffer(ctx, deps.cache, current, input);
      await record(c, 'offer.created', current.id, offer.id);
      return c.json(offer, 201);
    })
    .post('/audience', authorize('offers.read'), async (c) => {
      const { targeting } = await readBody(c, audienceRequest);
      return c.json(await estimateAudience(ctx, deps.sources, await site(c), targeting), 200);
    })
    .get('/referrals/:customerId', authorize('customers.read'), async (c) => {
      const current = await site(c);
      const id = parseInput(customerIdParam, c.req.param('customerId'));
      return c.json(await referralsOf(ctx, current.id, id), 200);
    })
    .get('/:offerId', authorize('offers.read'), async (c) =>
      c.json(await getOffer(ctx, await site(c), offerId(c)), 200),
    )
    .put('/:offerId', authorize('offers.write'), async (c) => {
      const input = await readBody(c, offerInput);
      const current = await site(c);
      const offer = await updateOffer(ctx, deps.cache, current, offerId(c), input);
      await record(c, 'offer.updated', current.id, offer.id);
      return c.json(offer, 200);
    })
    .post('/:offerId/status', authorize('offers.write'), async (c) => {
      const { status } = await readBody(c, offerStatusRequest);
      const current = await site(c);
      const offer = await setOfferStatus(ctx, deps.cache, current, offerId(c), status);
      await record(c, 'offer.status', current.id, offer.id, { status });
      return c.json(offer, 200);
    })
    .get('/:offerId/report', authorize('offers.read'), async (c) =>
      c.json(await offerReport(ctx, await site(c), offerId(c)), 200),
    );
}
