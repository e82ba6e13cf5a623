import { Hono } from 'hono';
import { customerIdParam, customerSearch } from '../../contract/customers.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput } from '../../http/body.ts';
import type { ServiceContext } from '../context.ts';
import { customerProfile, searchCustomers } from './service.ts';

/** Staff reads: search and the whole profile, with the site's secret key. */
export function customerRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(customerSearch, c.req.query());
      return c.json(await searchCustomers(ctx, c.get('site'), query), 200);
    })
    .get('/:id', async (c) => {
      const id = parseInput(customerIdParam, c.req.param('id'));
      c.header('Cache-Control', 'no-store');
      return c.json(await customerProfile(ctx, c.get('site'), id), 200);
    });
}
