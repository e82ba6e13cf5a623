import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { ratings, serviceSites, tickets, type Site } from '../../../db/schema/index.ts';
import type { CsatRow, ServiceReport } from '../../contract/tickets.ts';
import type { ServiceContext } from '../context.ts';
import type { TicketScope } from './scope.ts';

const DAY = 24 * 3600 * 1000;

/** CSAT per key from its counts: the share of 4- and 5-star ratings, and the mean. */
function csatRows(
  rows: readonly { key: string | null; ratings: number; happy: number; stars: number }[],
  labelOf: (key: string) => string,
): CsatRow[] {
  return rows
    .map((r) => ({
      key: r.key ?? '',
      label: labelOf(r.key ?? ''),
      ratings: r.ratings,
      csat: r.happy / r.ratings,
      meanStars: r.stars / r.ratings,
    }))
    .sort((a, b) => b.ratings - a.ratings || a.label.localeCompare(b.label));
}

/**
 * The median of a duration over the window's tickets that have one, found by SQLite: the count,
 * then the middle one or two values of the sorted durations (the mean of two for an even
 * count). Only those come back, however many tickets the window holds.
 */
async function medianOf(ctx: ServiceContext, window: SQL | undefined, duration: SQL): Promise<number | null> {
  const [counted] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(tickets)
    .where(and(window, sql`${duration} IS NOT NULL`));
  const n = counted?.n ?? 0;
  if (n === 0) return null;
  const middle = await ctx.db
    .select({ d: sql<number>`${duration}` })
    .from(tickets)
    .where(and(window, sql`${duration} IS NOT NULL`))
    .orderBy(sql`1`)
    .limit(2 - (n % 2))
    .offset(Math.floor((n - 1) / 2));
  return middle.reduce((sum, row) => sum + row.d, 0) / middle.length;
}

/**
 * The service report over the last `days` UTC days: tickets opened in the window (medians of
 * first response and resolution, SLA breaches, volume per day and category) and ticket ratings
 * given in it (CSAT per service site and category). Within a member's scope.
 */
export async function serviceReport(
  ctx: ServiceContext,
  site: Site,
  scope: TicketScope,
  days: number,
): Promise<ServiceReport> {
  const now = ctx.now();
  const to = Math.floor(now / DAY) * DAY + DAY;
  const from = to - days * DAY;
  const window = and(
    eq(tickets.siteId, site.id),
    gte(tickets.createdAt, from),
    lt(tickets.createdAt, to),
    scope ? inArray(tickets.serviceSiteId, [...scope]) : undefined,
  );
  const ratedIn = and(
    eq(ratings.siteId, site.id),
    eq(ratings.kind, 'ticket'),
    gte(ratings.createdAt, from),
    lt(ratings.createdAt, to),
    scope ? inArray(ratings.serviceSiteId, [...scope]) : undefined,
  );
  const csat = {
    ratings: sql<number>`count(*)`,
    happy: sql<number>`sum(${ratings.stars} >= 4)`,
    stars: sql<number>`sum(${ratings.stars})`,
  };
  // Everything is aggregated in SQLite: counts and breaches per day and category, CSAT per
  // service site and category, and each median from the middle of its sorted durations.
  const [groups, firstResponse, resolution, bySite, byCategory, names] = await Promise.all([
    ctx.db
      .select({
        day: sql<string>`strftime('%Y-%m-%d', ${tickets.createdAt} / 1000, 'unixepoch')`,
        category: tickets.category,
        count: sql<number>`count(*)`,
        firstResponse: sql<number>`sum(${tickets.firstResponseBreached} = 1 OR (${tickets.firstResponseAt} IS NULL AND ${tickets.firstResponseDueAt} < ${now}))`,
        resolution: sql<number>`sum(${tickets.resolutionBreached} = 1 OR (${tickets.resolvedAt} IS NULL AND ${tickets.resolutionDueAt} < ${now}))`,
      })
      .from(tickets)
      .where(window)
      .groupBy(sql`1`, tickets.category)
      .orderBy(sql`1`, tickets.category),
    medianOf(ctx, window, sql`${tickets.firstResponseAt} - ${tickets.createdAt}`),
    medianOf(ctx, window, sql`${tickets.resolvedAt} - ${tickets.createdAt}`),
    ctx.db
      .select({ key: ratings.serviceSiteId, ...csat })
      .from(ratings)
      .where(ratedIn)
      .groupBy(ratings.serviceSiteId),
    ctx.db
      .select({ key: ratings.category, ...csat })
      .from(ratings)
      .where(ratedIn)
      .groupBy(ratings.category),
    ctx.db
      .select({ id: serviceSites.id, name: serviceSites.name })
      .from(serviceSites)
      .where(eq(serviceSites.siteId, site.id))
      .orderBy(serviceSites.name)
      .limit(10_000),
  ]);
  const siteName = new Map(names.map((n) => [n.id, n.name]));
  return {
    from,
    to,
    tickets: groups.reduce((n, g) => n + g.count, 0),
    csatBySite: csatRows(bySite, (key) => siteName.get(key) ?? '—'),
    csatByCategory: csatRows(byCategory, (key) => key || '—'),
    medianFirstResponseMs: firstResponse,
    medianResolutionMs: resolution,
    breaches: {
      firstResponse: groups.reduce((n, g) => n + g.firstResponse, 0),
      resolution: groups.reduce((n, g) => n + g.resolution, 0),
    },
    volume: groups.map(({ day, category, count }) => ({ day, category, count })),
  };
}
