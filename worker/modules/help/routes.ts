import { Hono } from 'hono';
import { SITE_KEY_PARAM } from '../../contract/constants.ts';
import { idParam } from '../../contract/console.ts';
import {
  helpArticleIdParam,
  helpArticleInput,
  helpCategoryInput,
  helpConsoleListQuery,
  helpEscalationRequest,
  helpExport,
  helpListQuery,
  helpPreviewRequest,
  helpReadParams,
  helpReportQuery,
  helpSearchLogRequest,
  helpSearchQuery,
  helpStatusRequest,
  helpViewRequest,
  helpVoteRequest,
} from '../../contract/help.ts';
import { authorize } from '../../http/authorize.ts';
import { parseInput, readBody } from '../../http/body.ts';
import { bearerToken } from '../../http/bearer.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import { requireVisitor } from '../identity/visitor-auth.ts';
import { siteById } from '../sites/settings.ts';
import { audit } from '../staff/audit.ts';
import {
  consoleArticle,
  consoleArticles,
  consoleCategories,
  createArticle,
  deleteArticle,
  deleteCategory,
  restoreRevision,
  saveCategory,
  setStatus,
  updateArticle,
} from './articles.ts';
import { renderMarkdown } from './markdown.ts';
import {
  listArticles,
  listCategories,
  logEscalation,
  logSearch,
  logView,
  myVote,
  readArticle,
  vote,
} from './public.ts';
import { helpReport } from './report.ts';
import { searchArticles } from './search.ts';
import { exportHelp, importHelp } from './transfer.ts';

/** The query string without the publishable key, which the site guard has read already. */
function query(c: AppContext): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([name]) => name !== SITE_KEY_PARAM));
}

/** The visitor behind the bearer token if one is sent: reading works without one, logs are then anonymous. */
async function optionalVisitorId(ctx: ServiceContext, c: AppContext): Promise<string | null> {
  return bearerToken(c) ? (await requireVisitor(ctx, c)).id : null;
}

/**
 * `/v1/help`: the help center's public routes. Reads return published articles only and need
 * only the publishable key (help content is public); a vote and an escalation need the visitor
 * token; views and searches are logged with the visitor when a token comes along.
 */
export function helpRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/search', async (c) => {
      const { q, lang, category } = parseInput(helpSearchQuery, query(c));
      c.header('Cache-Control', 'no-store');
      return c.json(await searchArticles(ctx, c.get('site').id, lang, q, { categoryId: category }), 200);
    })
    .get('/categories', async (c) => {
      const { lang } = parseInput(helpListQuery, query(c));
      return c.json({ categories: await listCategories(ctx, c.get('site').id, lang) }, 200);
    })
    .get('/articles', async (c) => {
      const { lang, category } = parseInput(helpListQuery, query(c));
      return c.json({ articles: await listArticles(ctx, c.get('site').id, lang, category) }, 200);
    })
    .get('/articles/:slug', async (c) => {
      const { slug, lang } = parseInput(helpReadParams, { ...query(c), slug: c.req.param('slug') });
      const article = await readArticle(ctx, c.get('site').id, slug, lang);
      const visitorId = await optionalVisitorId(ctx, c);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...article, myVote: visitorId ? await myVote(ctx, article.id, visitorId) : null }, 200);
    })
    .post('/articles/:id/vote', async (c) => {
      const id = parseInput(helpArticleIdParam, c.req.param('id'));
      const { helpful } = await readBody(c, helpVoteRequest);
      const visitor = await requireVisitor(ctx, c);
      return c.json(await vote(ctx, c.get('site').id, id, visitor.id, helpful), 200);
    })
    .post('/views', async (c) => {
      const { articleId } = await readBody(c, helpViewRequest);
      await logView(ctx, c.get('site').id, articleId, await optionalVisitorId(ctx, c));
      return c.body(null, 204);
    })
    .post('/searches', async (c) => {
      const { q, lang } = await readBody(c, helpSearchLogRequest);
      return c.json(await logSearch(ctx, c.get('site').id, lang, q, await optionalVisitorId(ctx, c)), 200);
    })
    .post('/escalations', async (c) => {
      const { q, articleIds } = await readBody(c, helpEscalationRequest);
      // Only a known visitor's escalation can be matched to its help sessions.
      const visitor = await requireVisitor(ctx, c);
      await logEscalation(ctx, c.get('site').id, visitor.id, q, articleIds);
      return c.body(null, 204);
    });
}

