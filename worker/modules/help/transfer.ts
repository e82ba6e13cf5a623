import { and, eq } from 'drizzle-orm';
import { helpArticles } from '../../../db/schema/index.ts';
import type { HelpExport } from '../../contract/help.ts';
import { badRequest } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { consoleCategories, createArticle, saveCategory, setStatus, updateArticle } from './articles.ts';

/** A site's whole knowledge base as JSON (current versions; history stays behind). */
export async function exportHelp(ctx: ServiceContext, siteId: string): Promise<HelpExport> {
  const categories = await consoleCategories(ctx, siteId);
  const slugOf = new Map(categories.map((c) => [c.id, c.slug]));
  const articles = await ctx.db
    .select()
    .from(helpArticles)
    .where(eq(helpArticles.siteId, siteId))
    .orderBy(helpArticles.id);
  return {
    version: 1,
    categories: categories.map(({ slug, names, position }) => ({ slug, names, position })),
    articles: articles.map((a) => ({
      slug: a.slug,
      locale: a.locale,
      title: a.title,
      body: a.body,
      tags: a.tags,
      category: a.categoryId ? (slugOf.get(a.categoryId) ?? null) : null,
      status: a.status,
    })),
  };
}

/**
 * Imports a knowledge base: categories by slug, articles by slug and locale (existing ones get
 * a new revision). Everything is checked before the first write, so a bad file changes nothing.
 */
export async function importHelp(
  ctx: ServiceContext,
  siteId: string,
  data: HelpExport,
  staffId: string | null,
): Promise<{ categories: number; created: number; updated: number }> {
  const known = new Set([
    ...data.categories.map((c) => c.slug),
    ...(await consoleCategories(ctx, siteId)).map((c) => c.slug),
  ]);
  const missing = data.articles.find((a) => a.category && !known.has(a.category));
  if (missing)
    throw badRequest(
      'unknown_category',
      `Article ${missing.slug} names an unknown category ${missing.category ?? ''}`,
    );
  for (const category of data.categories) await saveCategory(ctx, siteId, category);
  const idOf = new Map((await consoleCategories(ctx, siteId)).map((c) => [c.slug, c.id]));
  let created = 0;
  let updated = 0;
  for (const { category, status, ...article } of data.articles) {
    const input = { ...article, categoryId: category ? (idOf.get(category) ?? null) : null };
    const existing = await ctx.db.query.helpArticles.findFirst({
      columns: { id: true, status: true },
      where: and(
        eq(helpArticles.siteId, siteId),
        eq(helpArticles.slug, article.slug),
        eq(helpArticles.locale, article.locale),
      ),
    });
    if (!existing) {
      await createArticle(ctx, siteId, input, staffId, status);
      created++;
      continue;
    }
    await updateArticle(ctx, siteId, existing.id, input, staffId);
    if (existing.status !== status) await setStatus(ctx, siteId, existing.id, status, staffId);
    updated++;
  }
  return { categories: data.categories.length, created, updated };
}
