import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  customers,
  ratings,
  serviceSites,
  staff,
  ticketEvents,
  ticketMessages,
  tickets,
  type Site,
  type Staff,
  type Ticket,
} from '../../../db/schema/index.ts';
import type { TicketEventType, TicketStatus } from '../../contract/constants.ts';
import type {
  AttachmentView,
  CustomerService,
  QueuePage,
  QueueQuery,
  StaffTicket,
  TicketEventView,
  TicketUpdateRequest,
} from '../../contract/tickets.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { decodeQueueCursor, encodeQueueCursor } from './cursor.ts';
import { inScope, type TicketScope } from './scope.ts';
import { storeUpload } from './service.ts';
import type { BlobStorage } from './storage.ts';
import { PRIORITY_RANK, serviceSettingsOf, slaDue } from './settings.ts';
import {
  attachmentsOf,
  orderSummary,
  ratingOf,
  serviceSiteSummary,
  staffNames,
  threadOf,
  type LinkBase,
} from './views.ts';

/** Breached now: a target already missed, or passed while still waiting. */
function breachedSql(now: number): SQL {
  return sql`(${tickets.firstResponseBreached} = 1 OR ${tickets.resolutionBreached} = 1
    OR (${tickets.firstResponseAt} IS NULL AND ${tickets.firstResponseDueAt} < ${now})
    OR (${tickets.resolvedAt} IS NULL AND ${tickets.status} IN ('open', 'pending') AND ${tickets.resolutionDueAt} < ${now}))`;
}

/** Whether a ticket has missed a target, as of `now`. */
export function isBreached(t: Ticket, now: number): boolean {
  return (
    t.firstResponseBreached ||
    t.resolutionBreached ||
    (t.firstResponseAt === null && t.firstResponseDueAt < now) ||
    (t.resolvedAt === null && (t.status === 'open' || t.status === 'pending') && t.resolutionDueAt < now)
  );
}

/**
 * The queue: filters, most urgent first and oldest first within a priority, keyset pages. The
 * status, service-site and assignee indexes all end in (priority, created, id), so the walk
 * needs no sort when one of them is filtered on.
 */
