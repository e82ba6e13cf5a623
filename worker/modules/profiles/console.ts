import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { customerStats, customers, events, products, sessions, type Site } from '../../../db/schema/index.ts';
import type {
  Customer360,
  CustomerListQuery,
  CustomerPage,
  TimelineEvent,
  TimelineSession,
} from '../../contract/console.ts';
import { notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { recentOrders } from '../orders/queries.ts';
import { customerService } from '../tickets/staff.ts';
import { decodeCursor, encodeCursor, searchMatch, statsView } from './service.ts';

/** Sessions the 360 shows at once; older ones come page by page. */
const TIMELINE_SESSIONS = 10;
/** Events read for one page of the timeline at most, so a bot-like session cannot blow it up. */
const TIMELINE_EVENTS = 2000;
const ORDERS_SHOWN = 20;

/** The column each sort reads, all descending with the id breaking ties (keyset paging). */
const SORT_KEYS = {
  lastSeen: customers.lastSeenAt,
  firstSeen: customers.firstSeenAt,
  revenue: customerStats.revenueCents,
  orders: customerStats.orders,
} as const;

/**
 * The console's customer list: search, filters, a sort, keyset paging. Sorting by revenue or
 * orders walks customer_stats' own (site, key) index; by time, customers'.
 */
export async function listCustomers(
  ctx: ServiceContext,
  site: Site,
  query: CustomerListQuery,
): Promise<CustomerPage> {
  const key = SORT_KEYS[query.sort];
  const bySort = key === customerStats.revenueCents || key === customerStats.orders;
  const idColumn = bySort ? customerStats.customerId : customers.id;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const filters: (SQL | undefined)[] = [
    eq(bySort ? customerStats.siteId : customers.siteId, site.id),
    query.q ? searchMatch(site.id, query.q) : undefined,
    query.identified === 'yes' ? isNotNull(customers.externalId) : undefined,
    query.identified === 'no' ? isNull(customers.externalId) : undefined,
    query.hasOrders === 'yes' ? gt(customerStats.orders, 0) : undefined,
    query.hasOrders === 'no' ? eq(customerStats.orders, 0) : undefined,
    query.seenSince !== undefined ? gte(customers.lastSeenAt, query.seenSince) : undefined,
    after ? or(lt(key, after.lastSeenAt), and(eq(key, after.lastSeenAt), lt(idColumn, after.id))) : undefined,
  ];
  const columns = {
    // Typed as the rows are: every stats row has its profile (a cascading foreign key).
    id: sql<string>`${customers.id}`,
    externalId: sql<string | null>`${customers.externalId}`,
    name: sql<string | null>`${customers.name}`,
    email: sql<string | null>`${customers.email}`,
    firstSeenAt: sql<number>`${customers.firstSeenAt}`,
    lastSeenAt: sql<number>`${customers.lastSeenAt}`,
    pageViews: sql<number>`coalesce(${customerStats.pageViews}, 0)`,
    orders: sql<number>`coalesce(${customerStats.orders}, 0)`,
    revenueCents: sql<number>`coalesce(${customerStats.revenueCents}, 0)`,
    sortKey: sql<number>`${key}`,
  };
  // A LEFT JOIN fixes the order of the join, so the table whose index gives the sort is walked
  // first and the limit stops the walk; every profile has its stats row, so nothing is lost.
  const base = bySort
    ? ctx.db
        .select(columns)
        .from(customerStats)
        .leftJoin(customers, eq(customers.id, customerStats.customerId))
    : ctx.db
        .select(columns)
        .from(customers)
        .leftJoin(customerStats, eq(customerStats.customerId, customers.id));
  const rows = await base
    .where(and(...filters))
    .orderBy(desc(key), desc(idColumn))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    customers: page.map((row) => ({
      id: row.id,
      externalId: row.externalId,
      name: row.name,
      email: row.email,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      pageViews: row.pageViews,
      orders: row.orders,
      revenueCents: row.revenueCents,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}

/** A page of a customer's sessions, newest first, each with its events in the order made. */
export async function timeline(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  before: string | undefined,
): Promise<{ sessions: TimelineSession[]; nextCursor: string | null }> {
  const cursor = before ? decodeCursor(before) : undefined;
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.siteId, site.id),
        eq(sessions.customerId, customerId),
        cursor
          ? or(
              lt(sessions.startedAt, cursor.lastSeenAt),
              and(eq(sessions.startedAt, cursor.lastSeenAt), lt(sessions.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(sessions.startedAt), desc(sessions.id))
    .limit(TIMELINE_SESSIONS + 1);
  const shown = rows.slice(0, TIMELINE_SESSIONS);
  const ids = shown.map((s) => s.id);
  // Newest events first through the (site, customer, id) index: the newest sessions' events
  // are reached first, and the limit bounds the walk.
  const eventRows = ids.length
    ? await ctx.db
        .select({
          sessionId: events.sessionId,
          seq: events.seq,
          type: events.type,
          at: events.clientTs,
          path: events.path,
          title: events.title,
          name: events.name,
          dwellMs: events.dwellMs,
          sku: sql<string | null>`json_extract(${events.properties}, '$.sku')`,
          productName: products.name,
        })
        .from(events)
        .leftJoin(
          products,
          and(
            eq(products.siteId, events.siteId),
            eq(products.sku, sql`json_extract(${events.properties}, '$.sku')`),
          ),
        )
        .where(
          and(eq(events.siteId, site.id), eq(events.customerId, customerId), inArray(events.sessionId, ids)),
        )
        .orderBy(desc(events.id))
        .limit(TIMELINE_EVENTS)
    : [];
  const bySession = new Map<string, TimelineEvent[]>();
  for (const { sessionId, ...event } of eventRows) {
    const list = bySession.get(sessionId) ?? [];
    list.push({ ...event, sku: typeof event.sku === 'string' ? event.sku : null });
    bySession.set(sessionId, list);
  }
  const last = shown.at(-1);
  return {
    sessions: shown.map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      pageViews: s.pageViews,
      dwellMs: s.dwellMs,
      events: (bySession.get(s.id) ?? []).sort((a, b) => a.seq - b.seq),
    })),
    nextCursor: rows.length > TIMELINE_SESSIONS && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}

/** The customer 360: contact and consent, totals, orders with their lines, the browsing timeline. */
export async function customer360(ctx: ServiceContext, site: Site, customerId: string): Promise<Customer360> {
  const [row] = await ctx.db
    .select({ customer: customers, stats: customerStats })
    .from(customers)
    .leftJoin(customerStats, eq(customerStats.customerId, customers.id))
    .where(and(eq(customers.siteId, site.id), eq(customers.id, customerId)));
  if (!row) throw notFound(`No customer ${customerId}`);
  const { customer, stats } = row;
  const [orders, browsing, service] = await Promise.all([
    recentOrders(ctx, site.id, customerId, ORDERS_SHOWN),
    timeline(ctx, site, customerId, undefined),
    customerService(ctx, site.id, customerId),
  ]);
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    consent: customer.consent,
    firstSeenAt: customer.firstSeenAt,
    lastSeenAt: customer.lastSeenAt,
    identifiedAt: customer.identifiedAt,
    stats: statsView(stats),
    orders,
    timeline: browsing,
    service,
  };
}
