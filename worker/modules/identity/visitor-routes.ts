import { Hono } from 'hono';
import { visitorRequest } from '../../contract/visitors.ts';
import type { AppEnv } from '../../http/env.ts';
import { readBody } from '../../http/body.ts';
import type { ServiceContext } from '../context.ts';
import { issueVisitorToken } from './visitors.ts';

/** `POST /v1/visitors`: a token for a new anonymous visitor, or a fresh one for a known visitor. */
export function visitorRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const body = await readBody(c, visitorRequest);
    const result = await issueVisitorToken(ctx, c.get('site'), body.visitorToken);
    return c.json(result, result.created ? 201 : 200);
  });
}
