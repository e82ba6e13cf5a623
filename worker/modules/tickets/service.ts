import { and, count, desc, eq, gte } from 'drizzle-orm';
import {
  customers,
  orders,
  ratings,
  satisfactionSurveys,
  ticketAttachments,
  ticketEvents,
  ticketMessages,
  tickets,
  type Site,
  type Ticket,
} from '../../../db/schema/index.ts';
import { MAX_ATTACHMENTS_PER_TICKET, MAX_ATTACHMENT_BYTES } from '../../contract/constants.ts';
import type {
  MyTicket,
  MyOrderOption,
  MyTicketSummary,
  TicketCreateRequest,
  TicketCreated,
  UploadLink,
  AttachmentView,
} from '../../contract/tickets.ts';
import { ApiError, badRequest, conflict, notFound, tooManyRequests } from '../../http/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { recentOrders } from '../orders/queries.ts';
import type { LatLng } from './geo.ts';
import { UPLOAD_LINK_TTL_MS, signLink, verifyLink } from './links.ts';
import { routeTicket } from './routing.ts';
import { PRIORITY_RANK, serviceSettingsOf, slaDue } from './settings.ts';
import { sniffType } from './sniff.ts';
import type { BlobStorage } from './storage.ts';
import {
  attachmentsOf,
  orderSummary,
  ratingOf,
  serviceSiteSummary,
  threadOf,
  type LinkBase,
} from './views.ts';

/** Tickets one visitor may open per hour. */
export const TICKETS_PER_CUSTOMER_PER_HOUR = 5;
/** Tickets one connection address may open per hour, across visitors. */
export const TICKETS_PER_ADDRESS_PER_HOUR = 20;
const HOUR = 3600 * 1000;

/** How a customer reaches a ticket: as its owner (verified tokens) or with its private link token. */
export type TicketAccess = { customerId: string } | { token: string };

/** What the route knows about the request besides its body. */
export interface RequestFacts {
  /** Keyed hash of the connection's address. */
  addressHash: string;
  /** The request's own coordinates (`request.cf`), when the runtime has them. */
  requestLocation: LatLng | null;
  links: LinkBase;
}

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short reference customers can read out: `T-` and 8 characters of Crockford's base32. */
function newReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `T-${Array.from(bytes, (b) => REFERENCE_ALPHABET[b % 32]).join('')}`;
}

/** JSON with sorted keys, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The ticket if the caller may reach it. Another customer's ticket, another site's, a wrong
 * token and a ticket that does not exist all answer the same 404, so ids cannot be probed.
 */
export async function accessibleTicket(
  ctx: ServiceContext,
  site: Site,
  ticketId: string,
  access: TicketAccess,
): Promise<Ticket> {
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.siteId, site.id), eq(tickets.id, ticketId)),
  });
  const allowed =
    ticket !== undefined &&
    ('customerId' in access
      ? ticket.customerId === access.customerId
      : (await sha256Hex(access.token)) === ticket.accessTokenHash);
  if (!ticket || !allowed) throw notFound('No such ticket');
  return ticket;
}

async function refuseWhenOverLimits(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  addressHash: string,
) {
  const since = ctx.now() - HOUR;
  const [[mine], [fromAddress]] = await Promise.all([
    ctx.db
      .select({ n: count() })
      .from(tickets)
      .where(and(eq(tickets.customerId, customerId), gte(tickets.createdAt, since))),
    ctx.db
      .select({ n: count() })
      .from(tickets)
      .where(
        and(
          eq(tickets.siteId, site.id),
          eq(tickets.creatorAddressHash, addressHash),
          gte(tickets.createdAt, since),
        ),
      ),
  ]);
  if (
    (mine?.n ?? 0) >= TICKETS_PER_CUSTOMER_PER_HOUR ||
    (fromAddress?.n ?? 0) >= TICKETS_PER_ADDRESS_PER_HOUR
  ) {
    throw tooManyRequests(600, 'Too many tickets opened from here; try again later');
  }
}

/**
 * Opens a ticket for the caller's own profile, routed to the nearest service site. The ticket,
 * its first event and the timeline entry are one batch. A retry with the same idempotency key
 * replays the first result (a new private token is not made: the first answer had it); the
 * same key with another body is a conflict.
 */
