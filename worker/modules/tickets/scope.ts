import { and, eq } from 'drizzle-orm';
import { staffServiceSites, type Staff, type Ticket } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../../http/errors.ts';

/** The service sites a member sees tickets of: `null` for all of them. */
export type TicketScope = readonly string[] | null;

/**
 * A service-role member with service sites assigned sees only those sites' tickets; every
 * other member (and a service member with none assigned) sees the whole site.
 */
export async function ticketScope(
  ctx: ServiceContext,
  siteId: string,
  member: Staff | null,
): Promise<TicketScope> {
  if (!member || member.role !== 'service') return null;
  const rows = await ctx.db
    .select({ id: staffServiceSites.serviceSiteId })
    .from(staffServiceSites)
    .where(and(eq(staffServiceSites.staffId, member.id), eq(staffServiceSites.siteId, siteId)));
  return rows.length === 0 ? null : rows.map((r) => r.id);
}

/** Refuses (as not found) a ticket outside the member's scope. */
export function inScope(scope: TicketScope, ticket: Ticket): void {
  if (scope !== null && (ticket.serviceSiteId === null || !scope.includes(ticket.serviceSiteId))) {
    throw notFound('No such ticket');
  }
}
