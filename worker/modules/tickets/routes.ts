import { Hono } from 'hono';
import { IDEMPOTENCY_HEADER } from '../../contract/orders.ts';
import { IDENTITY_HEADER, MAX_ATTACHMENT_BYTES, TICKET_TOKEN_HEADER } from '../../contract/constants.ts';
import {
  attachmentRequest,
  cannedReplyRequest,
  csvImportRequest,
  customerReplyRequest,
  queueQuery,
  ratingRequest,
  serviceReportQuery,
  serviceSiteRequest,
  staffAttachmentQuery,
  staffLimitRequest,
  staffMessageRequest,
  surveyAnswerRequest,
  surveyListQuery,
  ticketCreateRequest,
  ticketId,
  ticketIdempotencyKey,
  ticketUpdateRequest,
} from '../../contract/tickets.ts';
import { parseInput, readBody, readBytes } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import { ApiError } from '../../http/errors.ts';
import { idParam } from '../../contract/console.ts';
import { authorize } from '../../http/authorize.ts';
import { forbidden } from '../../http/errors.ts';
import { siteById } from '../sites/settings.ts';
import {
  createCannedReply,
  createServiceSite,
  deleteServiceSite,
  importPostcodes,
  importServiceSites,
  listCannedReplies,
  listServiceSites,
  serviceStaff,
  setStaffLimit,
  updateServiceSite,
} from './admin.ts';
import { serviceReport } from './reports.ts';
import { ticketScope } from './scope.ts';
import { listQueue, staffAttach, staffMessage, staffTicket, updateTicket } from './staff.ts';
import { answerSurvey, pendingSurveys, readSurvey } from './surveys.ts';

import type { ServiceContext } from '../context.ts';
import { requireVisitor } from '../identity/visitor-auth.ts';
import { myCustomerId } from '../profiles/service.ts';
import { addressHash } from './address.ts';
import type { LatLng } from './geo.ts';
import {
  createTicket,
  customerReply,
  listMyTickets,
  myOrders,
  openFile,
  rateTicket,
  readMyTicket,
  storeUpload,
  uploadLink,
  verifyUpload,
  type TicketAccess,
} from './service.ts';
import type { BlobStorage } from './storage.ts';

/** What the ticket routes need from the entry besides the service context. */
export interface TicketDeps {
  /** Where attachments go; without it, attachment routes answer 503. */
  blobs?: BlobStorage | undefined;
  /** The connection's address (the same the rate limit keys on). */
  clientAddress: (c: AppContext) => string;
  /** The request's coordinates where the runtime knows them (`request.cf` on Workers). */
  requestLocation?: ((c: AppContext) => LatLng | null) | undefined;
}

const linksOf = (c: AppContext) => ({ origin: new URL(c.req.url).origin });

/** The caller's own profile, from the visitor token (and the identity token once identified). */
async function myId(ctx: ServiceContext, c: AppContext): Promise<string> {
  const visitor = await requireVisitor(ctx, c);
  return myCustomerId(ctx, c.get('site'), visitor, c.req.header(IDENTITY_HEADER));
}

/** A ticket's private link token wins when sent; otherwise the caller must own the ticket. */
async function accessOf(ctx: ServiceContext, c: AppContext): Promise<TicketAccess> {
  const token = c.req.header(TICKET_TOKEN_HEADER);
  if (token !== undefined && token.length > 0 && token.length <= 100) return { token };
  return { customerId: await myId(ctx, c) };
}

function storageOf(deps: Pick<TicketDeps, 'blobs'>): BlobStorage {
  if (!deps.blobs) throw new ApiError(503, 'storage_unavailable', 'Attachments are not configured here');
  return deps.blobs;
}

/**
 * `/v1/tickets`: a customer's own tickets. The customer comes from verified tokens only (or
 * a ticket's private link token, for that one ticket); answers never include internal notes.
 */