export async function createTicket(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  idempotencyKey: string,
  input: TicketCreateRequest,
  facts: RequestFacts,
): Promise<{ created: TicketCreated; replayed: boolean }> {
  // The honeypot: refused like a validation error, before anything is written or counted.
  if (input.website) throw badRequest('spam_suspected', 'This submission looks automated');
  const requestHash = await sha256Hex(canonical(input));
  const earlier = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.customerId, customerId), eq(tickets.idempotencyKey, idempotencyKey)),
  });
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      throw conflict('idempotency_conflict', 'This idempotency key was used with a different request body');
    }
    return {
      created: { ticket: await myTicketView(ctx, site, earlier, facts.links), accessToken: '' },
      replayed: true,
    };
  }
  const profile = await ctx.db.query.customers.findFirst({
    columns: { externalId: true, email: true, name: true },
    where: eq(customers.id, customerId),
  });
  if (!profile) throw notFound('Profile not found');
  if (profile.externalId === null && !input.email) {
    throw badRequest('email_required', 'Give an email address so we can answer you');
  }
  if (input.orderId) {
    const order = await ctx.db.query.orders.findFirst({
      columns: { customerId: true },
      where: and(eq(orders.siteId, site.id), eq(orders.id, input.orderId)),
    });
    if (order?.customerId !== customerId) throw badRequest('unknown_order', 'That order is not one of yours');
  }
  await refuseWhenOverLimits(ctx, site, customerId, facts.addressHash);

  const now = ctx.now();
  const settings = await serviceSettingsOf(ctx, site.id);
  const route = await routeTicket(ctx, site.id, input.category, {
    shared: input.location,
    postcode: input.postcode,
    request: facts.requestLocation,
  });
  const accessToken = randomToken(24);
  const id = ctx.newId();
  const priority = 'normal';
  await ctx.db.batch([
    ctx.db.insert(tickets).values({
      id,
      siteId: site.id,
      customerId,
      reference: newReference(),
      category: input.category,
      subject: input.subject,
      body: input.body,
      status: 'open',
      priority,
      priorityRank: PRIORITY_RANK[priority],
      channel: 'web',
      orderId: input.orderId ?? null,
      productSku: input.productSku ?? null,
      serviceSiteId: route.serviceSiteId,
      distanceM: route.distanceM,
      routingReason: route.reason,
      contactEmail: input.email ?? null,
      contactName: input.name ?? null,
      accessTokenHash: await sha256Hex(accessToken),
      idempotencyKey,
      requestHash,
      creatorAddressHash: facts.addressHash,
      createdAt: now,
      updatedAt: now,
      ...slaDue(settings, priority, now),
    }),
    ctx.db
      .insert(ticketEvents)
      .values({ siteId: site.id, customerId, ticketId: id, type: 'opened', at: now }),
  ]);
  const ticket = await accessibleTicket(ctx, site, id, { customerId });
  return {
    created: { ticket: await myTicketView(ctx, site, ticket, facts.links), accessToken },
    replayed: false,
  };
}

const summaryOf = (t: Ticket): MyTicketSummary => ({
  id: t.id,
  reference: t.reference,
  category: t.category,
  subject: t.subject,
  status: t.status,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  unread: t.lastStaffReplyAt !== null && (t.customerReadAt ?? 0) < t.lastStaffReplyAt,
});

/** The customer's tickets, newest first (at most 100). */
export async function listMyTickets(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
): Promise<MyTicketSummary[]> {
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(eq(tickets.customerId, customerId), eq(tickets.siteId, site.id)))
    .orderBy(desc(tickets.createdAt))
    .limit(100);
  return rows.map(summaryOf);
}

/** The customer's latest orders, to pick the one a ticket is about. */
export async function myOrders(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
): Promise<MyOrderOption[]> {
  const list = await recentOrders(ctx, site.id, customerId, 20);
  return list.map((o) => ({
    id: o.id,
    reference: o.reference,
    placedAt: o.placedAt,
    items: o.items.map((i) => i.name),
  }));
}

/** Whether a reply is still taken (and reopens a resolved ticket). */
function replyAllowed(ticket: Ticket, reopenDays: number, now: number): boolean {
  if (ticket.status === 'open' || ticket.status === 'pending') return true;
  const since = ticket.resolvedAt ?? ticket.closedAt ?? ticket.updatedAt;
  return now - since <= reopenDays * 24 * HOUR;
}

/** A ticket as its customer reads it: the thread without internal notes. */
export async function myTicketView(
  ctx: ServiceContext,
  site: Site,
  ticket: Ticket,
  links: LinkBase,
): Promise<MyTicket> {
  const [messages, attachments, serviceSite, order, rating, settings] = await Promise.all([
    threadOf(ctx, ticket, false),
    attachmentsOf(ctx, site, ticket, links),
    serviceSiteSummary(ctx, ticket.serviceSiteId),
    orderSummary(ctx, ticket.orderId),
    ratingOf(ctx, ticket.id),
    serviceSettingsOf(ctx, site.id),
  ]);
  return {
    ...summaryOf(ticket),
    body: ticket.body,
    serviceSite,
    distanceM: ticket.distanceM,
    routingReason: ticket.routingReason,
    order,
    messages,
    attachments,
    rating,
    canRate: rating === null && (ticket.status === 'resolved' || ticket.status === 'closed'),
    canReply: replyAllowed(ticket, settings.reopenDays, ctx.now()),
  };
}

