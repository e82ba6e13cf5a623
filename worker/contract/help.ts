import { z } from 'zod';
import { HELP_LOCALES, HELP_STATUSES, type HelpLocale, type HelpStatus } from './constants.ts';
import type { HelpDocNode } from './shared/help-doc.ts';

/** A language tag as widgets send it; anything Chinese-Traditional-looking maps to `zh-TW`. */
export const helpLocale = z
  .string()
  .max(35)
  .transform((tag): HelpLocale => {
    const lower = tag.toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(lower)) return 'zh-TW';
    if (lower.startsWith('zh')) return 'zh-CN';
    return 'en';
  });

const slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -');
const articleId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** `GET /v1/help/search`. */
export const helpSearchQuery = z.strictObject({
  q: z.string().max(200),
  lang: helpLocale.default('en'),
  category: z.string().max(64).optional(),
});

/** `GET /v1/help/articles` (a category's articles) and `GET /v1/help/categories`. */
export const helpListQuery = z.strictObject({
  lang: helpLocale.default('en'),
  category: z.string().max(64).optional(),
});

/** `GET /v1/help/articles/:slug`. */
export const helpReadParams = z.strictObject({ slug, lang: helpLocale.default('en') });

/** `POST /v1/help/articles/:id/vote`. */
export const helpVoteRequest = z.strictObject({ helpful: z.boolean() });
export const helpArticleIdParam = articleId;

/** `POST /v1/help/searches`: a search the visitor settled on, logged with its result count. */
export const helpSearchLogRequest = z.strictObject({
  q: z.string().trim().min(1).max(200),
  lang: helpLocale,
});

/** `POST /v1/help/views`. */
export const helpViewRequest = z.strictObject({ articleId });

/** `POST /v1/help/escalations`: "still need help?" with what the visitor tried. */
export const helpEscalationRequest = z.strictObject({
  q: z.string().max(200).default(''),
  articleIds: z.array(articleId).max(20).default([]),
});

/** Shown text with the query's words marked. */
export interface HelpSegment {
  text: string;
  mark?: true;
}

/** A category as visitors see it. */
export interface HelpCategoryView {
  id: string;
  slug: string;
  name: string;
  articles: number;
}

/** A search hit or a listed article. */
export interface HelpArticleSummary {
  id: number;
  slug: string;
  locale: HelpLocale;
  title: HelpSegment[];
  snippet: HelpSegment[];
  categoryId: string | null;
}

/** Answer of `GET /v1/help/search`. */
export interface HelpSearchResponse {
  query: string;
  results: HelpArticleSummary[];
  /** The query as corrected when the typed one found nothing (a Latin word one edit away). */
  corrected?: string;
}

/** Answer of `GET /v1/help/articles/:slug`. */
export interface HelpArticleView {
  id: number;
  slug: string;
  locale: HelpLocale;
  title: string;
  doc: HelpDocNode[];
  tags: string[];
  category: { id: string; name: string } | null;
  updatedAt: number;
  helpfulYes: number;
  helpfulNo: number;
  related: { id: number; slug: string; title: string }[];
}

/** Answer of a vote: the article's counts and the visitor's answer now. */
export interface HelpVoteResponse {
  helpful: boolean;
  helpfulYes: number;
  helpfulNo: number;
}

// Console.

const tags = z.array(z.string().trim().min(1).max(40)).max(20).default([]);

/** `POST /console/api/sites/:siteId/help/articles` and `PATCH …/:id`. */
export const helpArticleInput = z.strictObject({
  slug,
  locale: z.enum(HELP_LOCALES),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(100_000),
  tags,
  categoryId: z.string().max(64).nullable().default(null),
});
export type HelpArticleInput = z.infer<typeof helpArticleInput>;

/** `POST …/help/articles/:id/status`. */
export const helpStatusRequest = z.strictObject({ status: z.enum(HELP_STATUSES) });

/** `POST …/help/preview`. */
export const helpPreviewRequest = z.strictObject({ body: z.string().max(100_000) });

/** `POST …/help/categories` (saved by slug). */
export const helpCategoryInput = z.strictObject({
  slug,
  names: z.partialRecord(z.enum(HELP_LOCALES), z.string().trim().min(1).max(100)),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type HelpCategoryInput = z.infer<typeof helpCategoryInput>;

/** `GET …/help/articles`. */
export const helpConsoleListQuery = z.strictObject({
  locale: z.enum(HELP_LOCALES).optional(),
  status: z.enum(HELP_STATUSES).optional(),
});

/** `GET …/help/report`. */
export const helpReportQuery = z.strictObject({ days: z.enum(['7', '30', '90']).default('30') });

/** A knowledge base as JSON, for `GET …/help/export` and `POST …/help/import`. */
export const helpExport = z.strictObject({
  version: z.literal(1),
  categories: z.array(helpCategoryInput).max(500),
  articles: z
    .array(
      helpArticleInput.omit({ categoryId: true }).extend({
        category: slug.nullable().default(null),
        status: z.enum(HELP_STATUSES).default('draft'),
      }),
    )
    .max(5000),
});
export type HelpExport = z.infer<typeof helpExport>;

/** An article in the console's list. */
export interface HelpConsoleArticle {
  id: number;
  slug: string;
  locale: HelpLocale;
  title: string;
  status: HelpStatus;
  categoryId: string | null;
  updatedAt: number;
  views: number;
  helpfulYes: number;
  helpfulNo: number;
}

/** One article in the editor, with its revisions (newest first). */
export interface HelpConsoleArticleDetail extends HelpConsoleArticle {
  body: string;
  tags: string[];
  revisions: { id: number; title: string; status: HelpStatus; createdAt: number; author: string | null }[];
}

/** A category in the console. */
export interface HelpConsoleCategory {
  id: string;
  slug: string;
  names: Partial<Record<HelpLocale, string>>;
  position: number;
}

/** One row of the deflection report. */
export interface HelpDeflectionRow {
  key: string;
  sessions: number;
  deflected: number;
}

/** Answer of `GET …/help/report`. */
export interface HelpReport {
  days: number;
  topSearches: { query: string; searches: number; noResult: number }[];
  noResultSearches: { query: string; searches: number }[];
  mostHelpful: { id: number; title: string; locale: HelpLocale; yes: number; no: number }[];
  leastHelpful: { id: number; title: string; locale: HelpLocale; yes: number; no: number }[];
  deflection: { total: HelpDeflectionRow; byDay: HelpDeflectionRow[]; byCategory: HelpDeflectionRow[] };
  /** Where escalations are counted from: `help_escalations` until tickets exist. */
  escalationSource: string;
}
