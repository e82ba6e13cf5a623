import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import type { HelpLocale, HelpStatus } from '../../worker/contract/constants.ts';
import { siteRef } from './sites.ts';
import { staff } from './staff.ts';
import { visitors } from './visitors.ts';

/** A visitor reference of the help center's logs; the rows go when the visitor is erased. */
const visitorRef = () => text('visitor_id').references(() => visitors.id, { onDelete: 'cascade' });

/** A help-center category, shown in `position` order, with its name in each locale. */
export const helpCategories = sqliteTable(
  'help_categories',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    slug: text('slug').notNull(),
    /** Names by locale (`en`, `zh-CN`, `zh-TW`); a missing locale falls back like articles do. */
    names: text('names', { mode: 'json' }).$type<Partial<Record<HelpLocale, string>>>().notNull(),
    position: integer('position').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('help_categories_site_slug_uq').on(t.siteId, t.slug),
    index('help_categories_site_position_idx').on(t.siteId, t.position),
  ],
);

/**
 * One article in one language. Translations share a `slug`. The integer id is the FTS5 rowid
 * (an external-content index needs a stable integer key; a plain rowid may change on VACUUM).
 * The `search*` columns hold the normalized token text computed in TypeScript
 * (`worker/modules/help/tokenize.ts`): the FTS5 table indexes them with `unicode61`, so the
 * same index works on embedded libSQL, a libSQL server and D1, which allow no custom tokenizer.
 */
export const helpArticles = sqliteTable(
  'help_articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    slug: text('slug').notNull(),
    locale: text('locale').$type<HelpLocale>().notNull(),
    categoryId: text('category_id').references(() => helpCategories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Markdown as the author wrote it; rendered through the allowlist on every read. */
    body: text('body').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    /** The body as plain text, for snippets. */
    bodyText: text('body_text').notNull(),
    searchTitle: text('search_title').notNull(),
    searchTags: text('search_tags').notNull(),
    searchBody: text('search_body').notNull(),
    status: text('status').$type<HelpStatus>().notNull(),
    authorStaffId: text('author_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    publishedAt: integer('published_at'),
    views: integer('views').notNull().default(0),
    helpfulYes: integer('helpful_yes').notNull().default(0),
    helpfulNo: integer('helpful_no').notNull().default(0),
  },
  (t) => [
    uniqueIndex('help_articles_site_slug_locale_uq').on(t.siteId, t.slug, t.locale),
    index('help_articles_site_category_idx').on(t.siteId, t.locale, t.status, t.categoryId, t.updatedAt),
  ],
);

/** Every saved version of an article, for history and restore. */
export const helpArticleRevisions = sqliteTable(
  'help_article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    articleId: integer('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    categoryId: text('category_id'),
    status: text('status').$type<HelpStatus>().notNull(),
    authorStaffId: text('author_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('help_article_revisions_article_idx').on(t.articleId, t.id)],
);

/** A visitor's helpful / not-helpful answer on an article: one per visitor, changeable. */
export const helpVotes = sqliteTable(
  'help_votes',
  {
    siteId: siteRef(),
    articleId: integer('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    visitorId: visitorRef().notNull(),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.visitorId] }),
    index('help_votes_visitor_idx').on(t.visitorId),
  ],
);

/** Searches visitors settled on (no result included: the articles to write next). */
export const helpSearches = sqliteTable(
  'help_searches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    visitorId: visitorRef(),
    query: text('query').notNull(),
    locale: text('locale').$type<HelpLocale>().notNull(),
    results: integer('results').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('help_searches_site_time_idx').on(t.siteId, t.createdAt),
    index('help_searches_visitor_idx').on(t.visitorId, t.createdAt),
  ],
);

/** Article views, one row each: the deflection report's sessions and categories come from here. */
export const helpViews = sqliteTable(
  'help_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    articleId: integer('article_id')
      .notNull()
      .references(() => helpArticles.id, { onDelete: 'cascade' }),
    visitorId: visitorRef(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('help_views_site_time_idx').on(t.siteId, t.createdAt),
    index('help_views_visitor_idx').on(t.visitorId, t.createdAt),
    index('help_views_article_idx').on(t.articleId),
  ],
);

/**
 * "Still need help?" clicks. Until tickets exist in this branch they stand in for the
 * tickets the deflection rate counts (see `worker/modules/help/deflection.ts`).
 */
export const helpEscalations = sqliteTable(
  'help_escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    visitorId: visitorRef(),
    query: text('query').notNull(),
    articleIds: text('article_ids', { mode: 'json' }).$type<number[]>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('help_escalations_site_time_idx').on(t.siteId, t.createdAt),
    index('help_escalations_visitor_idx').on(t.visitorId, t.createdAt),
  ],
);

export type HelpCategory = typeof helpCategories.$inferSelect;
export type HelpArticle = typeof helpArticles.$inferSelect;
export type HelpArticleRevision = typeof helpArticleRevisions.$inferSelect;
