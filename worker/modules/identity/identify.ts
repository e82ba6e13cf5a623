import { and, eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../../db/prepared.ts';
import {
  customerStats,
  customers,
  designs,
  events,
  orders,
  sessions,
  visitors,
  type Customer,
  type Site,
  type Visitor,
} from '../../../db/schema/index.ts';
import type { IdentifyResponse, IdentityClaims } from '../../contract/identify.ts';
import { conflict } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { moveTicketsStatements } from '../tickets/service.ts';
import { addToDay } from '../reports/rollups.ts';
import { mergeStats } from '../profiles/stats.ts';
import { mergeOfferRows } from '../offers/merge.ts';

/** Profile fields an identity token may set; absent claims leave the stored value alone. */
function traits(claims: IdentityClaims) {
  return {
    ...(claims.email !== undefined ? { email: claims.email } : {}),
    ...(claims.name !== undefined ? { name: claims.name } : {}),
    ...(claims.phone !== undefined ? { phone: claims.phone } : {}),
  };
}

// Identify's reads, built once (see db/prepared.ts).
const customerById = preparedQuery((db) =>
  db.query.customers.findFirst({ where: eq(customers.id, sql.placeholder('id')) }).prepare(),
);
const customerByExternalId = preparedQuery((db) =>
  db.query.customers
    .findFirst({
      where: and(
        eq(customers.siteId, sql.placeholder('siteId')),
        eq(customers.externalId, sql.placeholder('externalId')),
      ),
    })
    .prepare(),
);

async function findByExternalId(ctx: ServiceContext, siteId: string, externalId: string) {
  return customerByExternalId(ctx.db).execute({ siteId, externalId });
}

/**
 * Links a visitor to the customer the identity token names. An anonymous profile is
 * promoted when the customer is new to us, or merged into the existing profile (events,
 * sessions, visitors and orders move; counters and category counts are added; the anonymous row goes).
 * A profile that is already someone else's is never merged from the browser.
 */
export async function identifyVisitor(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  claims: IdentityClaims,
): Promise<IdentifyResponse> {
  const now = ctx.now();
  const profile = await customerById(ctx.db).execute({ id: visitor.customerId });
  if (!profile)
    throw conflict('visitor_without_profile', 'This visitor has no profile; ask for a new visitor token');
  if (profile.externalId !== null) {
    if (profile.externalId !== claims.sub) {
      throw conflict('already_identified', 'This visitor belongs to another customer; log out first');
    }
    await ctx.db
      .update(customers)
      .set({ ...traits(claims), lastSeenAt: now })
      .where(eq(customers.id, profile.id));
    return { status: 'unchanged' };
  }
  const known = await findByExternalId(ctx, site.id, claims.sub);
  if (!known) {
    try {
      await ctx.db.batch([
        ctx.db
          .update(customers)
          .set({ ...traits(claims), externalId: claims.sub, identifiedAt: now, lastSeenAt: now })
          .where(eq(customers.id, profile.id)),
        addToDay(ctx.db, site.id, now, { identified: 1 }),
      ]);
      return { status: 'promoted' };
    } catch (error) {
      // Another request identified the same customer first: merge into that profile instead.
      const winner = await findByExternalId(ctx, site.id, claims.sub);
      if (!winner) throw error;
      return merge(ctx, site, profile, winner, claims);
    }
  }
  return merge(ctx, site, profile, known, claims);
}

async function merge(
  ctx: ServiceContext,
  site: Site,
  anonymous: Customer,
  target: Customer,
  claims: IdentityClaims,
): Promise<IdentifyResponse> {
  const { db } = ctx;
  const from = anonymous.id;
  const to = target.id;
  // The anonymous profile's rows move by plain SQL with values: built in microseconds, where a
  // query builder per table took a tenth of a millisecond each of the server's thread.
  const move = (table: typeof events | typeof sessions | typeof visitors | typeof orders | typeof designs) =>
    db.run(sql`UPDATE ${table} SET customer_id = ${to} WHERE site_id = ${site.id} AND customer_id = ${from}`);
  await db.batch([
    move(events),
    move(sessions),
    move(visitors),
    move(orders),
    move(designs),
    db
      .update(customers)
      .set({
        ...traits(claims),
        firstSeenAt: Math.min(target.firstSeenAt, anonymous.firstSeenAt),
        lastSeenAt: sql`max(${customers.lastSeenAt}, ${ctx.now()})`,
      })
      .where(eq(customers.id, to)),
    db.run(
      sql`INSERT INTO ${customerStats} (customer_id, site_id) VALUES (${to}, ${site.id}) ON CONFLICT DO NOTHING`,
    ),
    ...mergeStats(db, from, to),
    ...moveTicketsStatements(ctx, from, to),
    ...mergeOfferRows(db, site.id, from, to),
    // Its stats and category rows go with it (cascade); every other row has moved above.
    db.run(sql`DELETE FROM ${customers} WHERE id = ${from}`),
  ]);
  return { status: 'merged' };
}
