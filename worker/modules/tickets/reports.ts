import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { ratings, serviceSites, tickets, type Site } from '../../../db/schema/index.ts';
import type { CsatRow, ServiceReport } from '../../contract/tickets.ts';
import type { ServiceContext } from '../context.ts';
import type { TicketScope } from './scope.ts';

const DAY = 24 * 3600 * 1000;

/** The median of `values`, or null for none (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** CSAT per key: the share of 4- and 5-star ratings, and the mean. */
export function csatRows(
  rows: readonly { key: string | null; stars: number }[],
  labelOf: (key: string) => string,
): CsatRow[] {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = r.key ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r.stars]);
  }
  return [...groups.entries()]
    .map(([key, stars]) => ({
      key,
      label: labelOf(key),
      ratings: stars.length,
      csat: stars.filter((s) => s >= 4).length / stars.length,
      meanStars: stars.reduce((a, b) => a + b, 0) / stars.length,
    }))
    .sort((a, b) => b.ratings - a.ratings || a.label.localeCompare(b.label));
}

/**
 * The service report over the last `days` UTC days: tickets opened in the window (medians of
 * first response and resolution, SLA breaches, volume per day and category) and ticket ratings
 * given in it (CSAT per service site and category). Within a member's scope. Counts and breaches
 * are aggregated in SQL; only the two durations of each ticket come back for the medians.
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
  // Two passes over the window: counts and breaches per day and category, then the durations.
  const [groups, durations, rated, names] = await Promise.all([
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
    ctx.db
      .select({
        firstResponse: sql<number | null>`${tickets.firstResponseAt} - ${tickets.createdAt}`,
        resolution: sql<number | null>`${tickets.resolvedAt} - ${tickets.createdAt}`,
      })
      .from(tickets)
      .where(window),
    ctx.db
      .select({ serviceSiteId: ratings.serviceSiteId, category: ratings.category, stars: ratings.stars })
      .from(ratings)
      .where(
        and(
          eq(ratings.siteId, site.id),
          eq(ratings.kind, 'ticket'),
          gte(ratings.createdAt, from),
          lt(ratings.createdAt, to),
          scope ? inArray(ratings.serviceSiteId, [...scope]) : undefined,
        ),
      ),
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
    csatBySite: csatRows(
      rated.map((r) => ({ key: r.serviceSiteId, stars: r.stars })),
      (key) => siteName.get(key) ?? '—',
    ),
    csatByCategory: csatRows(
      rated.map((r) => ({ key: r.category, stars: r.stars })),
      (key) => key || '—',
    ),
    medianFirstResponseMs: median(
      durations.flatMap((d) => (d.firstResponse === null ? [] : [d.firstResponse])),
    ),
    medianResolutionMs: median(durations.flatMap((d) => (d.resolution === null ? [] : [d.resolution]))),
    breaches: {
      firstResponse: groups.reduce((n, g) => n + g.firstResponse, 0),
      resolution: groups.reduce((n, g) => n + g.resolution, 0),
    },
    volume: groups.map(({ day, category, count }) => ({ day, category, count })),
  };
}
