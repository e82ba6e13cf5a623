import { and, asc, desc, eq } from 'drizzle-orm';
import { helpArticleRevisions, helpArticles, helpCategories, staff } from '../../../db/schema/index.ts';
import type { HelpStatus } from '../../contract/constants.ts';
import type {
  HelpArticleInput,
  HelpCategoryInput,
  HelpConsoleArticle,
  HelpConsoleArticleDetail,
  HelpConsoleCategory,
} from '../../contract/help.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { docText, renderMarkdown } from './markdown.ts';
import { indexText } from './tokenize.ts';

/** The stored, derived columns of an article's text: plain text for snippets, token text for FTS5. */
export function searchColumns(input: Pick<HelpArticleInput, 'title' | 'body' | 'tags'>) {
  const bodyText = docText(renderMarkdown(input.body));
  return {
    bodyText,
    searchTitle: indexText(input.title),
    searchTags: indexText(input.tags.join(' ')),
    searchBody: indexText(bodyText),
  };
}

const summaryColumns = {
  id: helpArticles.id,
  slug: helpArticles.slug,
  locale: helpArticles.locale,
  title: helpArticles.title,
  status: helpArticles.status,
  categoryId: helpArticles.categoryId,
  updatedAt: helpArticles.updatedAt,
  views: helpArticles.views,
  helpfulYes: helpArticles.helpfulYes,
  helpfulNo: helpArticles.helpfulNo,
};

/** A site's articles for the console, drafts included, most recently changed first. */
export function consoleArticles(
  ctx: ServiceContext,
  siteId: string,
  filter: { locale?: string | undefined; status?: HelpStatus | undefined },
): Promise<HelpConsoleArticle[]> {
  return ctx.db
    .select(summaryColumns)
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.siteId, siteId),
        filter.locale ? eq(helpArticles.locale, filter.locale as HelpConsoleArticle['locale']) : undefined,
        filter.status ? eq(helpArticles.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(helpArticles.updatedAt))
    .limit(1000);
}

async function articleRow(ctx: ServiceContext, siteId: string, id: number) {
  const row = await ctx.db.query.helpArticles.findFirst({
    where: and(eq(helpArticles.siteId, siteId), eq(helpArticles.id, id)),
  });
  if (!row) throw notFound('No such article');
  return row;
}

/** One article with its revisions, newest first. */
export async function consoleArticle(
  ctx: ServiceContext,
  siteId: string,
  id: number,
): Promise<HelpConsoleArticleDetail> {
  const row = await articleRow(ctx, siteId, id);
  const revisions = await ctx.db
    .select({
      id: helpArticleRevisions.id,
      title: helpArticleRevisions.title,
      status: helpArticleRevisions.status,
      createdAt: helpArticleRevisions.createdAt,
      author: staff.name,
    })
    .from(helpArticleRevisions)
    .leftJoin(staff, eq(staff.id, helpArticleRevisions.authorStaffId))
    .where(eq(helpArticleRevisions.articleId, id))
    .orderBy(desc(helpArticleRevisions.id))
    .limit(100);
  return {
    id: row.id,
    slug: row.slug,
    locale: row.locale,
    title: row.title,
    status: row.status,
    categoryId: row.categoryId,
    updatedAt: row.updatedAt,
    views: row.views,
    helpfulYes: row.helpfulYes,
    helpfulNo: row.helpfulNo,
    body: row.body,
    tags: row.tags,
    revisions,
  };
}

async function checkCategory(ctx: ServiceContext, siteId: string, categoryId: string | null) {
  if (!categoryId) return;
  const found = await ctx.db.query.helpCategories.findFirst({
    columns: { id: true },
    where: and(eq(helpCategories.siteId, siteId), eq(helpCategories.id, categoryId)),
  });
  if (!found) throw badRequest('unknown_category', 'No such category on this site');
}

async function slugTaken(ctx: ServiceContext, siteId: string, input: HelpArticleInput, except?: number) {
  const other = await ctx.db.query.helpArticles.findFirst({
    columns: { id: true },
    where: and(
      eq(helpArticles.siteId, siteId),
      eq(helpArticles.slug, input.slug),
      eq(helpArticles.locale, input.locale),
    ),
  });
  if (other && other.id !== except) {
    throw conflict('slug_taken', 'An article with this slug already exists in this language');
  }
}

/** Creates a draft (or, from an import, a published article) and its first revision in one batch. */
export async function createArticle(
  ctx: ServiceContext,
  siteId: string,
  input: HelpArticleInput,
  authorStaffId: string | null,
  status: HelpStatus = 'draft',
): Promise<HelpConsoleArticleDetail> {
  await checkCategory(ctx, siteId, input.categoryId);
  await slugTaken(ctx, siteId, input);
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(helpArticles)
    .values({
      siteId,
      ...input,
      ...searchColumns(input),
      status,
      authorStaffId,
      createdAt: now,
      updatedAt: now,
      publishedAt: status === 'published' ? now : null,
    })
    .returning({ id: helpArticles.id });
  if (!row) throw new Error('article insert returned no row');
  await ctx.db
    .insert(helpArticleRevisions)
    .values(revisionOf(siteId, row.id, input, status, authorStaffId, now));
  return consoleArticle(ctx, siteId, row.id);
}