export async function listQueue(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  query: QueueQuery,
): Promise<QueuePage> {
  const now = ctx.now();
  const after = query.cursor ? decodeQueueCursor(query.cursor) : null;
  if (scope !== null && query.serviceSiteId && !scope.includes(query.serviceSiteId)) {
    return {
      tickets: [],
      nextCursor: null,
      counts: await statusCounts(ctx, site, scope),
      countCap: COUNT_CAP,
    };
  }
  const serviceSiteIds = query.serviceSiteId ? [query.serviceSiteId] : scope;
  const statuses = query.status?.length ? query.status : undefined;
  const filters: (SQL | undefined)[] = [
    eq(tickets.siteId, site.id),
    serviceSiteIds ? inArray(tickets.serviceSiteId, [...serviceSiteIds]) : undefined,
    statuses ? inArray(tickets.status, statuses) : undefined,
    query.category ? eq(tickets.category, query.category) : undefined,
    query.priority ? eq(tickets.priorityRank, PRIORITY_RANK[query.priority]) : undefined,
    query.assignee === 'none'
      ? isNull(tickets.assigneeId)
      : query.assignee
        ? eq(tickets.assigneeId, query.assignee)
        : undefined,
    query.olderThanHours ? lte(tickets.createdAt, now - query.olderThanHours * 3600 * 1000) : undefined,
    query.breached === 'yes' ? breachedSql(now) : undefined,
    after
      ? or(
          gt(tickets.priorityRank, after.rank),
          and(eq(tickets.priorityRank, after.rank), gt(tickets.createdAt, after.createdAt)),
          and(
            eq(tickets.priorityRank, after.rank),
            eq(tickets.createdAt, after.createdAt),
            gt(tickets.id, after.id),
          ),
        )
      : undefined,
  ];
  const rows = await ctx.db
    .select({
      ticket: tickets,
      customerName: customers.name,
      customerEmail: customers.email,
      serviceSiteName: serviceSites.name,
      assigneeName: staff.name,
    })
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(serviceSites, eq(serviceSites.id, tickets.serviceSiteId))
    .leftJoin(staff, eq(staff.id, tickets.assigneeId))
    .where(and(...filters))
    .orderBy(asc(tickets.priorityRank), asc(tickets.createdAt), asc(tickets.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.ticket;
  return {
    tickets: page.map(({ ticket: t, ...r }) => ({
      id: t.id,
      reference: t.reference,
      subject: t.subject,
      category: t.category,
      status: t.status,
      priority: t.priority,
      customerId: t.customerId,
      customerName: r.customerName ?? t.contactName ?? r.customerEmail ?? t.contactEmail,
      serviceSiteId: t.serviceSiteId,
      serviceSiteName: r.serviceSiteName,
      assigneeId: t.assigneeId,
      assigneeName: r.assigneeName,
      createdAt: t.createdAt,
      firstResponseDueAt: t.firstResponseDueAt,
      resolutionDueAt: t.resolutionDueAt,
      breached: isBreached(t, now),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ rank: last.priorityRank, createdAt: last.createdAt, id: last.id })
        : null,
    counts: await statusCounts(ctx, site, scope),
    countCap: COUNT_CAP,
  };
}

/** Counts stop here: the queue needs "how much work", not an exact figure for a huge archive. */
export const COUNT_CAP = 10_000;

/**
 * Tickets per status within the scope, each an index range read at most {@link COUNT_CAP}
 * entries far, so the counts cost the same at 100,000 tickets as at 10,000.
 */
async function statusCounts(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
): Promise<Record<TicketStatus, number>> {
  const inScope = scope
    ? sql` AND ${tickets.serviceSiteId} IN (${sql.join(
        scope.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const one = (status: TicketStatus) =>
    sql`(SELECT count(*) FROM (SELECT 1 FROM ${tickets} WHERE ${tickets.siteId} = ${site.id} AND ${tickets.status} = ${status}${inScope} LIMIT ${COUNT_CAP}))`;
  const [row] = await ctx.db
    .select({
      open: sql<number>`${one('open')}`,
      pending: sql<number>`${one('pending')}`,
      resolved: sql<number>`${one('resolved')}`,
      closed: sql<number>`${one('closed')}`,
    })
    .from(sql`(SELECT 1)`);
  return row ?? { open: 0, pending: 0, resolved: 0, closed: 0 };
}

async function loadTicket(ctx: ServiceContext, site: Site, scope: TicketScope, id: string): Promise<Ticket> {
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.siteId, site.id), eq(tickets.id, id)),
  });
  if (!ticket) throw notFound('No such ticket');
  inScope(scope, ticket);
  return ticket;
}

/** A ticket's history, oldest first. */
async function historyOf(ctx: ServiceContext, ticket: Ticket): Promise<TicketEventView[]> {
  const rows = await ctx.db
    .select({
      type: ticketEvents.type,
      detail: ticketEvents.detail,
      at: ticketEvents.at,
      staffName: staff.name,
    })
    .from(ticketEvents)
    .leftJoin(staff, eq(staff.id, ticketEvents.staffId))
    .where(eq(ticketEvents.ticketId, ticket.id))
    .orderBy(asc(ticketEvents.id));
  return rows.map((r) => ({ ticketId: ticket.id, reference: ticket.reference, ...r }));
}

/** The whole ticket for staff: thread with notes, files, history, the customer's earlier tickets. */
export async function staffTicket(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  id: string,
  links: LinkBase,
): Promise<StaffTicket> {
  const t = await loadTicket(ctx, site, scope, id);
  const [messages, attachments, serviceSite, order, rating, events, earlierRows] = await Promise.all([
    threadOf(ctx, t, true),
    attachmentsOf(ctx, site, t, links),
    serviceSiteSummary(ctx, t.serviceSiteId),
    orderSummary(ctx, t.orderId),
    ratingOf(ctx, t.id),
    historyOf(ctx, t),
    ctx.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.customerId, t.customerId), eq(tickets.siteId, site.id)))
      .orderBy(desc(tickets.createdAt))
      .limit(21),
  ]);
  const earlier = earlierRows.filter((e) => e.id !== t.id).slice(0, 20);
  const names = await staffNames(
    ctx,
    earlier.map((e) => e.assigneeId),
  );
  return {
    id: t.id,
    reference: t.reference,
    customerId: t.customerId,
    category: t.category,
    subject: t.subject,
    body: t.body,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    tags: t.tags,
    contactEmail: t.contactEmail,
    contactName: t.contactName,
    order,
    productSku: t.productSku,
    serviceSite,
    distanceM: t.distanceM,
    routingReason: t.routingReason,
    assigneeId: t.assigneeId,
    createdAt: t.createdAt,
    firstResponseAt: t.firstResponseAt,
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    firstResponseDueAt: t.firstResponseDueAt,
    resolutionDueAt: t.resolutionDueAt,
    firstResponseBreached: t.firstResponseBreached,
    resolutionBreached: t.resolutionBreached,
    messages,
    attachments,
    rating,
    events,
    earlier: earlier.map((e) => ({
      id: e.id,
      reference: e.reference,
      subject: e.subject,
      status: e.status,
      createdAt: e.createdAt,
      handledBy: e.assigneeId ? (names.get(e.assigneeId) ?? null) : null,
    })),
  };
}

/** The columns a status change sets: resolution and closing times, breach flags, reopening. */
function statusChange(t: Ticket, status: TicketStatus, now: number): Partial<Ticket> {
  if (status === t.status) return {};
  if (status === 'resolved') {
    return { status, resolvedAt: now, resolutionBreached: now > t.resolutionDueAt };
  }
  if (status === 'closed') return { status, closedAt: now, resolvedAt: t.resolvedAt ?? now };
  return { status, resolvedAt: null, closedAt: null };
}

function eventsForStatus(from: TicketStatus, to: TicketStatus): TicketEventType[] {
  if (from === to) return [];
  return to === 'resolved' ? ['resolved'] : ['status_changed'];
}

/**
 * A staff reply (the customer sees it) or an internal note (nobody but staff ever does). A
 * reply is the first response if none came yet, and puts an open ticket to pending unless a
 * status is given.
 */
export async function staffMessage(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  member: Staff,
  id: string,
  input: { body: string; internal: boolean; status?: TicketStatus | undefined },
  links: LinkBase,
): Promise<StaffTicket> {
  const t = await loadTicket(ctx, site, scope, id);
  const now = ctx.now();
  const status = input.status ?? (input.internal || t.status !== 'open' ? t.status : 'pending');
  const base = { siteId: site.id, customerId: t.customerId, ticketId: t.id, staffId: member.id, at: now };
  const firstResponse =
    !input.internal && t.firstResponseAt === null
      ? { firstResponseAt: now, firstResponseBreached: now > t.firstResponseDueAt }
      : {};
  await ctx.db.batch([
    ctx.db.insert(ticketMessages).values({
      id: ctx.newId(),
      siteId: site.id,
      ticketId: t.id,
      kind: input.internal ? 'note' : 'staff',
      staffId: member.id,
      body: input.body,
      createdAt: now,
    }),
    ctx.db
      .update(tickets)
      .set({
        updatedAt: now,
        ...firstResponse,
        ...(input.internal ? {} : { lastStaffReplyAt: now }),
        ...statusChange(t, status, now),
      })
      .where(eq(tickets.id, t.id)),
    ...(input.internal
      ? []
      : [ctx.db.insert(ticketEvents).values({ ...base, type: 'staff_replied' as const })]),
    ...eventsForStatus(t.status, status).map((type) =>
      ctx.db.insert(ticketEvents).values({ ...base, type, detail: status }),
    ),
  ]);
  return staffTicket(ctx, site, scope, id, links);
}

/** Changes status, priority, assignee, service site or tags. */
export async function updateTicket(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  member: Staff,
  id: string,
  input: TicketUpdateRequest,
  links: LinkBase,
): Promise<StaffTicket> {
  const t = await loadTicket(ctx, site, scope, id);
  const now = ctx.now();
  if (input.assigneeId) {
    const assignee = await ctx.db.query.staff.findFirst({ where: eq(staff.id, input.assigneeId) });
    if (!assignee?.active) throw badRequest('unknown_staff', 'No active member with that id');
  }
  if (input.serviceSiteId) {
    const target = await ctx.db.query.serviceSites.findFirst({
      where: and(eq(serviceSites.siteId, site.id), eq(serviceSites.id, input.serviceSiteId)),
    });
    if (!target) throw badRequest('unknown_service_site', 'No such service site');
  }
  const priority = input.priority ?? t.priority;
  const settings = input.priority ? await serviceSettingsOf(ctx, site.id) : null;
  const base = { siteId: site.id, customerId: t.customerId, ticketId: t.id, staffId: member.id, at: now };
  const status = input.status ?? t.status;
  await ctx.db.batch([
    ctx.db
      .update(tickets)
      .set({
        updatedAt: now,
        ...statusChange(t, status, now),
        ...(input.priority && settings
          ? { priority, priorityRank: PRIORITY_RANK[priority], ...slaDue(settings, priority, t.createdAt) }
          : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
        ...(input.serviceSiteId
          ? { serviceSiteId: input.serviceSiteId, routingReason: 'manual' as const, distanceM: null }
          : {}),
        ...(input.tags ? { tags: [...new Set(input.tags)] } : {}),
      })
      .where(eq(tickets.id, t.id)),
    ...eventsForStatus(t.status, status).map((type) =>
      ctx.db.insert(ticketEvents).values({ ...base, type, detail: status }),
    ),
    ...(input.assigneeId !== undefined && input.assigneeId !== t.assigneeId
      ? [ctx.db.insert(ticketEvents).values({ ...base, type: 'assigned' as const, detail: input.assigneeId })]
      : []),
  ]);
  return staffTicket(ctx, site, scope, id, links);
}

/** The service side of a customer's 360: tickets and who handled them, the latest events, ratings. */
export async function customerService(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
): Promise<CustomerService> {
  const [rows, events, rated] = await Promise.all([
    ctx.db
      .select({
        id: tickets.id,
        reference: tickets.reference,
        subject: tickets.subject,
        status: tickets.status,
        createdAt: tickets.createdAt,
        handledBy: staff.name,
      })
      .from(tickets)
      .leftJoin(staff, eq(staff.id, tickets.assigneeId))
      .where(and(eq(tickets.customerId, customerId), eq(tickets.siteId, siteId)))
      .orderBy(desc(tickets.createdAt))
      .limit(20),
    ctx.db
      .select({
        ticketId: ticketEvents.ticketId,
        reference: tickets.reference,
        type: ticketEvents.type,
        detail: ticketEvents.detail,
        at: ticketEvents.at,
        staffName: staff.name,
      })
      .from(ticketEvents)
      .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
      .leftJoin(staff, eq(staff.id, ticketEvents.staffId))
      .where(and(eq(ticketEvents.customerId, customerId), eq(ticketEvents.siteId, siteId)))
      .orderBy(desc(ticketEvents.at))
      .limit(50),
    ctx.db
      .select({
        kind: ratings.kind,
        stars: ratings.stars,
        comment: ratings.comment,
        createdAt: ratings.createdAt,
      })
      .from(ratings)
      .where(and(eq(ratings.customerId, customerId), eq(ratings.siteId, siteId)))
      .orderBy(desc(ratings.createdAt))
      .limit(20),
  ]);
  return { tickets: rows, events, ratings: rated };
}

/**
 * Attaches a file a member sends from the console to a ticket in their scope. The bytes come
 * with the request (same origin, behind the session), so no upload link is needed; they pass
 * the checks a customer's upload does (at most 10 MB, a picture or a PDF by its first bytes,
 * at most 10 files a ticket) and the customer sees the file with the ticket.
 */
export async function staffAttach(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  id: string,
  storage: BlobStorage,
  file: { fileName: string; bytes: Uint8Array },
  links: LinkBase,
): Promise<AttachmentView> {
  const ticket = await loadTicket(ctx, site, scope, id);
  const grant = {
    ticketId: ticket.id,
    fileName: file.fileName,
    size: file.bytes.byteLength,
    attachmentId: ctx.newId(),
    by: 'staff' as const,
  };
  return storeUpload(ctx, site, storage, grant, file.bytes, links);
}
