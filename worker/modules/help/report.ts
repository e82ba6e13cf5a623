import { sql } from 'drizzle-orm';
import type { HelpLocale } from '../../contract/constants.ts';
import type { HelpDeflectionRow, HelpReport } from '../../contract/help.ts';
import type { ServiceContext } from '../context.ts';
import { consoleCategories } from './articles.ts';
import { deflectionCells, helpEscalationSource, rollUp, type EscalationSource } from './deflection.ts';

const DAY_MS = 86_400_000;
const TOP = 10;

type Rated = { id: number; title: string; locale: HelpLocale; yes: number; no: number };

/** One row per day of the period, days without sessions included, so charts keep their scale. */
function everyDay(from: number, to: number, rows: HelpDeflectionRow[]): HelpDeflectionRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const days: HelpDeflectionRow[] = [];
  for (let t = from; t <= to; t += DAY_MS) {
    const key = new Date(t).toISOString().slice(0, 10);
    days.push(byKey.get(key) ?? { key, sessions: 0, deflected: 0 });
  }
  return days;
}

/**
 * The help center's report over the last `days` days: what visitors search (and do not find),
 * which articles help, and how many help sessions ended without a ticket.
 */
export async function helpReport(
  ctx: ServiceContext,
  siteId: string,
  days: number,
  source: EscalationSource = helpEscalationSource,
): Promise<HelpReport> {
  const to = ctx.now();
  const from = Math.floor(to / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const topSearches = await ctx.db.all<HelpReport['topSearches'][number]>(sql`SELECT query,
      count(*) AS searches, sum(results = 0) AS noResult
    FROM help_searches WHERE site_id = ${siteId} AND created_at >= ${from}
    GROUP BY query ORDER BY searches DESC, query LIMIT ${TOP}`);
  const noResultSearches = await ctx.db.all<HelpReport['noResultSearches'][number]>(sql`SELECT query,
      count(*) AS searches
    FROM help_searches WHERE site_id = ${siteId} AND created_at >= ${from} AND results = 0
    GROUP BY query ORDER BY searches DESC, query LIMIT ${TOP}`);
  // Ranked by the share of "yes" with one vote of each kind added, so a single vote does not
  // outrank fifty.
  const rated = (order: 'DESC' | 'ASC') =>
    ctx.db.all<Rated>(sql`SELECT id, title, locale, helpful_yes AS yes, helpful_no AS no,
        (helpful_yes + 1.0) / (helpful_yes + helpful_no + 2) AS score
      FROM help_articles WHERE site_id = ${siteId} AND helpful_yes + helpful_no > 0
      ORDER BY score ${sql.raw(order)}, id LIMIT 5`);
  const cells = await deflectionCells(ctx, siteId, from, to + 1, source);
  const categories = new Map((await consoleCategories(ctx, siteId)).map((c) => [c.id, c.slug]));
  return {
    days,
    topSearches,
    noResultSearches,
    mostHelpful: await rated('DESC'),
    leastHelpful: await rated('ASC'),
    deflection: {
      total: rollUp(cells, () => 'total')[0] ?? { key: 'total', sessions: 0, deflected: 0 },
      byDay: everyDay(
        from,
        to,
        rollUp(cells, (cell) => cell.day),
      ),
      byCategory: rollUp(cells, (cell) => (cell.categoryId ? (categories.get(cell.categoryId) ?? '') : '')),
    },
    escalationSource: source.name,
  };
}
