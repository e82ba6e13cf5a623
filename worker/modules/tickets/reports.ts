import { and, eq, gte, inArray, lt } from 'drizzle-orm';
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
  const inScope = scope ? inArray(tickets.serviceSiteId, [...scope]) : undefined;
  const [rows, rated, names] = await Promise.all([
    ctx.db
      .select({
        category: tickets.category,
        createdAt: tickets.createdAt,
        firstResponseAt: tickets.firstResponseAt,
        resolvedAt: tickets.resolvedAt,
        firstResponseBreached: tickets.firstResponseBreached,
        resolutionBreached: tickets.resolutionBreached,
        firstResponseDueAt: tickets.firstResponseDueAt,
        resolutionDueAt: tickets.resolutionDueAt,
      })
      .from(tickets)
      .where(
        and(eq(tickets.siteId, site.id), gte(tickets.createdAt, from), lt(tickets.createdAt, to), inScope),
      ),
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
  const volume = new Map<string, { day: string; category: string; count: number }>();
  for (const r of rows) {
    const day = new Date(r.createdAt).toISOString().slice(0, 10);
    const key = `${day}|${r.category}`;
    const entry = volume.get(key) ?? { day, category: r.category, count: 0 };
    entry.count += 1;
    volume.set(key, entry);
  }
  return {
    from,
    to,
    tickets: rows.length,
    csatBySite: csatRows(
      rated.map((r) => ({ key: r.serviceSiteId, stars: r.stars })),
      (key) => siteName.get(key) ?? '—',
    ),
    csatByCategory: csatRows(
      rated.map((r) => ({ key: r.category, stars: r.stars })),
      (key) => key || '—',
    ),
    medianFirstResponseMs: median(
      rows.flatMap((r) => (r.firstResponseAt === null ? [] : [r.firstResponseAt - r.createdAt])),
    ),
    medianResolutionMs: median(
      rows.flatMap((r) => (r.resolvedAt === null ? [] : [r.resolvedAt - r.createdAt])),
    ),
    breaches: {
      firstResponse: rows.filter(
        (r) => r.firstResponseBreached || (r.firstResponseAt === null && r.firstResponseDueAt < now),
      ).length,
      resolution: rows.filter(
        (r) => r.resolutionBreached || (r.resolvedAt === null && r.resolutionDueAt < now),
      ).length,
    },
    volume: [...volume.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.category.localeCompare(b.category),
    ),
  };
}
