import { and, eq, sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Whether the customer has a request still open or waiting on them: offers are held back from a
 * customer with an unresolved complaint. Runs on every offer decision, so it reads the customer's
 * own tickets, a few, by their customer index: the `+`s keep SQLite off the site's status index,
 * which it would otherwise prefer (two columns matched, or a skip-scan on big-site statistics)
 * and which walks every open ticket of the site.
 */
export async function hasOpenComplaint(ctx: ServiceContext, siteId: string, customerId: string) {
  const [row] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.customerId, customerId),
        sql`+${tickets.siteId} = ${siteId}`,
        sql`+${tickets.status} IN (${'open'}, ${'pending'})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
