import type {
  HelpArticleSummary,
  HelpArticleView,
  HelpCategoryView,
  HelpSearchResponse,
  HelpVoteResponse,
} from '../../worker/contract/help.ts';
import type { CrmKit } from '../core/kit.ts';

/** An article as the widget reads it, with the visitor's earlier vote. */
export type FaqArticle = HelpArticleView & { myVote: boolean | null };

const params = (values: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

// Reads and view/search logs work for every visitor, tracked or not; a vote and an escalation
// need the visitor token.
const optional = { visitor: 'optional' } as const;

/** `GET /v1/help/search`: published articles matching what the visitor typed. */
export function searchHelp(
  kit: CrmKit,
  q: string,
  lang: string,
  category: string | undefined,
  signal: AbortSignal,
) {
  return kit.request<HelpSearchResponse>(
    'GET',
    `v1/help/search?${params({ q, lang, category }).toString()}`,
    {
      signal,
      ...optional,
    },
  );
}

/** `GET /v1/help/categories`. */
export async function fetchCategories(kit: CrmKit, lang: string, signal: AbortSignal) {
  const { categories } = await kit.request<{ categories: HelpCategoryView[] }>(
    'GET',
    `v1/help/categories?${params({ lang }).toString()}`,
    { signal, ...optional },
  );
  return categories;
}

/** `GET /v1/help/articles`: a category's articles. */
export async function fetchArticles(kit: CrmKit, lang: string, category: string, signal: AbortSignal) {
  const { articles } = await kit.request<{ articles: HelpArticleSummary[] }>(
    'GET',
    `v1/help/articles?${params({ lang, category }).toString()}`,
    { signal, ...optional },
  );
  return articles;
}

/** `GET /v1/help/articles/:slug`. */
export function fetchArticle(kit: CrmKit, slug: string, lang: string, signal: AbortSignal) {
  return kit.request<FaqArticle>(
    'GET',
    `v1/help/articles/${encodeURIComponent(slug)}?${params({ lang }).toString()}`,
    {
      signal,
      ...optional,
    },
  );
}

/** `POST /v1/help/articles/:id/vote`. */
export function voteHelpful(kit: CrmKit, id: number, helpful: boolean) {
  return kit.request<HelpVoteResponse>('POST', `v1/help/articles/${id}/vote`, { body: { helpful } });
}

/** `POST /v1/help/views`. */
export function logView(kit: CrmKit, articleId: number) {
  return kit.request<undefined>('POST', 'v1/help/views', { body: { articleId }, ...optional });
}

/** `POST /v1/help/searches`: a search the visitor settled on. */
export function logSearch(kit: CrmKit, q: string, lang: string) {
  return kit.request<HelpSearchResponse>('POST', 'v1/help/searches', { body: { q, lang }, ...optional });
}

/** `POST /v1/help/escalations`: needs the visitor (an untracked visitor's click is not sent). */
export function logEscalation(kit: CrmKit, q: string, articleIds: number[]) {
  return kit.request<undefined>('POST', 'v1/help/escalations', { body: { q, articleIds } });
}
