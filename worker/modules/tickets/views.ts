import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import {
  orders,
  ratings,
  serviceSites,
  staff,
  ticketAttachments,
  ticketMessages,
  type Site,
  type Ticket,
} from '../../../db/schema/index.ts';
import type { AttachmentType } from '../../contract/constants.ts';
import type { AttachmentView, MessageView, ServiceSiteSummary } from '../../contract/tickets.ts';
import type { ServiceContext } from '../context.ts';
import { FILE_LINK_TTL_MS, signLink } from './links.ts';

/** Builds absolute links to this API (the caller knows the origin it was reached at). */
export interface LinkBase {
  /** e.g. `https://crm.example.com`, no trailing slash. */
  origin: string;
}

/** The thread of a ticket, oldest first; internal notes only for staff. */
export async function threadOf(
  ctx: ServiceContext,
  ticket: Ticket,
  forStaff: boolean,
): Promise<MessageView[]> {
  const rows = await ctx.db
    .select({
      id: ticketMessages.id,
      kind: ticketMessages.kind,
      body: ticketMessages.body,
      createdAt: ticketMessages.createdAt,
      author: staff.name,
    })
    .from(ticketMessages)
    .leftJoin(staff, eq(staff.id, ticketMessages.staffId))
    .where(
      and(eq(ticketMessages.ticketId, ticket.id), forStaff ? undefined : ne(ticketMessages.kind, 'note')),
    )
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
  return rows.map((r) => ({ ...r, author: r.kind === 'customer' ? null : r.author }));
}

/** A ticket's attachments, each with a short-lived signed link. */
export async function attachmentsOf(
  ctx: ServiceContext,
  site: Site,
  ticket: Ticket,
  base: LinkBase,
): Promise<AttachmentView[]> {
  const rows = await ctx.db
    .select()
    .from(ticketAttachments)
    .where(eq(ticketAttachments.ticketId, ticket.id))
    .orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.id));
  const expiresAt = ctx.now() + FILE_LINK_TTL_MS;
  return Promise.all(
    rows.map(async (a) => {
      const token = await signLink(site.visitorTokenSecret, 'file', { a: a.id }, expiresAt);
      return {
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType as AttachmentType,
        size: a.size,
        url: `${base.origin}/v1/tickets/files/${token}?key=${site.publishableKey}`,
        createdAt: a.createdAt,
      };
    }),
  );
}

/** The service site of a ticket as customers see it. */
export async function serviceSiteSummary(
  ctx: ServiceContext,
  id: string | null,
): Promise<ServiceSiteSummary | null> {
  if (!id) return null;
  const row = await ctx.db.query.serviceSites.findFirst({ where: eq(serviceSites.id, id) });
  return row ? { id: row.id, name: row.name, address: row.address, openingHours: row.openingHours } : null;
}

/** The order a ticket is about. */
export async function orderSummary(ctx: ServiceContext, id: string | null) {
  if (!id) return null;
  const row = await ctx.db.query.orders.findFirst({
    columns: { id: true, reference: true },
    where: eq(orders.id, id),
  });
  return row ?? null;
}

/** The rating of a ticket, if given. */
export async function ratingOf(ctx: ServiceContext, ticketId: string) {
  const row = await ctx.db.query.ratings.findFirst({ where: eq(ratings.ticketId, ticketId) });
  return row ? { stars: row.stars, comment: row.comment } : null;
}

/** Staff names by id. */
export async function staffNames(ctx: ServiceContext, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(inArray(staff.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
