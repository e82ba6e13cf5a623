import { Hono } from 'hono';
import { MAX_BATCH_BYTES } from '../../contract/constants.ts';
import { eventBatch } from '../../contract/events.ts';
import type { AppEnv } from '../../http/env.ts';
import { readBody } from '../../http/body.ts';
import type { ServiceContext } from '../context.ts';
import { ingestEvents } from './service.ts';
import { verifyVisitorToken } from '../identity/visitors.ts';

/**
 * `POST /v1/events`: a batch from the tracker. The visitor token rides in the body
 * because `sendBeacon` cannot set headers; the answer comes after the commit.
 */
export function eventRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const body = await readBody(c, eventBatch, { kind: 'json-or-text', maxBytes: MAX_BATCH_BYTES });
    const site = c.get('site');
    const visitor = await verifyVisitorToken(ctx, site, body.visitorToken);
    return c.json(await ingestEvents(ctx, site, visitor, body.events, c.req.header('Origin')), 200);
  });
}
