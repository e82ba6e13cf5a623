import { Hono } from 'hono';
import { activityQuery, idParam, overviewQuery } from '../../contract/console.ts';
import { authorize } from '../../http/authorize.ts';
import { parseInput } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import { siteById } from '../sites/settings.ts';
import { activity, overview } from './service.ts';

/** The console's home figures and live activity of one site (`/sites/:siteId/…`). */
export function reportRoutes(ctx: ServiceContext) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  return new Hono<AppEnv>()
    .get('/overview', authorize('reports.read'), async (c) => {
      const { days } = parseInput(overviewQuery, c.req.query());
      return c.json(await overview(ctx, await site(c), Number(days)), 200);
    })
    .get('/activity', authorize('customers.read'), async (c) => {
      const { after } = parseInput(activityQuery, c.req.query());
      return c.json(await activity(ctx, await site(c), after), 200);
    });
}
