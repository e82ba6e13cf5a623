import { Hono } from 'hono';
import { IDEMPOTENCY_HEADER, idempotencyKey, orderRequest } from '../../contract/orders.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput, readBody } from '../../http/body.ts';
import type { ServiceContext } from '../context.ts';
import { recordOrder } from './service.ts';

/** `POST /v1/orders`: a purchase from the site's server; replays answer 200 with the first result. */
export function orderRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const key = parseInput(idempotencyKey, c.req.header(IDEMPOTENCY_HEADER));
    const body = await readBody(c, orderRequest);
    const { order, replayed } = await recordOrder(ctx, c.get('site'), key, body);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(order, replayed ? 200 : 201);
  });
}
