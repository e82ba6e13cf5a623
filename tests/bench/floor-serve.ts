/**
 * The HTTP floor: the Node entry's HTTP stack (`@hono/node-server`, Hono, the entry's
 * `compress()` and JSON-length middleware) answering `POST /v1/events` as the product answers
 * it, every event accepted, without touching a database, a token or a validator. What a request
 * costs before the product does any work of its own: the most requests a second this machine's
 * Node HTTP server can answer at all. Bench only, never a route of the product:
 * `node tests/bench/floor-serve.ts`, started by server.ts over IPC like serve.ts.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { jsonLength } from '../../worker/node/json-length.ts';

if (!process.send) throw new Error('run by tests/bench/hotpath.ts');

const app = new Hono();
app.use('/v1/*', compress());
app.use('/v1/*', jsonLength());
app.post('/v1/events', async (c) => {
  const { events } = await c.req.json<{ events: { id: string }[] }>();
  return c.json({
    accepted: events.length,
    duplicates: 0,
    rejected: 0,
    results: events.map((e) => ({ id: e.id, status: 'accepted' })),
  });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ origin: `http://127.0.0.1:${String(info.port)}` });
});
process.on('message', (message) => {
  if (message !== 'stop') return;
  server.close(() => {
    process.exit(0);
  });
});