/** Reads a ticket and marks its staff replies read. */
export async function readMyTicket(
  ctx: ServiceContext,
  site: Site,
  ticketId: string,
  access: TicketAccess,
  links: LinkBase,
): Promise<MyTicket> {
  const ticket = await accessibleTicket(ctx, site, ticketId, access);
  const view = await myTicketView(ctx, site, ticket, links);
  if (view.unread) {
    await ctx.db.update(tickets).set({ customerReadAt: ctx.now() }).where(eq(tickets.id, ticket.id));
  }
  return view;
}

/**
 * The customer's reply. It reopens a resolved or closed ticket within the site's reopen window
 * and is refused after it; a reply to a ticket waiting on the customer puts it back in the queue.
 */
export async function customerReply(
  ctx: ServiceContext,
  site: Site,
  ticketId: string,
  access: TicketAccess,
  body: string,
  links: LinkBase,
): Promise<MyTicket> {
  const ticket = await accessibleTicket(ctx, site, ticketId, access);
  const now = ctx.now();
  const settings = await serviceSettingsOf(ctx, site.id);
  if (!replyAllowed(ticket, settings.reopenDays, now)) {
    throw conflict(
      'reopen_window_passed',
      `This ticket was resolved more than ${settings.reopenDays} days ago; open a new one`,
    );
  }
  const reopening = ticket.status === 'resolved' || ticket.status === 'closed';
  const base = { siteId: site.id, customerId: ticket.customerId, ticketId: ticket.id, at: now };
  await ctx.db.batch([
    ctx.db.insert(ticketMessages).values({
      id: ctx.newId(),
      siteId: site.id,
      ticketId: ticket.id,
      kind: 'customer',
      body,
      createdAt: now,
    }),
    ctx.db
      .update(tickets)
      .set({
        status: 'open',
        updatedAt: now,
        customerReadAt: now,
        ...(reopening ? { resolvedAt: null, closedAt: null } : {}),
      })
      .where(eq(tickets.id, ticket.id)),
    ctx.db.insert(ticketEvents).values({ ...base, type: reopening ? 'reopened' : 'customer_replied' }),
  ]);
  return myTicketView(ctx, site, await accessibleTicket(ctx, site, ticketId, access), links);
}

/** Rates a resolved (or closed) ticket, once. */
export async function rateTicket(
  ctx: ServiceContext,
  site: Site,
  ticketId: string,
  access: TicketAccess,
  input: { stars: number; comment: string },
  links: LinkBase,
): Promise<MyTicket> {
  const ticket = await accessibleTicket(ctx, site, ticketId, access);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw conflict('not_resolved', 'A ticket can be rated once it is resolved');
  }
  const now = ctx.now();
  const inserted = await ctx.db
    .insert(ratings)
    .values({
      id: ctx.newId(),
      siteId: site.id,
      customerId: ticket.customerId,
      kind: 'ticket',
      ticketId: ticket.id,
      serviceSiteId: ticket.serviceSiteId,
      category: ticket.category,
      stars: input.stars,
      comment: input.comment,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: ratings.id });
  if (inserted.length === 0) throw conflict('already_rated', 'This ticket was rated already');
  await ctx.db.insert(ticketEvents).values({
    siteId: site.id,
    customerId: ticket.customerId,
    ticketId: ticket.id,
    type: 'rated',
    detail: String(input.stars),
    at: now,
  });
  return myTicketView(ctx, site, ticket, links);
}

/** A signed, single-use link to upload one file to a ticket the caller may reach. */
export async function uploadLink(
  ctx: ServiceContext,
  site: Site,
  ticketId: string,
  access: TicketAccess,
  file: { fileName: string; size: number },
  links: LinkBase,
): Promise<UploadLink> {
  const ticket = await accessibleTicket(ctx, site, ticketId, access);
  await refuseWhenFull(ctx, ticket.id);
  const expiresAt = ctx.now() + UPLOAD_LINK_TTL_MS;
  const token = await signLink(
    site.visitorTokenSecret,
    'upload',
    { t: ticket.id, n: file.fileName, s: file.size, a: ctx.newId(), by: 'customer' },
    expiresAt,
  );
  return { uploadUrl: `${links.origin}/v1/tickets/uploads/${token}?key=${site.publishableKey}`, expiresAt };
}

