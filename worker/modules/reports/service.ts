import { and, desc, eq, gt, gte, sql } from 'drizzle-orm';
import {
  customers,
  events,
  products,
  siteDaily,
  siteDailyPages,
  siteDailyProducts,
  type Site,
} from '../../../db/schema/index.ts';
import type { Activity, Overview } from '../../contract/console.ts';
import type { ServiceContext } from '../context.ts';
import { utcDay } from './rollups.ts';

const DAY_MS = 24 * 3600 * 1000;
const TOP = 10;
const ACTIVITY_ROWS = 50;
/** How far back, in events of the whole installation, live activity looks. */
const ACTIVITY_WINDOW = 10_000;

/** The console's home: a site's last `days` days from the daily rollups, today included. */
export async function overview(ctx: ServiceContext, site: Site, days: number): Promise<Overview> {
  const first = utcDay(ctx.now() - (days - 1) * DAY_MS);
  const inWindow = (table: typeof siteDaily | typeof siteDailyPages | typeof siteDailyProducts) =>
    and(eq(table.siteId, site.id), gte(table.day, first));
  const [daily, topPages, topProducts] = await Promise.all([
    ctx.db.select().from(siteDaily).where(inWindow(siteDaily)).orderBy(siteDaily.day),
    ctx.db
      .select({ path: siteDailyPages.path, views: sql<number>`sum(${siteDailyPages.views})` })
      .from(siteDailyPages)
      .where(inWindow(siteDailyPages))
      .groupBy(siteDailyPages.path)
      .orderBy(desc(sql`2`), siteDailyPages.path)
      .limit(TOP),
    ctx.db
      .select({
        sku: siteDailyProducts.sku,
        name: products.name,
        views: sql<number>`sum(${siteDailyProducts.views})`,
        orders: sql<number>`sum(${siteDailyProducts.orders})`,
      })
      .from(siteDailyProducts)
      .leftJoin(
        products,
        and(eq(products.siteId, siteDailyProducts.siteId), eq(products.sku, siteDailyProducts.sku)),
      )
      .where(inWindow(siteDailyProducts))
      .groupBy(siteDailyProducts.sku)
      .orderBy(desc(sql`3 + 4`), siteDailyProducts.sku)
      .limit(TOP),
  ]);
  // Every day of the window, zeros included, so charts have no gaps.
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = utcDay(ctx.now() - (days - 1 - i) * DAY_MS);
    const row = byDay.get(day);
    return {
      day,
      pageViews: row?.pageViews ?? 0,
      sessions: row?.sessions ?? 0,
      orders: row?.orders ?? 0,
      revenueCents: row?.revenueCents ?? 0,
    };
  });
  const sum = (pick: (d: (typeof daily)[number]) => number) => daily.reduce((total, d) => total + pick(d), 0);
  return {
    days,
    totals: {
      visitors: sum((d) => d.newVisitors),
      pageViews: sum((d) => d.pageViews),
      sessions: sum((d) => d.sessions),
      identified: sum((d) => d.identified),
      orders: sum((d) => d.orders),
      revenueCents: sum((d) => d.revenueCents),
    },
    daily: series,
    topPages,
    topProducts: topProducts.map((p) => ({ ...p, views: p.views, orders: p.orders })),
  };
}

/** The latest events across the site, newer than `after` when polling. */
export async function activity(
  ctx: ServiceContext,
  site: Site,
  after: number | undefined,
): Promise<Activity> {
  const rows = await ctx.db
    .select({
      id: events.id,
      at: events.serverTs,
      type: events.type,
      path: events.path,
      name: events.name,
      customerId: events.customerId,
      customerName: customers.name,
    })
    .from(events)
    .innerJoin(customers, eq(customers.id, events.customerId))
    .where(
      and(
        // A window over the newest rows of the table (a range of its integer key): live activity
        // shows what just happened, and no index has to lead with the site for it, which would
        // tempt the planner away from the customer-led index every profile read relies on.
        sql`${events.id} > (SELECT max(id) FROM events) - ${ACTIVITY_WINDOW}`,
        eq(events.siteId, site.id),
        after !== undefined ? gt(events.id, after) : undefined,
      ),
    )
    .orderBy(desc(events.id))
    .limit(ACTIVITY_ROWS);
  return { events: rows };
}
