import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countRows, expectError } from '../fixtures/assert.ts';
import { events } from '../../db/schema/index.ts';
import { serviceContext } from '../../worker/app.ts';
import { main } from '../../worker/cli.ts';
import { createSite, type CreatedSite } from '../../worker/modules/sites/service.ts';
import { start, type RunningServer } from '../../worker/node.ts';

let dir: string;
let server: RunningServer;
let site: CreatedSite;
const logged: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-node-entry-'));
  server = await start({
    dbUrl: `file:${join(dir, 'crm.db')}`,
    port: 0,
    log: (message) => logged.push(message),
  });
  site = await createSite(serviceContext({ db: server.database.db }), {
    name: 'Node entry',
    allowedOrigins: ['https://shop.example'],
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends the head of a request and part of its body over a raw socket, then hangs up. */
function hangUpMidBody(path: string, declared: number, sent: string) {
  const { hostname, port } = new URL(server.origin);
  return new Promise<void>((done) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${declared}\r\n\r\n${sent}`,
      );
      setTimeout(() => {
        socket.destroy();
        done();
      }, 50);
    });
  });
}

describe('the production Node entry', () => {
  it('never seeds: a fresh database has no site but the one a test made', async () => {
    const sites = await server.database.db.query.sites.findMany();
    expect(sites.map((s) => s.name)).toEqual(['Node entry']);
  });

  it('answers unknown paths and methods with the JSON error shape', async () => {
    await expectError(await fetch(`${server.origin}/nope`), 404, 'not_found');
    await expectError(await fetch(`${server.origin}/v1/events`, { method: 'DELETE' }), 401);
    await expectError(await fetch(`${server.origin}/crm.js`, { method: 'POST' }), 404, 'not_found');
  });

  it('does not log a client that hangs up in the middle of its body, and stores nothing', async () => {
    const body = JSON.stringify({ visitorToken: 'x', events: [] });
    await hangUpMidBody(`/v1/events?key=${site.publishableKey}`, 100_000, body.repeat(50));
    await hangUpMidBody(`/v1/orders`, 5_000, '{"customer":');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged).toEqual([]);
    expect(await countRows(server.database.db, events)).toBe(0);
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
  });

  it('serves crm.js compressed, validated by ETag, cached briefly; chunks for a year', async () => {
    const res = await fetch(`${server.origin}/crm.js`, { headers: { 'Accept-Encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(await res.text()).toContain('crm');
    const etag = res.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.origin}/crm.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const chunk = /chunks\/[\w-]+\.js/.exec(await (await fetch(`${server.origin}/crm.js`)).text())?.[0];
    expect(chunk).toBeDefined();
    const lazy = await fetch(`${server.origin}/${chunk ?? ''}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(lazy.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(lazy.headers.get('Content-Encoding')).toBe('gzip');
  });

  it('compresses JSON answers past 1 KB, and sends the small ones plain with their length', async () => {
    const headers = { Authorization: `Bearer ${site.secretKey}`, 'Accept-Encoding': 'gzip' };
    const list = () => fetch(`${server.origin}/v1/customers?limit=100`, { headers });
    const empty = await list();
    expect(empty.status).toBe(200);
    expect(empty.headers.get('Content-Encoding')).toBeNull();
    const text = JSON.stringify({ customers: [], nextCursor: null });
    expect(empty.headers.get('Content-Length')).toBe(String(text.length));
    expect(await empty.text()).toBe(text);
    for (let i = 0; i < 12; i++) {
      const order = await fetch(`${server.origin}/v1/orders`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': `compress-${i}` },
        body: JSON.stringify({
          customer: {
            externalId: `c-${i}`,
            email: `customer${i}@shop.example`,
            name: `Customer number ${i}`,
          },
          currency: 'EUR',
          items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 1000 }],
        }),
      });
      expect(order.status).toBe(201);
      expect(Number(order.headers.get('Content-Length'))).toBeGreaterThan(0);
    }
    const full = await list();
    expect(full.headers.get('Content-Encoding')).toBe('gzip');
    expect(full.headers.get('Vary')).toContain('Accept-Encoding');
    const body = await full.text();
    expect(body.length).toBeGreaterThan(1024);
    expect(body.match(/"externalId":"c-\d+"/g)).toHaveLength(12);
  });
});

describe('the command line', () => {
  it('runs a job on an embedded database, and refuses unknown commands and jobs with usage', async () => {
    const env = { LIBSQL_URL: `file:${join(dir, 'cli.db')}` };
    expect(await main(['jobs', 'run', '--all'], env)).toBe(0);
    expect(await main(['jobs', 'run', 'no-such-job'], env)).toBe(2);
    expect(await main(['no-such-command'], env)).toBe(2);
    expect(await main(['jobs', 'run', '--budget-ms', 'soon', '--all'], env)).toBe(2);
  });

  it('creates a site on a fresh embedded database whose printed keys work over HTTP', async () => {
    const file = join(dir, 'fresh-site.db');
    const env = { LIBSQL_URL: `file:${file}`, CRM_ORIGIN: 'https://crm.shop.example' };
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      printed.push(String(line));
    });
    try {
      expect(
        await main(['site', 'create', '--name', 'Fresh shop', '--origin', 'https://fresh.example'], env),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
    const out = printed.join('\n');
    const publishableKey = /publishable key (pk_\S+)/.exec(out)?.[1] ?? '';
    const secretKey = /secret key\s+(sk_\S+)/.exec(out)?.[1] ?? '';
    expect(out).toContain(
      `<script type="module" src="https://crm.shop.example/crm.js" data-site-key="${publishableKey}"></script>`,
    );
    const fresh = await start({ dbUrl: env.LIBSQL_URL, port: 0 });
    try {
      const visitor = await fetch(`${fresh.origin}/v1/visitors?key=${publishableKey}`, {
        method: 'POST',
        headers: { Origin: 'https://fresh.example', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(visitor.status).toBe(201);
      expect(visitor.headers.get('Access-Control-Allow-Origin')).toBe('https://fresh.example');
      const staff = await fetch(`${fresh.origin}/v1/customers`, {
        headers: { Authorization: `Bearer ${secretKey}` },
      });
      expect(staff.status).toBe(200);
      // A database with a site but no staff still offers the console's first-run setup.
      expect(fresh.setupToken).toEqual(expect.any(String));
    } finally {
      await fresh.close();
    }
  });
});
