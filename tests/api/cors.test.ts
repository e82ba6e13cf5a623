import { beforeEach, describe, expect, it } from 'vitest';
import { customers, events, visitors } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { SHOP_ORIGIN, makeTestApp, pageView, type TestApp } from '../fixtures/app.ts';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = await t.newVisitor();
});

const preflight = (origin: string, path = '/v1/events', key: string = t.key) =>
  t.app.request(`${path}?key=${key}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, x-crm-identity',
    },
  });

describe('CORS for allowed origins', () => {
  it.each([SHOP_ORIGIN, 'https://a.brand.example', 'https://deep.sub.brand.example'])(
    'answers %s with its own origin, Vary: Origin and no credentials',
    async (origin) => {
      const res = await t.track(token, [pageView('sess-cors-1', 0, '/')], { origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(res.headers.get('Vary')).toMatch(/\bOrigin\b/);
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    },
  );

  it('answers a preflight from an allowed origin with 204 and the headers the widgets send', async () => {
    for (const path of ['/v1/events', '/v1/me', '/v1/identify', '/v1/visitors', '/v1/me/logout']) {
      const res = await preflight(SHOP_ORIGIN, path);
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
      expect(res.headers.get('Vary')).toMatch(/\bOrigin\b/);
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      const allowed = (res.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase().split(/\s*,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-crm-identity']));
      expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    }
  });

  it('lets a widget on an allowed origin read error answers too', async () => {
    const res = await t.widget('GET', '/v1/me');
    await expectError(res, 401, 'visitor_token_required');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    expect(res.headers.get('Vary')).toMatch(/\bOrigin\b/);
  });
});

describe('CORS for other origins', () => {
  it.each([
    'http://a.brand.example',
    'https://brand.example',
    'https://brand.example.evil.com',
    'https://evilbrand.example',
    'https://a.brand.example:443.evil.com',
    'https://shop.example.evil.com',
    'http://shop.example',
    'https://SHOP.example',
    'null',
    'https://a.brand.example/path',
  ])('refuses a write from %s with 403 and stores nothing', async (origin) => {
    const res = await t.widget('POST', '/v1/events', {
      raw: JSON.stringify({ visitorToken: token, events: [pageView('sess-evil-1', 0, '/')] }),
      headers: { 'Content-Type': 'text/plain' },
      origin,
    });
    await expectError(res, 403, 'origin_not_allowed');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(await countRows(t.db, events)).toBe(0);
  });

  it('refuses the preflight from a foreign origin', async () => {
    const res = await preflight('https://evil.example');
    await expectError(res, 403, 'origin_not_allowed');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Access-Control-Allow-Headers')).toBeNull();
  });

  it('refuses profile reads and new visitors from a foreign origin', async () => {
    const me = await t.widget('GET', '/v1/me', {
      headers: { Authorization: `Bearer ${token}` },
      origin: 'https://evil.example',
    });
    await expectError(me, 403, 'origin_not_allowed');
    const create = await t.widget('POST', '/v1/visitors', { body: {}, origin: 'https://evil.example' });
    await expectError(create, 403, 'origin_not_allowed');
    expect(await countRows(t.db, visitors)).toBe(1);
    expect(await countRows(t.db, customers)).toBe(1);
  });

  it("does not let site B's origin in through site A's key", async () => {
    const b = await t.addSite('Site B', ['https://b-shop.example']);
    const res = await t.track(token, [pageView('sess-b-orig', 0, '/')], { origin: 'https://b-shop.example' });
    await expectError(res, 403, 'origin_not_allowed');
    expect((await preflight('https://b-shop.example', '/v1/events', b.key)).status).toBe(204);
    expect(await countRows(t.db, events)).toBe(0);
  });
});

describe('site key', () => {
  it.each([
    ['missing', ''],
    ['unknown', '?key=pk_unknown'],
    ['secret key', '?key=sk_anything'],
    ['empty', '?key='],
    ['too long', `?key=pk_${'a'.repeat(200)}`],
  ])('refuses a %s key with 401 invalid_site_key', async (_label, query) => {
    const res = await t.app.request(`/v1/events${query}`, {
      method: 'POST',
      headers: { Origin: SHOP_ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ visitorToken: token, events: [pageView('sess-key-01', 0, '/')] }),
    });
    await expectError(res, 401, 'invalid_site_key');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(await countRows(t.db, events)).toBe(0);
  });

  it('refuses a preflight without a known key', async () => {
    await expectError(await preflight(SHOP_ORIGIN, '/v1/events', 'pk_unknown'), 401, 'invalid_site_key');
  });
});
