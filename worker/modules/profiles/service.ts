import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import {
  customerStats,
  customers,
  events,
  type CustomerStats,
  type Site,
  type Visitor,
} from '../../../db/schema/index.ts';
import type { CustomerList, CustomerProfile, CustomerSearch } from '../../contract/customers.ts';
import type { MeResponse, RecentPage } from '../../contract/me.ts';
import { badRequest, notFound, unauthorized } from '../../http/errors.ts';
import { base64url, fromBase64url } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import { recentOrders } from '../orders/queries.ts';
import { productionStatuses } from '../configurator/service.ts';

const RECENT_PAGES = 10;
const RECENT_ORDERS = 5;

async function recentPages(ctx: ServiceContext, siteId: string, customerId: string): Promise<RecentPage[]> {
  const rows = await ctx.db
    .select({ path: events.path, title: events.title, viewedAt: events.clientTs, dwellMs: events.dwellMs })
    .from(events)
    .where(and(eq(events.siteId, siteId), eq(events.customerId, customerId), eq(events.type, 'page_view')))
    .orderBy(desc(events.id))
    .limit(RECENT_PAGES);
  return rows.map((r) => ({ path: r.path ?? '/', title: r.title, viewedAt: r.viewedAt, dwellMs: r.dwellMs }));
}

async function load(ctx: ServiceContext, siteId: string, customerId: string) {
  const [row] = await ctx.db
    .select({ customer: customers, stats: customerStats })
    .from(customers)
    .leftJoin(customerStats, eq(customerStats.customerId, customers.id))
    .where(and(eq(customers.siteId, siteId), eq(customers.id, customerId)));
  return row;
}

/**
 * The profile a visitor may read as "me". An identified profile also needs the identity
 * token of that same customer, so a leaked visitor token alone reveals nobody.
 */
export async function myCustomerId(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  identityToken: string | undefined,
): Promise<string> {
  const profile = await ctx.db.query.customers.findFirst({
    columns: { externalId: true },
    where: eq(customers.id, visitor.customerId),
  });
  if (profile?.externalId != null) {
    if (!identityToken) throw unauthorized('identity_required', 'This profile needs the identity token too');
    const claims = await verifyIdentityToken(ctx, site, identityToken);
    if (claims.sub !== profile.externalId) {
      throw unauthorized('identity_mismatch', 'The identity token names another customer');
    }
  }
  return visitor.customerId;
}

/** The card's view of a profile: enough to greet and remind, nothing more. */
export async function myProfile(ctx: ServiceContext, site: Site, customerId: string): Promise<MeResponse> {
  const row = await load(ctx, site.id, customerId);
  if (!row) throw notFound('Profile not found');
  const [orderList, pages] = await Promise.all([
    recentOrders(ctx, site.id, customerId, RECENT_ORDERS),
    recentPages(ctx, site.id, customerId),
  ]);
  const production = await productionStatuses(
    ctx,
    orderList.map((o) => o.id),
  );
  return {
    identified: row.customer.externalId !== null,
    name: row.customer.name,
    memberSince: row.customer.identifiedAt ?? row.customer.firstSeenAt,
    pageViews: row.stats?.pageViews ?? 0,
    orders: row.stats?.orders ?? 0,
    recentOrders: orderList.map((o) => ({
      reference: o.reference,
      placedAt: o.placedAt,
      totalCents: o.totalCents,
      currency: o.currency,
      items: o.items.map((i) => ({ name: i.name, quantity: i.quantity })),
      ...(production.has(o.id) ? { production: production.get(o.id) } : {}),
    })),
    recentPages: pages,
  };
}

/** A profile's running totals as staff read them; a profile without its row yet has zeros. */
export function statsView(stats: CustomerStats | null | undefined): CustomerProfile['stats'] {
  return {
    pageViews: stats?.pageViews ?? 0,
    totalDwellMs: stats?.totalDwellMs ?? 0,
    sessions: stats?.sessions ?? 0,
    orders: stats?.orders ?? 0,
    revenueCents: stats?.revenueCents ?? 0,
    lastOrderAt: stats?.lastOrderAt ?? null,
    topCategories: stats?.topCategories ?? [],
  };
}

