import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { helpArticles, helpCategories, helpEscalations, helpVotes } from '../../../db/schema/index.ts';
import { jsonValues } from '../../../db/json.ts';
import type { HelpLocale } from '../../contract/constants.ts';
import type {
  HelpArticleSummary,
  HelpArticleView,
  HelpCategoryView,
  HelpSearchResponse,
  HelpVoteResponse,
} from '../../contract/help.ts';
import { notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { localeChain, nameIn, preferred } from './locales.ts';
import { renderMarkdown } from './markdown.ts';
import { searchArticles } from './search.ts';
import { highlight } from './tokenize.ts';

/** A repeated view or search by the same visitor within this time is not logged again. */
export const LOG_DEDUPE_MS = 30 * 60_000;
/** Articles listed per category. */
const LIST_LIMIT = 100;

/** Categories in order, named in the visitor's language, with their published article counts. */
export async function listCategories(
  ctx: ServiceContext,
  siteId: string,
  locale: HelpLocale,
): Promise<HelpCategoryView[]> {
  const chain = localeChain(locale);
  const rows = await ctx.db
    .select()
    .from(helpCategories)
    .where(eq(helpCategories.siteId, siteId))
    .orderBy(asc(helpCategories.position), asc(helpCategories.slug));
  const counts = await ctx.db.all<{ categoryId: string; n: number }>(sql`SELECT category_id AS categoryId,
      count(DISTINCT slug) AS n FROM help_articles
    WHERE site_id = ${siteId} AND locale IN (${jsonValues(chain)}) AND status = 'published'
      AND category_id IS NOT NULL GROUP BY category_id`);
  const countOf = new Map(counts.map((c) => [c.categoryId, c.n]));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: nameIn(row.names, chain, row.slug),
    articles: countOf.get(row.id) ?? 0,
  }));
}

/** A category's published articles (one translation each), newest first. */
export async function listArticles(
  ctx: ServiceContext,
  siteId: string,
  locale: HelpLocale,
  categoryId: string | undefined,
): Promise<HelpArticleSummary[]> {
  const chain = localeChain(locale);
  const rows = await ctx.db
    .select({
      id: helpArticles.id,
      slug: helpArticles.slug,
      locale: helpArticles.locale,
      title: helpArticles.title,
      bodyText: helpArticles.bodyText,
      categoryId: helpArticles.categoryId,
    })
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.siteId, siteId),
        sql`${helpArticles.locale} IN (${jsonValues(chain)})`,
        eq(helpArticles.status, 'published'),
        categoryId ? eq(helpArticles.categoryId, categoryId) : undefined,
      ),
    )
    .orderBy(desc(helpArticles.updatedAt))
    .limit(LIST_LIMIT * chain.length);
  const bySlug = new Map<string, typeof rows>();
  for (const row of rows) bySlug.set(row.slug, [...(bySlug.get(row.slug) ?? []), row]);
  return [...bySlug.values()].slice(0, LIST_LIMIT).flatMap((translations) => {
    const row = preferred(translations, chain);
    if (!row) return [];
    return [
      {
        id: row.id,
        slug: row.slug,
        locale: row.locale,
        title: [{ text: row.title }],
        snippet: highlight(row.bodyText, [], 160),
        categoryId: row.categoryId,
      },
    ];
  });
}

/** A published article in the visitor's language (or the nearest one), rendered, with related ones. */
export async function readArticle(
  ctx: ServiceContext,
  siteId: string,
  slug: string,
  locale: HelpLocale,
): Promise<HelpArticleView> {
  const chain = localeChain(locale);
  const translations = await ctx.db
    .select()
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.siteId, siteId),
        eq(helpArticles.slug, slug),
        sql`${helpArticles.locale} IN (${jsonValues(chain)})`,
      ),
    );
  const article = preferred(
    translations.filter((row) => row.status === 'published'),
    chain,
  );
  if (!article) throw notFound('No published article with this slug');
  const category = article.categoryId
    ? await ctx.db.query.helpCategories.findFirst({
        where: and(eq(helpCategories.siteId, siteId), eq(helpCategories.id, article.categoryId)),
      })
    : undefined;
  const related = await relatedArticles(ctx, siteId, article, locale);
  return {
    id: article.id,
    slug: article.slug,
    locale: article.locale,
    title: article.title,
    doc: renderMarkdown(article.body),
    tags: article.tags,
    category: category ? { id: category.id, name: nameIn(category.names, chain, category.slug) } : null,
    updatedAt: article.updatedAt,
    helpfulYes: article.helpfulYes,
    helpfulNo: article.helpfulNo,
    related,
  };
}

/** Up to three articles sharing words of this one's title and tags, best bm25 first. */
async function relatedArticles(
  ctx: ServiceContext,
  siteId: string,
  article: { id: number; slug: string; title: string; tags: string[] },
  locale: HelpLocale,
): Promise<HelpArticleView['related']> {
  const found: HelpSearchResponse = await searchArticles(
    ctx,
    siteId,
    locale,
    `${article.title} ${article.tags.join(' ')} `,
    { any: true, exclude: article.id, limit: 4 },
  );
  return found.results
    .filter((hit) => hit.slug !== article.slug)
    .slice(0, 3)
    .map((hit) => ({ id: hit.id, slug: hit.slug, title: hit.title.map((s) => s.text).join('') }));
}