async function refuseWhenFull(ctx: ServiceContext, ticketId: string) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(ticketAttachments)
    .where(eq(ticketAttachments.ticketId, ticketId));
  if ((row?.n ?? 0) >= MAX_ATTACHMENTS_PER_TICKET) {
    throw conflict('too_many_attachments', `A ticket holds at most ${MAX_ATTACHMENTS_PER_TICKET} files`);
  }
}

/** What an upload link grants, once verified. */
export interface UploadGrant {
  ticketId: string;
  fileName: string;
  size: number;
  attachmentId: string;
  by: 'customer' | 'staff';
}

/** The grant of a valid upload link; 404 for anything else, like a wrong ticket id. */
export async function verifyUpload(ctx: ServiceContext, site: Site, token: string): Promise<UploadGrant> {
  const p = await verifyLink(site.visitorTokenSecret, 'upload', token, ctx.now());
  if (
    !p ||
    typeof p.t !== 'string' ||
    typeof p.n !== 'string' ||
    typeof p.s !== 'number' ||
    typeof p.a !== 'string' ||
    (p.by !== 'customer' && p.by !== 'staff')
  ) {
    throw notFound('This upload link is invalid or has expired');
  }
  return { ticketId: p.t, fileName: p.n, size: p.s, attachmentId: p.a, by: p.by };
}

/**
 * Stores the bytes of an upload: the size must be what the link was made for (at most 10 MB)
 * and the content one of the accepted types by its first bytes. The link works once.
 */
export async function storeUpload(
  ctx: ServiceContext,
  site: Site,
  storage: BlobStorage,
  grant: UploadGrant,
  bytes: Uint8Array,
  links: LinkBase,
): Promise<AttachmentView> {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES || bytes.byteLength !== grant.size) {
    throw new ApiError(413, 'size_mismatch', 'The file is not the size announced, or larger than 10 MB');
  }
  const contentType = sniffType(bytes);
  if (!contentType) {
    throw new ApiError(415, 'unsupported_file_type', 'Attach a JPEG, PNG, WebP or GIF picture or a PDF');
  }
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.siteId, site.id), eq(tickets.id, grant.ticketId)),
  });
  if (!ticket) throw notFound('No such ticket');
  const used = await ctx.db.query.ticketAttachments.findFirst({
    columns: { id: true },
    where: eq(ticketAttachments.id, grant.attachmentId),
  });
  if (used) throw conflict('upload_used', 'This upload link was used already');
  await refuseWhenFull(ctx, ticket.id);
  const key = `${site.id}/${ticket.id}/${grant.attachmentId}`;
  await storage.put(key, bytes, contentType);
  const now = ctx.now();
  const inserted = await ctx.db
    .insert(ticketAttachments)
    .values({
      id: grant.attachmentId,
      siteId: site.id,
      ticketId: ticket.id,
      storageKey: key,
      fileName: grant.fileName,
      contentType,
      size: bytes.byteLength,
      uploadedBy: grant.by,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: ticketAttachments.id });
  if (inserted.length === 0) throw conflict('upload_used', 'This upload link was used already');
  await ctx.db.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id));
  const views = await attachmentsOf(ctx, site, ticket, links);
  const view = views.find((v) => v.id === grant.attachmentId);
  if (!view) throw new Error('attachment missing after insert');
  return view;
}

/** The file behind a valid download link; the storage is asked for only once the link checks out. */
export async function openFile(ctx: ServiceContext, site: Site, storageOf: () => BlobStorage, token: string) {
  const p = await verifyLink(site.visitorTokenSecret, 'file', token, ctx.now());
  if (!p || typeof p.a !== 'string') throw notFound('This link is invalid or has expired');
  const storage = storageOf();
  const row = await ctx.db.query.ticketAttachments.findFirst({
    where: and(eq(ticketAttachments.siteId, site.id), eq(ticketAttachments.id, p.a)),
  });
  const blob = row ? await storage.get(row.storageKey) : null;
  if (!row || !blob) throw notFound('This file is gone');
  return { row, blob };
}

/**
 * Statements that move a merged-away profile's tickets, events and ratings to the profile it
 * merges into. Keyed on the customer alone (its id is unique across sites) so each walks its
 * customer-led index.
 */
export function moveTicketsStatements(ctx: Pick<ServiceContext, 'db'>, from: string, to: string) {
  const { db } = ctx;
  return [
    db.update(tickets).set({ customerId: to }).where(eq(tickets.customerId, from)),
    db.update(ticketEvents).set({ customerId: to }).where(eq(ticketEvents.customerId, from)),
    db.update(ratings).set({ customerId: to }).where(eq(ratings.customerId, from)),
    db.update(satisfactionSurveys).set({ customerId: to }).where(eq(satisfactionSurveys.customerId, from)),
  ] as const;
}