/** The whole profile for staff. */
export async function customerProfile(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
): Promise<CustomerProfile> {
  const row = await load(ctx, site.id, customerId);
  if (!row) throw notFound(`No customer ${customerId}`);
  const { customer, stats } = row;
  const [orderList, pages] = await Promise.all([
    recentOrders(ctx, site.id, customerId, 20),
    recentPages(ctx, site.id, customerId),
  ]);
  return {
    id: customer.id,
    externalId: customer.externalId,
    email: customer.email,
    name: customer.name,
    phone: customer.phone,
    attributes: customer.attributes,
    consent: customer.consent,
    firstSeenAt: customer.firstSeenAt,
    lastSeenAt: customer.lastSeenAt,
    identifiedAt: customer.identifiedAt,
    stats: statsView(stats),
    recentOrders: orderList,
    recentPages: pages,
  };
}

/** Reads a keyset cursor: the sort key and id of the last row of the previous page. */
export function decodeCursor(cursor: string): { lastSeenAt: number; id: string } {
  const bytes = fromBase64url(cursor);
  const [at, id] = bytes ? new TextDecoder().decode(bytes).split('|') : [];
  const lastSeenAt = Number(at);
  if (!id || !Number.isSafeInteger(lastSeenAt))
    throw badRequest('invalid_cursor', 'cursor is not one this API gave');
  return { lastSeenAt, id };
}

/** A keyset cursor after a row with this sort key and id. */
export function encodeCursor(key: number, id: string): string {
  return base64url(new TextEncoder().encode(`${key}|${id}`));
}

/** Above every character, so `[q, q + MAX_CHAR)` holds exactly the strings starting with q. */
const MAX_CHAR = sql`char(1114111)`;

/**
 * Customers of the site matching the query, each through its own index: the external id
 * exactly, the email or the name by prefix (ASCII case ignored, as a range over an index on
 * lower(…): no LIKE, so no pattern limit on D1). The cost follows the matches, not the site's
 * customers.
 */
export function searchMatch(siteId: string, q: string): SQL {
  const prefix = (column: SQL) =>
    sql`SELECT rowid FROM customers WHERE site_id = ${siteId} AND lower(${column}) >= lower(${q}) AND lower(${column}) < lower(${q}) || ${MAX_CHAR}`;
  return sql`${customers}.rowid IN (
    SELECT rowid FROM customers WHERE site_id = ${siteId} AND external_id = ${q}
    UNION ALL ${prefix(sql`email`)}
    UNION ALL ${prefix(sql`name`)})`;
}

/**
 * Staff search: identified customers matching an email or external id exactly or a name
 * or email prefix, most recently seen first, paged with an opaque keyset cursor.
 */
export async function searchCustomers(
  ctx: ServiceContext,
  site: Site,
  query: CustomerSearch,
): Promise<CustomerList> {
  const q = query.q?.trim();
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await ctx.db
    .select({
      id: customers.id,
      externalId: customers.externalId,
      email: customers.email,
      name: customers.name,
      lastSeenAt: customers.lastSeenAt,
      orders: sql<number>`coalesce(${customerStats.orders}, 0)`,
      revenueCents: sql<number>`coalesce(${customerStats.revenueCents}, 0)`,
    })
    .from(customers)
    .leftJoin(customerStats, eq(customerStats.customerId, customers.id))
    .where(
      and(
        // With a query the matches name the rows (already of this site); without one the
        // site's most recently seen come first through (site_id, last_seen_at).
        q ? searchMatch(site.id, q) : eq(customers.siteId, site.id),
        isNotNull(customers.externalId),
        // A row value, so the next page seeks in (site_id, last_seen_at, id) instead of walking
        // past the earlier pages.
        after
          ? sql`(${customers.lastSeenAt}, ${customers.id}) < (${after.lastSeenAt}, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(customers.lastSeenAt), desc(customers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.lastSeenAt, last.id) : null;
  return { customers: page, nextCursor };
}

/** Records the visitor's consent choice on their profile, for every team that reads it. */
export async function recordConsent(
  ctx: ServiceContext,
  customerId: string,
  granted: boolean,
): Promise<void> {
  await ctx.db
    .update(customers)
    .set({ consent: granted ? 'granted' : 'denied' })
    .where(eq(customers.id, customerId));
}