export function ticketRoutes(ctx: ServiceContext, deps: TicketDeps) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const key = parseInput(ticketIdempotencyKey, c.req.header(IDEMPOTENCY_HEADER));
      const body = await readBody(c, ticketCreateRequest);
      const site = c.get('site');
      const customerId = await myId(ctx, c);
      const { created, replayed } = await createTicket(ctx, site, customerId, key, body, {
        addressHash: await addressHash(site, deps.clientAddress(c)),
        requestLocation: deps.requestLocation?.(c) ?? null,
        links: linksOf(c),
      });
      if (replayed) c.header('Idempotent-Replayed', 'true');
      c.header('Cache-Control', 'no-store');
      return c.json(created, replayed ? 200 : 201);
    })
    .get('/', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ tickets: await listMyTickets(ctx, c.get('site'), await myId(ctx, c)) }, 200);
    })
    .get('/orders', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ orders: await myOrders(ctx, c.get('site'), await myId(ctx, c)) }, 200);
    })
    .post('/uploads/:token', async (c) => {
      const site = c.get('site');
      const grant = await verifyUpload(ctx, site, c.req.param('token'));
      const storage = storageOf(deps);
      const bytes = await readBytes(c, MAX_ATTACHMENT_BYTES);
      return c.json(await storeUpload(ctx, site, storage, grant, bytes, linksOf(c)), 201);
    })
    .get('/files/:token', async (c) => {
      const { row, blob } = await openFile(ctx, c.get('site'), () => storageOf(deps), c.req.param('token'));
      // Served as the sniffed type only, never rendered as a page of this origin.
      return c.body(blob.body as ReadableStream<Uint8Array>, 200, {
        'Content-Type': row.contentType,
        'Content-Length': String(blob.size),
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=600',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    })
    .get('/:id', async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const access = await accessOf(ctx, c);
      c.header('Cache-Control', 'no-store');
      return c.json(await readMyTicket(ctx, c.get('site'), id, access, linksOf(c)), 200);
    })
    .post('/:id/messages', async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const { body } = await readBody(c, customerReplyRequest);
      const access = await accessOf(ctx, c);
      return c.json(await customerReply(ctx, c.get('site'), id, access, body, linksOf(c)), 201);
    })
    .post('/:id/rating', async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const input = await readBody(c, ratingRequest);
      const access = await accessOf(ctx, c);
      return c.json(await rateTicket(ctx, c.get('site'), id, access, input, linksOf(c)), 201);
    })
    .post('/:id/attachments', async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const file = await readBody(c, attachmentRequest);
      const access = await accessOf(ctx, c);
      storageOf(deps);
      return c.json(await uploadLink(ctx, c.get('site'), id, access, file, linksOf(c)), 201);
    });
}

/** The signed-in member (console routes run behind the staff session guard). */
function memberOf(c: AppContext) {
  const principal = c.get('principal');
  if (principal.kind !== 'staff') throw forbidden('forbidden', 'Staff only');
  return principal.member;
}

/**
 * The console's service desk of one site (`/sites/:siteId/…`): the queue, tickets, service
 * sites, canned replies, staff limits and reports. A service-role member limited to some
 * service sites reaches only their tickets, whichever route they try.
 */
