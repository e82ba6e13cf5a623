import { Hono } from 'hono';
import { emptyBody } from '../../contract/common.ts';
import { idParam } from '../../contract/console.ts';
import { customerIdParam } from '../../contract/customers.ts';
import {
  rulesQuery,
  scoredListQuery,
  scoringSettingsRequest,
  staffLookupQuery,
} from '../../contract/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import { bearerToken } from '../../http/bearer.ts';
import { parseInput, readBody } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import { forbidden, unauthorized } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { siteById } from '../sites/settings.ts';
import { scoreSite, settingsOf } from './pass.ts';
import {
  csvLines,
  customerScoresOf,
  dashboard,
  listRules,
  listScored,
  saveSettings,
  staffSummary,
} from './service.ts';
import { verifyStaffToken } from './staff-token.ts';

/** Pages a CSV export walks at most (100 rows each); a longer list says where to go on. */
const CSV_PAGES = 100;

/**
 * The console's customer intelligence of one site (`/sites/:siteId/scoring`): the dashboard,
 * lists by score with CSV export, one customer's scores, the rules, the settings and
 * "re-score now".
 */
export function scoringConsoleRoutes(ctx: ServiceContext) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  return new Hono<AppEnv>()
    .get('/dashboard', authorize('reports.read'), async (c) => {
      return c.json(await dashboard(ctx, (await site(c)).id), 200);
    })
    .get('/customers', authorize('customers.read'), async (c) => {
      const { format, ...query } = parseInput(scoredListQuery, c.req.query());
      const current = await site(c);
      if (format === 'json') return c.json(await listScored(ctx, current.id, query), 200);
      // The export walks the list page by page, so no statement reads more than a page.
      let body = '';
      let cursor = query.cursor;
      for (let page = 0; page < CSV_PAGES; page++) {
        const next = await listScored(ctx, current.id, {
          ...query,
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        body += csvLines(next.customers, page === 0);
        cursor = next.nextCursor ?? undefined;
        if (!cursor) break;
      }
      if (cursor) c.header('X-Next-Cursor', cursor);
      c.header('Content-Disposition', `attachment; filename="customers-${current.id}.csv"`);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(body, 200);
    })
    .get('/customers/:id', authorize('customers.read'), async (c) => {
      const id = parseInput(customerIdParam, c.req.param('id'));
      return c.json(await customerScoresOf(ctx, (await site(c)).id, id), 200);
    })
    .get('/rules', authorize('reports.read'), async (c) => {
      const { kind, limit } = parseInput(rulesQuery, c.req.query());
      return c.json({ rules: await listRules(ctx.db, (await site(c)).id, kind, limit) }, 200);
    })
    .get('/settings', authorize('reports.read'), async (c) => {
      return c.json(await settingsOf(ctx.db, (await site(c)).id), 200);
    })
    .put('/settings', authorize('scores.run'), async (c) => {
      const settings = await readBody(c, scoringSettingsRequest);
      return c.json(await saveSettings(ctx, (await site(c)).id, settings), 200);
    })
    .post('/run', authorize('scores.run'), async (c) => {
      await readBody(c, emptyBody);
      // Re-scores what changed since the last pass (a site never scored gets its first full pass).
      const pass = await scoreSite(ctx, (await site(c)).id, 'incremental');
      return c.json({ kind: pass.kind, scored: pass.scored }, 200);
    });
}

/**
 * `/v1/staff`: the staff mode of `<crm-customer-card>`. The bearer is a staff token the host's
 * server signed for its own staff; the site comes from the publishable key, so a token of site
 * A verifies against nothing of site B.
 */
export function staffCardRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().get('/customer', async (c) => {
    const { customer } = parseInput(staffLookupQuery, c.req.query());
    const token = bearerToken(c);
    if (!token) throw unauthorized('invalid_staff_token', 'A staff token is required');
    const site = c.get('site');
    const claims = await verifyStaffToken(ctx, site, token);
    if (claims.customer !== undefined && claims.customer !== customer) {
      throw forbidden('forbidden', 'This staff token is for another customer');
    }
    c.header('Cache-Control', 'no-store');
    return c.json(await staffSummary(ctx, site.id, customer), 200);
  });
}
