/**
 * The Workers entry inside real workerd over D1 migrated by wrangler: ingestion,
 * de-duplication, the visitor's own profile, identify, idempotent orders, the error answers
 * and the cron's jobs, all through `dispatchFetch` and the same HTTP helpers the API tests use.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../db/migrate.ts';
import { clientsFor, pageLeave, pageView, productView, SHOP_ORIGIN } from '../fixtures/app.ts';
import { expectError } from '../fixtures/assert.ts';
import { startWorkerd, type Workerd } from './harness.ts';

const SITE = {
  id: 'site_workerd',
  publishableKey: 'pk_workerd_test',
  secretKey: 'sk_workerd_test_secret',
  identitySecret: 'workerd-identity-secret',
  visitorTokenSecret: 'workerd-visitor-token-secret',
};

let w: Workerd;
let api: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  w = await startWorkerd({ RATE_LIMIT_PER_MINUTE: '100000', SETUP_TOKEN: 'workerd-setup-token' });
  api = clientsFor((path, init) => w.fetch(path, init), SITE, Date.now);
  const secretKeyHash = createHash('sha256').update(SITE.secretKey).digest('hex');
  await w.db.batch([
    w.db
      .prepare(
        `INSERT INTO sites (id, name, publishable_key, secret_key_hash, identity_secret,
           visitor_token_secret, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        SITE.id,
        'Workerd shop',
        SITE.publishableKey,
        secretKeyHash,
        SITE.identitySecret,
        SITE.visitorTokenSecret,
        JSON.stringify([SHOP_ORIGIN]),
        Date.now(),
      ),
    w.db
      .prepare('INSERT INTO products (site_id, sku, name, category, price_cents) VALUES (?, ?, ?, ?, ?)')
      .bind(SITE.id, 'LAMP-01', 'Desk lamp', 'Lighting', 4900),
  ]);
});

afterAll(async () => {
  await w.dispose();
});

function pageViews(sessionId: string, paths: string[]) {
  return paths.map((path, seq) => pageView(sessionId, seq, path));
}

/** Sends a batch as `navigator.sendBeacon` does: a text/plain body. */
function track(visitorToken: string, events: unknown[]) {
  return api.track(visitorToken, events, { headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await w.db
    .prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe('Workers entry in workerd over D1', () => {
  it('runs on the schema wrangler migrated', async () => {
    const applied = await w.db.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
    const committed = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
    expect(applied.results.map((r) => r.name)).toEqual(committed);
    const health = await w.fetch('/health');
    expect(await health.json()).toEqual({ ok: true });
  });

  it('ingests a text/plain batch once, and a re-sent batch only as duplicates', async () => {
    const token = await api.newVisitor();
    const sessionId = `sess-${randomUUID()}`;
    const batch = pageViews(sessionId, ['/', '/lamps', '/lamps/desk']);

    const first = await track(token, batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(await count('SELECT count(*) AS n FROM events WHERE session_id = ?', sessionId)).toBe(3);

    const again = await track(token, batch);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      accepted: 0,
      duplicates: 3,
      rejected: 0,
      results: batch.map((e) => ({ id: e.id, status: 'duplicate' })),
    });
    expect(await count('SELECT count(*) AS n FROM events WHERE session_id = ?', sessionId)).toBe(3);
    expect(await count('SELECT page_views AS n FROM sessions WHERE id = ?', sessionId)).toBe(3);

    const me = await api.widget('GET', '/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const profile = await me.json<{ identified: boolean; pageViews: number; recentPages: unknown[] }>();
    expect(profile.identified).toBe(false);
    expect(profile.pageViews).toBe(3);
    // Newest first.
    expect(profile.recentPages).toEqual(
      [...batch].reverse().map((e) => ({ path: e.path, title: e.title, viewedAt: e.ts, dwellMs: null })),
    );
  });

  it('stores a full batch of 100 mixed events, with dwell time and top categories', async () => {
    const token = await api.newVisitor();
    const sessionId = `sess-${randomUUID()}`;
    const views = pageViews(
      sessionId,
      Array.from({ length: 98 }, (_, i) => `/page/${i}`),
    );
    const first = views[0];
    if (!first) throw new Error('no page view');
    const batch = [...views, productView(sessionId, 98, 'LAMP-01'), pageLeave(sessionId, 99, first.id, 5000)];
    const res = await track(token, batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 100, duplicates: 0, rejected: 0 });
    expect(await count('SELECT count(*) AS n FROM events WHERE session_id = ?', sessionId)).toBe(100);
    expect(await count('SELECT dwell_ms AS n FROM events WHERE event_id = ?', first.id)).toBe(5000);
    expect(await count('SELECT dwell_ms AS n FROM sessions WHERE id = ?', sessionId)).toBe(5000);
    const stats = await w.db
      .prepare(
        `SELECT s.page_views, s.total_dwell_ms, s.top_categories FROM customer_stats s
           JOIN events e ON e.customer_id = s.customer_id WHERE e.event_id = ?`,
      )
      .bind(first.id)
      .first<{ page_views: number; total_dwell_ms: number; top_categories: string }>();
    expect(stats).toMatchObject({ page_views: 98, total_dwell_ms: 5000 });
    expect(JSON.parse(stats?.top_categories ?? '[]')).toEqual([{ category: 'Lighting', count: 1 }]);
  });

  it('decides an offer on D1, and again in a later request with the same exposure', async () => {
    // The decision's reads are prepared once per database handle and reused by later requests.
    await w.db
      .prepare(
        `INSERT INTO offers (id, site_id, name, status, placement, title, holdout_percent, holdout_override,
           created_at, updated_at) VALUES (?, ?, ?, 'live', 'workerd-hero', ?, 0, 1, ?, ?)`,
      )
      .bind('offer_workerd', SITE.id, 'Workerd offer', 'Ten percent off', Date.now(), Date.now())
      .run();
    const token = await api.newVisitor();
    const decide = async () => {
      const res = await api.widget('POST', '/v1/offers/decide', {
        body: { placement: 'workerd-hero' },
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return (await res.json<{ offer: { offerId: string; exposureId: string } | null }>()).offer;
    };
    const first = await decide();
    expect(first).toMatchObject({ offerId: 'offer_workerd' });
    expect(await decide()).toEqual(first);
    expect(await count('SELECT count(*) AS n FROM offer_exposures WHERE offer_id = ?', 'offer_workerd')).toBe(
      1,
    );
  });

  it('promotes the visitor with an identity token, and then needs it to read the profile', async () => {
    const token = await api.newVisitor();
    expect((await track(token, pageViews(`sess-${randomUUID()}`, ['/account']))).status).toBe(200);
    const identity = await api.identityToken('cust-workerd-1', { name: 'Ada Lin' });

    const res = await api.widget('POST', '/v1/identify', {
      body: {},
      headers: { Authorization: `Bearer ${token}`, 'X-Crm-Identity': identity },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'promoted' });

    const anonymous = await api.widget('GET', '/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    await expectError(anonymous, 401, 'identity_required');
    const me = await api.widget('GET', '/v1/me', {
      headers: { Authorization: `Bearer ${token}`, 'X-Crm-Identity': identity },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ identified: true, name: 'Ada Lin', pageViews: 1 });
  });

  it('records an order once per idempotency key and replays it', async () => {
    const send = () =>
      api.staff('POST', '/v1/orders', {
        headers: { 'Idempotency-Key': 'order-workerd-0001' },
        body: {
          customer: { externalId: 'cust-workerd-2', email: 'grace@example.com' },
          reference: '#W1',
          items: [{ sku: 'LAMP-01', quantity: 2, unitPriceCents: 4900 }],
        },
      });

    const created = await send();
    expect(created.status).toBe(201);
    const order = await created.json<Record<string, unknown>>();
    expect(order).toMatchObject({
      reference: '#W1',
      currency: 'USD',
      totalCents: 9800,
      items: [{ sku: 'LAMP-01', name: 'Desk lamp', category: 'Lighting', quantity: 2, unitPriceCents: 4900 }],
    });

    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.json()).toEqual(order);
    expect(
      await count('SELECT count(*) AS n FROM orders WHERE idempotency_key = ?', 'order-workerd-0001'),
    ).toBe(1);
  });

  it('records an order with more lines than D1 binds parameters per statement', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({
      sku: i === 0 ? 'LAMP-01' : `SKU-${i}`,
      quantity: 1,
      unitPriceCents: 100,
    }));
    const res = await api.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'order-workerd-0002' },
      body: { customer: { externalId: 'cust-workerd-3' }, items },
    });
    expect(res.status).toBe(201);
    const order = await res.json<{ totalCents: number; items: { sku: string; name: string }[] }>();
    expect(order.totalCents).toBe(12_000);
    expect(order.items.map((i) => i.sku)).toEqual(items.map((i) => i.sku));
    expect(order.items[0]?.name).toBe('Desk lamp');
  });

  it('refuses a foreign origin with 403', async () => {
    const res = await api.widget('POST', '/v1/visitors', { body: {}, origin: 'https://evil.example' });
    await expectError(res, 403, 'origin_not_allowed');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers malformed JSON with a 400 error body, not a 500', async () => {
    const res = await api.widget('POST', '/v1/events', {
      raw: '{"visitorToken": "abc", "events": [',
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectError(res, 400, 'invalid_json');
  });

  it('runs the registered jobs on a cron tick and records where they stand', async () => {
    const token = await api.newVisitor();
    expect((await track(token, pageViews(`sess-${randomUUID()}`, ['/cron']))).status).toBe(200);
    await w.db.prepare('UPDATE customer_stats SET page_views = 999').run();
    const tick = await w.mf.dispatchFetch('http://localhost/cdn-cgi/handler/scheduled?cron=*/15+*+*+*+*');
    expect(tick.status).toBe(200);
    expect(
      await count("SELECT count(*) AS n FROM job_state WHERE name = 'recompute-stats' AND cursor IS NULL"),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM customer_stats WHERE page_views = 999')).toBe(0);
  });

  it('sets up the console with SETUP_TOKEN and signs the owner in, with the full PBKDF2 work factor', async () => {
    const origin = 'https://crm.test';
    const post = (path: string, body: unknown, cookie?: string) =>
      w.fetch(`/console/api${path}`, {
        method: 'POST',
        headers: {
          Origin: origin,
          'Content-Type': 'application/json',
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: JSON.stringify(body),
      });
    const owner = { email: 'owner@workerd.example', name: 'Owner', password: 'a long workerd password' };
    const setup = await post('/setup', {
      setupToken: 'workerd-setup-token',
      owner,
      site: { name: 'Edge shop', allowedOrigins: ['https://edge.example'] },
    });
    expect(setup.status).toBe(201);
    const keys = await setup.json<{ site: { name: string }; secretKey: string }>();
    expect(keys.site.name).toBe('Edge shop');
    expect(keys.secretKey).toMatch(/^sk_/);
    const stored = await w.db.prepare('SELECT password_hash AS hash FROM staff').first<{ hash: string }>();
    expect(stored?.hash).toMatch(/^pbkdf2-sha256\$600000\$/);

    const signIn = await post('/sign-in', { email: owner.email, password: owner.password });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^crm_console=/);
    const me = await w.fetch('/console/api/me', { headers: { Cookie: cookie } });
    expect(await me.json()).toMatchObject({ member: { email: owner.email, role: 'owner' } });
    const again = await post('/setup', {
      setupToken: 'workerd-setup-token',
      owner: { ...owner, email: 'second@workerd.example' },
      site: { name: 'Again', allowedOrigins: ['https://again.example'] },
    });
    expect(again.status).toBe(409);
  });
});