function revisionOf(
  siteId: string,
  articleId: number,
  input: Pick<HelpArticleInput, 'title' | 'body' | 'tags' | 'categoryId'>,
  status: HelpStatus,
  authorStaffId: string | null,
  now: number,
) {
  return {
    siteId,
    articleId,
    title: input.title,
    body: input.body,
    tags: input.tags,
    categoryId: input.categoryId,
    status,
    authorStaffId,
    createdAt: now,
  };
}

/** Saves a new version of an article (a revision each time); the FTS index follows by trigger. */
export async function updateArticle(
  ctx: ServiceContext,
  siteId: string,
  id: number,
  input: HelpArticleInput,
  authorStaffId: string | null,
): Promise<HelpConsoleArticleDetail> {
  const current = await articleRow(ctx, siteId, id);
  await checkCategory(ctx, siteId, input.categoryId);
  await slugTaken(ctx, siteId, input, id);
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db
      .update(helpArticles)
      .set({ ...input, ...searchColumns(input), updatedAt: now })
      .where(and(eq(helpArticles.siteId, siteId), eq(helpArticles.id, id))),
    ctx.db
      .insert(helpArticleRevisions)
      .values(revisionOf(siteId, id, input, current.status, authorStaffId, now)),
  ]);
  return consoleArticle(ctx, siteId, id);
}

/** Publishes or unpublishes an article; unpublished ones disappear from search at once. */
export async function setStatus(
  ctx: ServiceContext,
  siteId: string,
  id: number,
  status: HelpStatus,
  authorStaffId: string | null,
): Promise<HelpConsoleArticleDetail> {
  const current = await articleRow(ctx, siteId, id);
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db
      .update(helpArticles)
      .set({ status, updatedAt: now, ...(status === 'published' ? { publishedAt: now } : {}) })
      .where(and(eq(helpArticles.siteId, siteId), eq(helpArticles.id, id))),
    ctx.db.insert(helpArticleRevisions).values(revisionOf(siteId, id, current, status, authorStaffId, now)),
  ]);
  return consoleArticle(ctx, siteId, id);
}

/** Brings back an earlier revision's text as a new revision (history is never rewritten). */
export async function restoreRevision(
  ctx: ServiceContext,
  siteId: string,
  id: number,
  revisionId: number,
  authorStaffId: string | null,
): Promise<HelpConsoleArticleDetail> {
  const current = await articleRow(ctx, siteId, id);
  const revision = await ctx.db.query.helpArticleRevisions.findFirst({
    where: and(eq(helpArticleRevisions.articleId, id), eq(helpArticleRevisions.id, revisionId)),
  });
  if (!revision) throw notFound('No such revision of this article');
  const categoryId = revision.categoryId;
  const stillThere = categoryId
    ? await ctx.db.query.helpCategories.findFirst({
        columns: { id: true },
        where: and(eq(helpCategories.siteId, siteId), eq(helpCategories.id, categoryId)),
      })
    : undefined;
  return updateArticle(
    ctx,
    siteId,
    id,
    {
      slug: current.slug,
      locale: current.locale,
      title: revision.title,
      body: revision.body,
      tags: revision.tags,
      categoryId: stillThere ? categoryId : null,
    },
    authorStaffId,
  );
}

/** Deletes an article and its history. */
export async function deleteArticle(ctx: ServiceContext, siteId: string, id: number): Promise<void> {
  await articleRow(ctx, siteId, id);
  await ctx.db.delete(helpArticles).where(and(eq(helpArticles.siteId, siteId), eq(helpArticles.id, id)));
}

/** A site's categories in order. */
export async function consoleCategories(ctx: ServiceContext, siteId: string): Promise<HelpConsoleCategory[]> {
  return ctx.db
    .select({
      id: helpCategories.id,
      slug: helpCategories.slug,
      names: helpCategories.names,
      position: helpCategories.position,
    })
    .from(helpCategories)
    .where(eq(helpCategories.siteId, siteId))
    .orderBy(asc(helpCategories.position), asc(helpCategories.slug));
}

/** Creates a category, or updates the one with the same slug. */
export async function saveCategory(
  ctx: ServiceContext,
  siteId: string,
  input: HelpCategoryInput,
): Promise<HelpConsoleCategory> {
  await ctx.db
    .insert(helpCategories)
    .values({ id: ctx.newId(), siteId, ...input, createdAt: ctx.now() })
    .onConflictDoUpdate({
      target: [helpCategories.siteId, helpCategories.slug],
      set: { names: input.names, position: input.position },
    });
  const row = (await consoleCategories(ctx, siteId)).find((c) => c.slug === input.slug);
  if (!row) throw new Error('category vanished after save');
  return row;
}

/** Deletes a category; its articles stay, without a category. */
export async function deleteCategory(ctx: ServiceContext, siteId: string, id: string): Promise<void> {
  const result = await ctx.db
    .delete(helpCategories)
    .where(and(eq(helpCategories.siteId, siteId), eq(helpCategories.id, id)))
    .returning({ id: helpCategories.id });
  if (result.length === 0) throw notFound('No such category');
}
