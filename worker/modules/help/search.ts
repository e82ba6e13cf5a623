import { and, eq, inArray, sql } from 'drizzle-orm';
import { helpArticles } from '../../../db/schema/index.ts';
import { jsonValues } from '../../../db/json.ts';
import type { HelpLocale } from '../../contract/constants.ts';
import type { HelpArticleSummary, HelpSearchResponse } from '../../contract/help.ts';
import type { ServiceContext } from '../context.ts';
import { localeChain } from './locales.ts';
import { highlight, matchExpression, parseQuery, withinOneEdit, type ParsedQuery } from './tokenize.ts';

/** Hits shown for one search. */
export const SEARCH_LIMIT = 10;
/** Characters of body text around the first match. */
const SNIPPET_CHARS = 160;
/** bm25 weights of the indexed columns: title above tags above body. */
const WEIGHTS = sql.raw('bm25(help_fts, 10.0, 4.0, 1.0)');

/** Options of {@link searchArticles}. */
export interface SearchOptions {
  categoryId?: string | undefined;
  limit?: number;
  /** An article to leave out (related articles). */
  exclude?: number;
  /** Terms are ORed: any word may match (related articles, the last resort of a search). */
  any?: boolean;
}

interface Ranked {
  id: number;
  slug: string;
  locale: HelpLocale;
}

/**
 * Published articles of the site in the chain's locales matching an FTS5 expression, best
 * bm25 first, one translation per slug (the best locale of those that matched). Only ids are
 * sorted; titles and text are read for the few rows shown.
 */
async function ranked(
  ctx: ServiceContext,
  siteId: string,
  chain: HelpLocale[],
  expression: string,
  options: SearchOptions,
): Promise<Ranked[]> {
  const limit = options.limit ?? SEARCH_LIMIT;
  const rows = await ctx.db.all<Ranked>(sql`SELECT a.id AS id, a.slug AS slug, a.locale AS locale
    FROM help_fts JOIN help_articles a ON a.id = help_fts.rowid
    WHERE help_fts MATCH ${expression} AND a.site_id = ${siteId} AND a.status = 'published'
      AND a.locale IN (${jsonValues(chain)})
      ${options.categoryId ? sql`AND a.category_id = ${options.categoryId}` : sql``}
      ${options.exclude ? sql`AND a.id <> ${options.exclude}` : sql``}
    ORDER BY ${WEIGHTS} LIMIT ${limit * chain.length}`);
  const bySlug = new Map<string, Ranked>();
  for (const row of rows) {
    const earlier = bySlug.get(row.slug);
    if (!earlier) bySlug.set(row.slug, row);
    else if (chain.indexOf(row.locale) < chain.indexOf(earlier.locale)) bySlug.set(row.slug, { ...row });
  }
  return [...bySlug.values()].slice(0, limit);
}

/** Latin words of the query replaced by the index's most common word one edit away. */
async function corrected(ctx: ServiceContext, query: ParsedQuery): Promise<ParsedQuery | undefined> {
  const terms = await Promise.all(
    query.terms.map(async (term) => {
      if (!term.latin || term.text.length < 4) return term;
      const first = term.text[0] ?? '';
      // A range of the vocabulary by first letter and length: typos rarely hit the first letter.
      const candidates = await ctx.db.all<{
        term: string;
        doc: number;
      }>(sql`SELECT term, doc FROM help_fts_vocab
        WHERE term >= ${first} AND term < ${String.fromCharCode(first.charCodeAt(0) + 1)}
          AND length(term) BETWEEN ${term.text.length - 1} AND ${term.text.length + 1}`);
      if (candidates.some((c) => c.term === term.text)) return term;
      const best = candidates
        .filter((c) => withinOneEdit(c.term, term.text))
        .sort((a, b) => b.doc - a.doc || (a.term < b.term ? -1 : 1))[0];
      if (!best) return term;
      return { ...term, text: best.term, prefix: false };
    }),
  );
  if (terms.every((term, i) => term === query.terms[i])) return undefined;
  return { terms, highlights: [...query.highlights, ...terms.map((t) => t.text)] };
}

/** The summaries of ranked rows, with the query's words marked in title and snippet. */
async function summaries(
  ctx: ServiceContext,
  siteId: string,
  hits: Ranked[],
  highlights: string[],
): Promise<HelpArticleSummary[]> {
  if (hits.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: helpArticles.id,
      title: helpArticles.title,
      bodyText: helpArticles.bodyText,
      categoryId: helpArticles.categoryId,
    })
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.siteId, siteId),
        inArray(
          helpArticles.id,
          hits.map((h) => h.id),
        ),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    return [
      {
        id: hit.id,
        slug: hit.slug,
        locale: hit.locale,
        title: highlight(row.title, highlights),
        snippet: highlight(row.bodyText, highlights, SNIPPET_CHARS),
        categoryId: row.categoryId,
      },
    ];
  });
}

/**
 * Searches a site's published help articles in the visitor's language (with fallbacks). All
 * words must match; the last one matches as a prefix while it is being typed. When nothing
 * matches, Latin words one edit away from a word of the index are tried, then any word.
 */
export async function searchArticles(
  ctx: ServiceContext,
  siteId: string,
  locale: HelpLocale,
  input: string,
  options: SearchOptions = {},
): Promise<HelpSearchResponse> {
  const query = parseQuery(input);
  const response: HelpSearchResponse = { query: input, results: [] };
  if (query.terms.length === 0) return response;
  const chain = localeChain(locale);
  // "Any word" matching skips short Latin words (a, to, how…), which would match everything.
  const terms = options.any ? query.terms.filter((t) => !t.latin || t.text.length > 3) : query.terms;
  if (terms.length === 0) return response;
  let hits = await ranked(ctx, siteId, chain, matchExpression(terms, options.any ? 'OR' : 'AND'), options);
  let highlights = query.highlights;
  if (hits.length === 0) {
    const fixed = await corrected(ctx, query);
    if (fixed) {
      hits = await ranked(ctx, siteId, chain, matchExpression(fixed.terms), options);
      if (hits.length > 0) {
        highlights = fixed.highlights;
        response.corrected = fixed.terms.map((t) => t.text).join(' ');
      }
    }
  }
  if (hits.length === 0 && query.terms.length > 1 && !options.any) {
    hits = await ranked(ctx, siteId, chain, matchExpression(query.terms, 'OR'), options);
  }
  response.results = await summaries(ctx, siteId, hits, highlights);
  return response;
}
