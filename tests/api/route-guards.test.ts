import { describe, expect, it } from 'vitest';
import { makeTestApp, SHOP_ORIGIN } from '../fixtures/app.ts';
import { expectError } from '../fixtures/assert.ts';

/** Routes anyone may call: nothing behind them is a tenant's. */
const PUBLIC = new Set(['GET /health', 'GET /console/api/setup', 'GET /console/*']);

/**
 * Routes that establish a credential (first-run setup, sign-in, accepting an invitation):
 * no session yet, but rate-limited and same-origin only.
 */
const ENTRY = new Set([
  'POST /console/api/setup',
  'POST /console/api/sign-in',
  'POST /console/api/invites/accept',
]);

/** Console routes any signed-in member may call: their own session. */
const ANY_MEMBER = new Set([
  'GET /console/api/me',
  'POST /console/api/sign-out',
  'POST /console/api/sign-out/everywhere',
]);

/** Every method + path the app answers, read from the router itself, so a new route is walked too. */
async function registeredRoutes() {
  const t = await makeTestApp();
  const routes = t.app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => ({ method: r.method, path: r.path.replace(/:[A-Za-z]+/g, 'some-id') }));
  const unique = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return { t, routes: [...unique.values()] };
}

/** Middleware that establish who is calling; every guarded route has one of them. */
const CREDENTIAL_GUARDS = ['siteKeyHandler', 'secretKeyHandler', 'staffSessionHandler'];

/** What each kind of caller might send instead of its own credentials. */
const WRONG_CREDENTIALS: [
  string,
  (key: string, secret: string) => { query: string; headers: Record<string, string> },
][] = [
  ['nothing', () => ({ query: '', headers: {} })],
  ['a made-up publishable key', () => ({ query: '?key=pk_made_up', headers: { Origin: SHOP_ORIGIN } })],
  ['a made-up secret key', () => ({ query: '', headers: { Authorization: 'Bearer sk_made_up' } })],
  ['the publishable key as a bearer', (key) => ({ query: '', headers: { Authorization: `Bearer ${key}` } })],
  [
    'the secret key in ?key=',
    (_key, secret) => ({ query: `?key=${secret}`, headers: { Origin: SHOP_ORIGIN } }),
  ],
  ['a foreign origin', (key) => ({ query: `?key=${key}`, headers: { Origin: 'https://evil.example' } })],
];

describe('route guards', () => {
  it('finds the routes of every group', async () => {
    const { routes } = await registeredRoutes();
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'POST /v1/events',
      'GET /v1/me',
      'POST /v1/orders',
      'GET /v1/customers/some-id',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('puts a rate limit and a credential guard in front of every non-public route', async () => {
    const t = await makeTestApp();
    const middleware = t.app.routes.filter((r) => r.method === 'ALL' && r.path.endsWith('/*'));
    const endpoints = t.app.routes.filter((r) => r.method !== 'ALL' && !PUBLIC.has(`${r.method} ${r.path}`));
    for (const endpoint of endpoints) {
      const guards = middleware
        .filter((m) => endpoint.path === m.path.slice(0, -2) || endpoint.path.startsWith(m.path.slice(0, -1)))
        .map((m) => m.handler.name);
      const route = `${endpoint.method} ${endpoint.path}`;
      // Permission checks may also sit in front of the handler on the route itself.
      const inline = t.app.routes
        .filter((r) => r.method === endpoint.method && r.path === endpoint.path)
        .map((r) => r.handler.name);
      const label = `${route}: ${[...guards, ...inline].join(', ')}`;
      expect(guards[0], label).toBe('rateLimitHandler');
      if (guards.includes('siteKeyHandler')) expect(guards, label).toContain('siteCorsHandler');
      if (endpoint.path.startsWith('/console/')) expect(guards, label).toContain('sameOriginHandler');
      if (ENTRY.has(route)) continue;
      expect(
        CREDENTIAL_GUARDS.some((name) => guards.includes(name)),
        label,
      ).toBe(true);
      if (!ANY_MEMBER.has(route) && !guards.includes('siteKeyHandler')) {
        expect([...guards, ...inline], label).toContain('authorizeHandler');
      }
    }
  });

  it.each(WRONG_CREDENTIALS)(
    'answers every non-public route with a 4xx given %s',
    async (_label, credentials) => {
      const { t, routes } = await registeredRoutes();
      for (const route of routes) {
        if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
        const { query, headers } = credentials(t.created.publishableKey, t.created.secretKey);
        const res = await t.app.request(`${route.path}${query}`, {
          method: route.method,
          headers: { 'Content-Type': 'application/json', ...headers },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        expect(res.status, `${route.method} ${route.path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
      }
    },
  );

  it('lets only POST /v1/visitors and the public help reads through with the publishable key alone', async () => {
    const { t, routes } = await registeredRoutes();
    const passed: string[] = [];
    for (const route of routes) {
      if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
      const res = await t.app.request(`${route.path}?key=${t.created.publishableKey}`, {
        method: route.method,
        headers: { 'Content-Type': 'application/json', Origin: SHOP_ORIGIN },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      });
      expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
      if (res.status < 400) passed.push(`${route.method} ${route.path}`);
    }
    // Published help articles are public content: listing them needs no visitor.
    expect(passed).toEqual(['POST /v1/visitors', 'GET /v1/help/categories', 'GET /v1/help/articles']);
  });

  it('answers unknown paths and methods with the JSON error shape', async () => {
    const t = await makeTestApp();
    await expectError(await t.app.request('/nope'), 404, 'not_found');
    await expectError(await t.app.request('/v1/nope', { method: 'POST' }), 404, 'not_found');
    // A known path with an unknown method is still guarded first, then not found.
    await expectError(await t.widget('PUT', '/v1/me', { body: {} }), 404, 'not_found');
    await expectError(await t.staff('DELETE', '/v1/orders'), 404, 'not_found');
  });
});
