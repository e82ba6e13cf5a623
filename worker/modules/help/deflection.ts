import { sql, type SQL } from 'drizzle-orm';
import type { HelpDeflectionRow } from '../../contract/help.ts';
import type { ServiceContext } from '../context.ts';

/** Help activity of one visitor closer than this belongs to one help session. */
export const SESSION_GAP_MS = 30 * 60_000;
/** A ticket this long after a session's last search or view means the session did not deflect. */
export const DEFLECTION_WINDOW_MS = 24 * 3_600_000;

/**
 * Where "the visitor opened a ticket" is read from: any rows of `(visitor_id, created_at)`.
 * The report depends on this interface only, so switching it to the service desk's tickets is
 * one new source.
 */
export interface EscalationSource {
  /** Shown in the report, so staff know what is counted. */
  name: string;
  rows: (siteId: string) => SQL;
}

/**
 * "Still need help?" clicks recorded by the help center itself. The report also counts every
 * ticket the visitor's profile opened at the service desk (see {@link deflectionCells}).
 */
export const helpEscalationSource: EscalationSource = {
  name: 'tickets and "still need help?" clicks',
  rows: (siteId) => sql`SELECT visitor_id, created_at FROM help_escalations WHERE site_id = ${siteId}`,
};

/** One day × category cell of the deflection report. */
export interface DeflectionCell {
  day: string;
  categoryId: string | null;
  sessions: number;
  deflected: number;
}

/**
 * Help sessions of known visitors that started in [from, to), by UTC day and by the category of
 * the first article viewed (`null`: searches only), each judged deflected when no escalation
 * (a ticket of the visitor's profile, or a "still need help?" click) from the same visitor follows
 * between its start and {@link DEFLECTION_WINDOW_MS} after its
 * last activity. A session is a visitor's searches and article views with gaps of at most
 * {@link SESSION_GAP_MS}.
 */
export function deflectionCells(
  ctx: ServiceContext,
  siteId: string,
  from: number,
  to: number,
  source: EscalationSource = helpEscalationSource,
): Promise<DeflectionCell[]> {
  return ctx.db.all<DeflectionCell>(sql`WITH acts AS (
      SELECT visitor_id AS v, created_at AS t, NULL AS article FROM help_searches
      WHERE site_id = ${siteId} AND created_at >= ${from} AND created_at < ${to} AND visitor_id IS NOT NULL
      UNION ALL
      SELECT visitor_id, created_at, article_id FROM help_views
      WHERE site_id = ${siteId} AND created_at >= ${from} AND created_at < ${to} AND visitor_id IS NOT NULL
    ),
    marked AS (
      SELECT v, t, article,
        CASE WHEN t - lag(t) OVER (PARTITION BY v ORDER BY t) <= ${SESSION_GAP_MS} THEN 0 ELSE 1 END AS starts
      FROM acts
    ),
    numbered AS (
      SELECT v, t, article, sum(starts) OVER (PARTITION BY v ORDER BY t ROWS UNBOUNDED PRECEDING) AS n FROM marked
    ),
    firsts AS (
      -- Each activity with the first article viewed in its session (views sort before searches).
      SELECT v, t, n, first_value(article) OVER (PARTITION BY v, n ORDER BY article IS NULL, t) AS article FROM numbered
    ),
    sessions AS (
      SELECT v, n, min(t) AS started, max(t) AS ended, min(article) AS article FROM firsts GROUP BY v, n
    ),
    escalations AS (${source.rows(siteId)}),
    judged AS (
      SELECT sessions.started, a.category_id AS category,
        NOT EXISTS (SELECT 1 FROM escalations e WHERE e.visitor_id = sessions.v AND e.created_at >= sessions.started
          AND e.created_at <= sessions.ended + ${DEFLECTION_WINDOW_MS})
        -- A ticket of the visitor's profile, found through the profile's tickets by time.
        AND NOT EXISTS (SELECT 1 FROM visitors vv JOIN tickets tk ON tk.customer_id = vv.customer_id
          WHERE vv.id = sessions.v AND tk.site_id = ${siteId} AND tk.created_at >= sessions.started
          AND tk.created_at <= sessions.ended + ${DEFLECTION_WINDOW_MS}) AS deflected
      FROM sessions LEFT JOIN help_articles a ON a.id = sessions.article
    )
    SELECT strftime('%Y-%m-%d', started / 1000, 'unixepoch') AS day, category AS categoryId,
      count(*) AS sessions, sum(deflected) AS deflected
    FROM judged GROUP BY day, category ORDER BY day, category`);
}

/** Sums cells by a key. */
export function rollUp(
  cells: DeflectionCell[],
  keyOf: (cell: DeflectionCell) => string,
): HelpDeflectionRow[] {
  const rows = new Map<string, HelpDeflectionRow>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const row = rows.get(key) ?? { key, sessions: 0, deflected: 0 };
    row.sessions += cell.sessions;
    row.deflected += cell.deflected;
    rows.set(key, row);
  }
  return [...rows.values()];
}