async function publishedArticle(ctx: ServiceContext, siteId: string, articleId: number) {
  const article = await ctx.db.query.helpArticles.findFirst({
    columns: { id: true, status: true },
    where: and(eq(helpArticles.siteId, siteId), eq(helpArticles.id, articleId)),
  });
  if (article?.status !== 'published') throw notFound('No published article with this id');
}

/**
 * Records a visitor's answer: one vote per visitor and article, which a later vote replaces.
 * The counters are recounted from the votes in the same batch, so a changed mind or two
 * concurrent votes can never leave them off by one.
 */
export async function vote(
  ctx: ServiceContext,
  siteId: string,
  articleId: number,
  visitorId: string,
  helpful: boolean,
): Promise<HelpVoteResponse> {
  await publishedArticle(ctx, siteId, articleId);
  const now = ctx.now();
  const count = (value: number) =>
    sql`(SELECT count(*) FROM help_votes WHERE article_id = ${articleId} AND helpful = ${value})`;
  await ctx.db.batch([
    ctx.db
      .insert(helpVotes)
      .values({ siteId, articleId, visitorId, helpful, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [helpVotes.articleId, helpVotes.visitorId],
        set: { helpful, updatedAt: now },
      }),
    ctx.db
      .update(helpArticles)
      .set({ helpfulYes: count(1), helpfulNo: count(0) })
      .where(eq(helpArticles.id, articleId)),
  ]);
  const row = await ctx.db.query.helpArticles.findFirst({
    columns: { helpfulYes: true, helpfulNo: true },
    where: eq(helpArticles.id, articleId),
  });
  return { helpful, helpfulYes: row?.helpfulYes ?? 0, helpfulNo: row?.helpfulNo ?? 0 };
}

/** The visitor's earlier vote on an article, if any. */
export async function myVote(
  ctx: ServiceContext,
  articleId: number,
  visitorId: string,
): Promise<boolean | null> {
  const row = await ctx.db.query.helpVotes.findFirst({
    columns: { helpful: true },
    where: and(eq(helpVotes.articleId, articleId), eq(helpVotes.visitorId, visitorId)),
  });
  return row?.helpful ?? null;
}

/**
 * Logs an article view and counts it, once per visitor and article within
 * {@link LOG_DEDUPE_MS} (a reload or going back and forth is one view).
 */
export async function logView(
  ctx: ServiceContext,
  siteId: string,
  articleId: number,
  visitorId: string | null,
): Promise<void> {
  await publishedArticle(ctx, siteId, articleId);
  const now = ctx.now();
  const fresh = visitorId
    ? sql`NOT EXISTS (SELECT 1 FROM help_views WHERE visitor_id = ${visitorId}
        AND created_at > ${now - LOG_DEDUPE_MS} AND article_id = ${articleId})`
    : sql`1`;
  await ctx.db.batch([
    ctx.db.run(sql`INSERT INTO help_views (site_id, article_id, visitor_id, created_at)
      SELECT ${siteId}, ${articleId}, ${visitorId}, ${now} WHERE ${fresh}`),
    // changes() is the insert's: 1 when the view was new.
    ctx.db.run(sql`UPDATE help_articles SET views = views + changes() WHERE id = ${articleId}`),
  ]);
}

/**
 * Runs a search the visitor settled on and logs it with its result count (zero results are
 * the articles to write next). The same query from the same visitor is logged once per
 * {@link LOG_DEDUPE_MS}.
 */
export async function logSearch(
  ctx: ServiceContext,
  siteId: string,
  locale: HelpLocale,
  query: string,
  visitorId: string | null,
): Promise<HelpSearchResponse> {
  const found = await searchArticles(ctx, siteId, locale, query);
  const now = ctx.now();
  const normalized = query.trim().toLowerCase().slice(0, 200);
  const fresh = visitorId
    ? sql`NOT EXISTS (SELECT 1 FROM help_searches WHERE visitor_id = ${visitorId}
        AND created_at > ${now - LOG_DEDUPE_MS} AND query = ${normalized})`
    : sql`1`;
  await ctx.db.run(sql`INSERT INTO help_searches (site_id, visitor_id, query, locale, results, created_at)
    SELECT ${siteId}, ${visitorId}, ${normalized}, ${locale}, ${found.results.length}, ${now} WHERE ${fresh}`);
  return found;
}

/** Records a "still need help?" click with what the visitor searched and read. */
export async function logEscalation(
  ctx: ServiceContext,
  siteId: string,
  visitorId: string,
  query: string,
  articleIds: number[],
): Promise<void> {
  await ctx.db
    .insert(helpEscalations)
    .values({ siteId, visitorId, query, articleIds: [...new Set(articleIds)], createdAt: ctx.now() });
}
