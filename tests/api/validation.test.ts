import { beforeAll, describe, expect, it } from 'vitest';
import { customerStats, events } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, pageView, productView, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await makeTestApp();
  token = await t.newVisitor();
});

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const good = () => pageView('sess-fuzz-01', 0, '/');

/** Malformed JSON bodies; each is sent to every route as application/json. */
const bodies: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  'text',
  [],
  [{}],
  {},
  { visitorToken: null },
  { visitorToken: 123 },
  { visitorToken: {} },
  { visitorToken: 'x'.repeat(1001) },
  { visitorToken: '\ud800' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"visitorToken":"x"},"constructor":{"prototype":{}}}'),
  { events: null },
  { events: 'x' },
  { events: [null] },
  { events: [1, 'a', [], true] },
  { events: [{ ...good(), id: { $gt: '' } }] },
  { events: [{ ...good(), id: "x' OR 1=1 --" }] },
  { events: [{ ...good(), ts: -1 }] },
  { events: [{ ...good(), ts: 1e300 }] },
  { events: [{ ...good(), seq: 'NaN' }] },
  { events: [{ ...good(), type: 'admin' }] },
  { events: [{ ...good(), properties: [] }] },
  { events: [{ ...good(), properties: 'str' }] },
  { events: [{ ...good(), properties: { ['k'.repeat(101)]: 1 } }] },
  { events: [{ ...good(), path: '\ud800\udfff\u0000' }] },
  { events: [{ ...good(), dwellMs: -5, viewId: 'bad id!' }] },
  { events: [{ ...good(), sessionId: '' }] },
  { events: [{ ...good(), properties: { deep: nested(900) } }] },
  {
    events: [
      { ...productView('sess-fuzz-02', 0, 'MUG-01'), properties: { sku: 'MUG-01', deep: nested(1100) } },
    ],
  },
  { events: [{ ...productView('sess-fuzz-03', 0, 'MUG-01'), properties: { sku: { nested: true } } }] },
  { customer: null, items: null },
  { customer: { externalId: '' }, items: [] },
  { customer: { externalId: 'c-1' }, items: [{ sku: 'A', quantity: 1e20, unitPriceCents: 1 }] },
  { customer: { externalId: 'c-1' }, items: [{ sku: 'A', quantity: 1, unitPriceCents: -1 }] },
  {
    customer: { externalId: 'c-1' },
    items: Array.from({ length: 201 }, () => ({ sku: 'A', quantity: 1, unitPriceCents: 1 })),
  },
  { customer: { externalId: 'c-1' }, placedAt: -1, items: [{ sku: 'A', quantity: 1, unitPriceCents: 1 }] },
  {
    customer: { externalId: 'c-1', attributes: { x: 1 } },
    items: [{ sku: 'A', quantity: 1, unitPriceCents: 1 }],
  },
];

const routes: [string, string, (body: string) => Promise<Response>][] = [
  ['POST', '/v1/events', (raw) => t.widget('POST', '/v1/events', { raw })],
  ['POST', '/v1/events (token)', (raw) => t.widget('POST', '/v1/events', { raw: withToken(raw) })],
  ['POST', '/v1/visitors', (raw) => t.widget('POST', '/v1/visitors', { raw })],
  ['POST', '/v1/identify', (raw) => t.widget('POST', '/v1/identify', { raw, headers: auth() })],
  [
    'POST',
    '/v1/me/logout',
    (raw) => t.widget('POST', '/v1/me/logout', { raw, headers: { Authorization: 'Bearer x.y.z' } }),
  ],
  [
    'POST',
    '/v1/orders',
    (raw) =>
      t.staff('POST', '/v1/orders', {
        headers: { 'Idempotency-Key': 'fuzz-key-0001' },
        body: JSON.parse(raw),
      }),
  ],
];

const auth = () => ({ Authorization: `Bearer ${token}`, 'X-Crm-Identity': 'a.b.c' });

function withToken(raw: string) {
  const value = JSON.parse(raw) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return raw;
  return JSON.stringify({ ...value, visitorToken: token });
}

describe('malformed input never gets a 500', () => {
  it.each(routes)(
    '%s %s answers every malformed body below 500 in the error shape',
    async (_m, _path, send) => {
      for (const body of bodies) {
        const res = await send(JSON.stringify(body));
        expect(res.status, JSON.stringify(body).slice(0, 120)).toBeLessThan(500);
        if (res.status >= 400) await expectError(res, res.status);
      }
    },
  );

  it('rejects a deeply nested event individually, storing the rest of the batch', async () => {
    const fresh = await makeTestApp();
    const visitor = await fresh.newVisitor();
    const ok = pageView('sess-deep-01', 0, '/ok');
    const raw = JSON.stringify({
      visitorToken: visitor,
      events: [ok, { ...pageView('sess-deep-01', 1, '/'), properties: {} }],
    }).replace('"properties":{}', `"properties":{"d":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    const res = await fresh.widget('POST', '/v1/events', { raw });
    expect(res.status).toBe(200);
    const body = await res.json<{ accepted: number; rejected: number; results: { reason?: string }[] }>();
    expect(body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(body.results[1]?.reason).toMatch(/nested/);
    expect(await countRows(fresh.db, events)).toBe(1);
  });

  it('keeps recording product views after refusing a deeply nested one', async () => {
    const fresh = await makeTestApp();
    const visitor = await fresh.newVisitor();
    const deep = {
      ...productView('sess-deep-02', 0, 'MUG-01'),
      properties: { sku: 'MUG-01', d: nested(1100) },
    };
    const res = await fresh.track(visitor, [deep, productView('sess-deep-02', 1, 'LAMP-01')]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: 1 });
    const [stats] = await fresh.db.select().from(customerStats);
    expect(stats?.topCategories).toEqual([{ category: 'Lighting', count: 1 }]);
  });

  it.each([
    ['Authorization without scheme', { Authorization: 'token' }],
    ['Authorization with two tokens', { Authorization: 'Bearer a b' }],
    ['very long bearer', { Authorization: `Bearer ${'a'.repeat(10_000)}` }],
    ['identity header garbage', { 'X-Crm-Identity': '\u00ff\u00fe' }],
    ['identity header huge', { 'X-Crm-Identity': `${'a'.repeat(5000)}.${'b'.repeat(5000)}.c` }],
  ])('survives %s', async (_label, headers) => {
    for (const path of ['/v1/me', '/v1/identify']) {
      const res = await t.widget(path === '/v1/me' ? 'GET' : 'POST', path, {
        ...(path === '/v1/identify' ? { body: {} } : {}),
        headers: { Authorization: `Bearer ${token}`, ...headers },
      });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) await expectError(res, res.status);
    }
  });
});

describe('error shape', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/v1'],
    ['GET', '/v1/unknown'],
    ['DELETE', '/v1/orders'],
    ['PUT', '/v1/customers/x'],
    ['GET', '/v1/events'],
  ])('answers %s %s with a JSON 404', async (method, path) => {
    const res = await t.app.request(path, {
      method,
      headers: { Authorization: `Bearer ${t.created.secretKey}` },
    });
    const widgetRes = method === 'GET' && path === '/v1/events' ? await t.widget('GET', path) : res;
    await expectError(widgetRes, 404, 'not_found');
  });

  it('answers GET /health', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
