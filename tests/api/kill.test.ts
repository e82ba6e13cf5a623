/**
 * Nothing acknowledged is lost when the server is killed: the production Node entry runs in its
 * own process, concurrent clients send events (relaxed commits: WAL with synchronous=NORMAL) and
 * orders (synchronous=FULL), and the process gets SIGKILL in the middle of it. Every event the
 * server answered "accepted" and every order it answered 201 must be in the database afterwards.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import type { EventBatchResponse } from '../../worker/contract/events.ts';
import { serviceContext } from '../../worker/app.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { openNodeDatabase } from '../../worker/node/database.ts';
import { Browser } from '../bench/traffic.ts';

const ORIGIN = 'https://shop.example';
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts `node worker/node.ts` on the file and resolves with its origin once it listens. */
function startEntry(dbUrl: string) {
  const child = spawn(process.execPath, ['worker/node.ts'], {
    env: {
      ...process.env,
      LIBSQL_URL: dbUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', () => {
      reject(new Error(`the server exited before listening: ${out}`));
    });
  });
  return { child, origin };
}

it('keeps every acknowledged event and order through kill -9', { timeout: 60_000 }, async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-kill-'));
  const dbUrl = `file:${join(dir, 'crm.db')}`;
  const setup = await openNodeDatabase(dbUrl);
  const site = await createSite(serviceContext({ db: setup.db }), {
    name: 'Killed',
    allowedOrigins: [ORIGIN],
  });
  setup.close();

  const { child, origin: listening } = startEntry(dbUrl);
  const origin = await listening;
  const widget = (path: string, body: unknown) =>
    fetch(`${origin}${path}?key=${site.publishableKey}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  const browsers = await Promise.all(
    Array.from({ length: 12 }, async () => {
      const res = await widget('/v1/visitors', {});
      const { visitorToken } = await res.json<{ visitorToken: string }>();
      return new Browser(visitorToken);
    }),
  );
  const acceptedEvents: string[] = [];
  const acknowledgedOrders: string[] = [];
  let killed = false;

  // Each loop sends until the server is gone; requests cut off by the kill simply fail.
  const eventLoops = browsers.map(async (browser) => {
    while (!killed) {
      const events = browser.take(1 + (acceptedEvents.length % 5));
      try {
        const res = await widget('/v1/events', { visitorToken: browser.token, events });
        const body = await res.json<EventBatchResponse>();
        for (const r of body.results) if (r.status === 'accepted' && r.id) acceptedEvents.push(r.id);
      } catch {
        return;
      }
    }
  });
  const orderLoops = Array.from({ length: 4 }, async (_, loop) => {
    while (!killed) {
      const key = randomUUID();
      try {
        const res = await fetch(`${origin}/v1/orders`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${site.secretKey}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': key,
          },
          body: JSON.stringify({
            customer: { externalId: `buyer-${loop}` },
            items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 1000 }],
          }),
        });
        if (res.status === 201) acknowledgedOrders.push(key);
      } catch {
        return;
      }
    }
  });

  // Kill once both kinds of write have been acknowledged many times over.
  while (acceptedEvents.length < 300 || acknowledgedOrders.length < 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  killed = true;
  await Promise.all([...eventLoops, ...orderLoops]);
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  expect(child.signalCode).toBe('SIGKILL');

  const after = await openDb(dbUrl);
  try {
    const stored = async (sql: string, ids: string[]) => {
      const rs = await after.client.execute({ sql, args: [site.site.id, JSON.stringify(ids)] });
      return Number(rs.rows[0]?.n);
    };
    expect(
      await stored(
        'SELECT count(*) AS n FROM events WHERE site_id = ? AND event_id IN (SELECT value FROM json_each(?))',
        acceptedEvents,
      ),
    ).toBe(acceptedEvents.length);
    expect(
      await stored(
        'SELECT count(*) AS n FROM orders WHERE site_id = ? AND idempotency_key IN (SELECT value FROM json_each(?))',
        acknowledgedOrders,
      ),
    ).toBe(acknowledgedOrders.length);
  } finally {
    after.close();
  }
});