export function ticketConsoleRoutes(ctx: ServiceContext, deps: Pick<TicketDeps, 'blobs'>) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  const scoped = async (c: AppContext) => {
    const current = await site(c);
    return { current, scope: await ticketScope(ctx, current.id, memberOf(c)) };
  };
  return new Hono<AppEnv>()
    .get('/tickets', authorize('tickets.read'), async (c) => {
      const query = parseInput(queueQuery, c.req.query());
      const { current, scope } = await scoped(c);
      return c.json(await listQueue(ctx, current, scope, query), 200);
    })
    .get('/tickets/:id', authorize('tickets.read'), async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const { current, scope } = await scoped(c);
      return c.json(await staffTicket(ctx, current, scope, id, linksOf(c)), 200);
    })
    .post('/tickets/:id/messages', authorize('tickets.write'), async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const input = await readBody(c, staffMessageRequest);
      const { current, scope } = await scoped(c);
      return c.json(await staffMessage(ctx, current, scope, memberOf(c), id, input, linksOf(c)), 201);
    })
    .post('/tickets/:id/attachments', authorize('tickets.write'), async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const { name } = parseInput(staffAttachmentQuery, c.req.query());
      const { current, scope } = await scoped(c);
      const storage = storageOf(deps);
      const bytes = await readBytes(c, MAX_ATTACHMENT_BYTES);
      const file = { fileName: name, bytes };
      return c.json(await staffAttach(ctx, current, scope, id, storage, file, linksOf(c)), 201);
    })
    .patch('/tickets/:id', authorize('tickets.write'), async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const input = await readBody(c, ticketUpdateRequest);
      const { current, scope } = await scoped(c);
      return c.json(await updateTicket(ctx, current, scope, memberOf(c), id, input, linksOf(c)), 200);
    })
    .get('/service-sites', authorize('tickets.read'), async (c) =>
      c.json({ serviceSites: await listServiceSites(ctx, await site(c)) }, 200),
    )
    .post('/service-sites', authorize('service.manage'), async (c) => {
      const input = await readBody(c, serviceSiteRequest);
      return c.json(await createServiceSite(ctx, await site(c), input), 201);
    })
    .post('/service-sites/import', authorize('service.manage'), async (c) => {
      const { csv } = await readBody(c, csvImportRequest, { maxBytes: 2_100_000 });
      return c.json(await importServiceSites(ctx, await site(c), csv), 200);
    })
    .put('/service-sites/:id', authorize('service.manage'), async (c) => {
      const id = parseInput(ticketId, c.req.param('id'));
      const input = await readBody(c, serviceSiteRequest);
      return c.json(await updateServiceSite(ctx, await site(c), id, input), 200);
    })
    .delete('/service-sites/:id', authorize('service.manage'), async (c) => {
      await deleteServiceSite(ctx, await site(c), parseInput(ticketId, c.req.param('id')));
      return c.body(null, 204);
    })
    .post('/postcodes/import', authorize('service.manage'), async (c) => {
      const { csv } = await readBody(c, csvImportRequest, { maxBytes: 2_100_000 });
      return c.json(await importPostcodes(ctx, await site(c), csv), 200);
    })
    .get('/canned-replies', authorize('tickets.read'), async (c) =>
      c.json({ cannedReplies: await listCannedReplies(ctx, await site(c)) }, 200),
    )
    .post('/canned-replies', authorize('service.manage'), async (c) => {
      const input = await readBody(c, cannedReplyRequest);
      return c.json(await createCannedReply(ctx, await site(c), input), 201);
    })
    .get('/service-staff', authorize('tickets.read'), async (c) =>
      c.json({ staff: await serviceStaff(ctx, await site(c)) }, 200),
    )
    .put('/service-staff/:staffId', authorize('service.manage'), async (c) => {
      const staffId = parseInput(idParam, c.req.param('staffId'));
      const { serviceSiteIds } = await readBody(c, staffLimitRequest);
      await setStaffLimit(ctx, await site(c), staffId, serviceSiteIds);
      return c.body(null, 204);
    })
    .get('/service-reports', authorize('service.reports'), async (c) => {
      const { days } = parseInput(serviceReportQuery, c.req.query());
      const { current, scope } = await scoped(c);
      return c.json(await serviceReport(ctx, current, scope, days), 200);
    });
}

/** `/v1/surveys/:token`: the satisfaction follow-up behind its signed link (the link is the credential). */
export function surveyRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/:token', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await readSurvey(ctx, c.get('site'), c.req.param('token')), 200);
    })
    .post('/:token', async (c) => {
      const answer = await readBody(c, surveyAnswerRequest);
      await answerSurvey(ctx, c.get('site'), c.req.param('token'), answer);
      return c.body(null, 204);
    });
}

/** `GET /v1/satisfaction-surveys` with the secret key: unanswered surveys and their link tokens, for the site to email. */
export function serverSurveyRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { limit } = parseInput(surveyListQuery, c.req.query());
    c.header('Cache-Control', 'no-store');
    return c.json({ surveys: await pendingSurveys(ctx, c.get('site'), limit) }, 200);
  });
}
