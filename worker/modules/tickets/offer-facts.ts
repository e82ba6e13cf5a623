import { and, eq, inArray } from 'drizzle-orm';
import { tickets } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Whether the customer has a request still open or waiting on them: offers are held back from a
 * customer with an unresolved complaint. Reads the customer's tickets through their index.
 */
export async function hasOpenComplaint(ctx: ServiceContext, siteId: string, customerId: string) {
  const [row] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.customerId, customerId),
        eq(tickets.siteId, siteId),
        inArray(tickets.status, ['open', 'pending']),
      ),
    )
    .limit(1);
  return row !== undefined;
}