function staffId(c: AppContext): string | null {
  const principal = c.get('principal');
  return principal.kind === 'staff' ? principal.member.id : null;
}

async function auditHelp(
  ctx: ServiceContext,
  c: AppContext,
  siteId: string,
  action: string,
  targetId: string,
) {
  const principal = c.get('principal');
  if (principal.kind !== 'staff') return;
  await audit(ctx, {
    staffId: principal.member.id,
    actor: principal.member.email,
    action,
    siteId,
    targetType: 'help_article',
    targetId,
  });
}

/** The console's help center of one site (`/sites/:siteId/help`): articles, categories, report. */
export function consoleHelpRoutes(ctx: ServiceContext) {
  const siteId = async (c: AppContext) =>
    (await siteById(ctx, parseInput(idParam, c.req.param('siteId')))).id;
  const articleId = (c: AppContext) => parseInput(helpArticleIdParam, c.req.param('id'));
  const read = authorize('help.read');
  const write = authorize('help.write');
  return new Hono<AppEnv>()
    .get('/articles', read, async (c) => {
      const filter = parseInput(helpConsoleListQuery, c.req.query());
      return c.json({ articles: await consoleArticles(ctx, await siteId(c), filter) }, 200);
    })
    .post('/articles', write, async (c) => {
      const input = await readBody(c, helpArticleInput);
      return c.json(await createArticle(ctx, await siteId(c), input, staffId(c)), 201);
    })
    .get('/articles/:id', read, async (c) =>
      c.json(await consoleArticle(ctx, await siteId(c), articleId(c)), 200),
    )
    .patch('/articles/:id', write, async (c) => {
      const input = await readBody(c, helpArticleInput);
      return c.json(await updateArticle(ctx, await siteId(c), articleId(c), input, staffId(c)), 200);
    })
    .post('/articles/:id/status', write, async (c) => {
      const { status } = await readBody(c, helpStatusRequest);
      const site = await siteId(c);
      const article = await setStatus(ctx, site, articleId(c), status, staffId(c));
      await auditHelp(
        ctx,
        c,
        site,
        status === 'published' ? 'help.published' : 'help.unpublished',
        String(article.id),
      );
      return c.json(article, 200);
    })
    .post('/articles/:id/revisions/:revisionId/restore', write, async (c) => {
      const revisionId = parseInput(helpArticleIdParam, c.req.param('revisionId'));
      return c.json(await restoreRevision(ctx, await siteId(c), articleId(c), revisionId, staffId(c)), 200);
    })
    .delete('/articles/:id', write, async (c) => {
      const site = await siteId(c);
      await deleteArticle(ctx, site, articleId(c));
      await auditHelp(ctx, c, site, 'help.deleted', String(articleId(c)));
      return c.body(null, 204);
    })
    .post('/preview', read, async (c) => {
      const { body } = await readBody(c, helpPreviewRequest);
      return c.json({ doc: renderMarkdown(body) }, 200);
    })
    .get('/categories', read, async (c) =>
      c.json({ categories: await consoleCategories(ctx, await siteId(c)) }, 200),
    )
    .post('/categories', write, async (c) => {
      const input = await readBody(c, helpCategoryInput);
      return c.json(await saveCategory(ctx, await siteId(c), input), 200);
    })
    .delete('/categories/:id', write, async (c) => {
      await deleteCategory(ctx, await siteId(c), parseInput(idParam, c.req.param('id')));
      return c.body(null, 204);
    })
    .get('/export', read, async (c) => {
      c.header('Content-Disposition', 'attachment; filename="help-center.json"');
      return c.json(await exportHelp(ctx, await siteId(c)), 200);
    })
    .post('/import', write, async (c) => {
      const data = await readBody(c, helpExport, { maxBytes: 5 * 1024 * 1024 });
      const site = await siteId(c);
      const result = await importHelp(ctx, site, data, staffId(c));
      await auditHelp(ctx, c, site, 'help.imported', `${result.created + result.updated}`);
      return c.json(result, 200);
    })
    .get('/report', read, async (c) => {
      const { days } = parseInput(helpReportQuery, c.req.query());
      return c.json(await helpReport(ctx, await siteId(c), Number(days)), 200);
    });
}
