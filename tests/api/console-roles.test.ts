import { describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../worker/contract/constants.ts';
import { PERMISSIONS, type Permission } from '../../worker/modules/staff/permissions.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';
import { expectError } from '../fixtures/assert.ts';
import { consoleBrowser, signedInMember } from '../fixtures/console.ts';

/** One route of each class, and the permission it declares. */
const ROUTES: { permission: Permission; method: string; path: (t: TestApp) => string; body?: unknown }[] = [
  { permission: 'customers.read', method: 'GET', path: (t) => `/sites/${t.site.id}/customers` },
  { permission: 'customers.read', method: 'GET', path: (t) => `/sites/${t.site.id}/activity` },
  { permission: 'reports.read', method: 'GET', path: (t) => `/sites/${t.site.id}/overview?days=30` },
  { permission: 'settings.read', method: 'GET', path: (t) => `/sites/${t.site.id}` },
  {
    permission: 'settings.write',
    method: 'PATCH',
    path: (t) => `/sites/${t.site.id}`,
    body: { name: 'Renamed' },
  },
  {
    permission: 'keys.manage',
    method: 'POST',
    path: (t) => `/sites/${t.site.id}/identity-secret`,
    body: { graceHours: 1 },
  },
  { permission: 'scores.run', method: 'POST', path: (t) => `/sites/${t.site.id}/scoring/run`, body: {} },
  { permission: 'staff.manage', method: 'GET', path: () => '/staff' },
  { permission: 'staff.manage', method: 'GET', path: () => '/audit' },
];

describe('roles', () => {
  it.each(STAFF_ROLES.flatMap((role) => ROUTES.map((route) => [role, route.permission, route] as const)))(
    '%s × %s',
    async (role: StaffRole, permission, route) => {
      const t = await makeTestApp();
      const { browser } = await signedInMember(t, role);
      const res = await browser.call(route.method, route.path(t), route.body);
      const allowed = (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
      if (allowed) expect(res.status, await res.clone().text()).toBeLessThan(300);
      else await expectError(res, 403, 'forbidden');
    },
  );

  it('follow the documented table', () => {
    expect(PERMISSIONS).toEqual({
      'customers.read': ['owner', 'admin', 'marketing', 'service'],
      'reports.read': ['owner', 'admin', 'marketing'],
      'settings.read': ['owner', 'admin'],
      'settings.write': ['owner', 'admin'],
      'keys.manage': ['owner'],
      'staff.manage': ['owner'],
      'scores.run': ['owner', 'admin', 'marketing'],
      'offers.read': ['owner', 'admin', 'marketing'],
      'offers.write': ['owner', 'admin', 'marketing'],
      'orders.write': [],
      'tickets.read': ['owner', 'admin', 'service'],
      'tickets.write': ['owner', 'admin', 'service'],
      'service.manage': ['owner', 'admin'],
      'service.reports': ['owner', 'admin', 'service'],
      'help.read': ['owner', 'admin', 'marketing', 'service', 'content'],
      'help.write': ['owner', 'admin', 'content'],
      'configurator.read': ['owner', 'admin', 'service'],
      'configurator.write': ['owner', 'admin'],
      'production.write': ['owner', 'admin', 'service'],
    });
  });

  it('give a site’s secret key its server routes and nothing of the console', async () => {
    const t = await makeTestApp();
    expect((await t.staff('GET', '/v1/customers')).status).toBe(200);
    const res = await t.app.request(`/console/api/sites/${t.site.id}/customers`, {
      headers: { Authorization: `Bearer ${t.created.secretKey}` },
    });
    await expectError(res, 401, 'sign_in_required');
  });

  it('keep the last active owner an owner', async () => {
    const t = await makeTestApp();
    const owner = await signedInMember(t, 'owner');
    await expectError(
      await owner.browser.call('PATCH', `/staff/${owner.member.id}`, { role: 'admin' }),
      409,
      'last_owner',
    );
    await expectError(
      await owner.browser.call('PATCH', `/staff/${owner.member.id}`, { active: false }),
      403,
      'self_deactivation',
    );
  });
});

describe('keys', () => {
  it('a rotated secret key stops working at once, the new one works', async () => {
    const t = await makeTestApp();
    const owner = await signedInMember(t, 'owner');
    const res = await owner.browser.call('POST', `/sites/${t.site.id}/secret-key`, { confirm: true });
    expect(res.status).toBe(200);
    const { secretKey } = await res.json<{ secretKey: string }>();
    await expectError(await t.staff('GET', '/v1/customers'), 401, 'invalid_secret_key');
    const fresh = await t.app.request('/v1/customers', { headers: { Authorization: `Bearer ${secretKey}` } });
    expect(fresh.status).toBe(200);
    await expectError(
      await owner.browser.call('POST', `/sites/${t.site.id}/secret-key`, {}),
      400,
      'validation_failed',
    );
  });

  it.each([
    [1, true],
    [0, false],
  ])(
    'a rotated identity secret with %i grace hours: old tokens accepted %s, then refused',
    async (graceHours, during) => {
      const t = await makeTestApp();
      const owner = await signedInMember(t, 'owner');
      const oldSecret = t.created.identitySecret;
      const res = await owner.browser.call('POST', `/sites/${t.site.id}/identity-secret`, { graceHours });
      const { identitySecret } = await res.json<{ identitySecret: string }>();
      const identify = async (secret: string, sub: string) => {
        const visitor = await t.newVisitor();
        return t.widget('POST', '/v1/identify', {
          body: {},
          headers: {
            Authorization: `Bearer ${visitor}`,
            'X-Crm-Identity': await t.identityToken(sub, {}, secret),
          },
        });
      };
      expect((await identify(identitySecret, 'cust-new')).status).toBe(200);
      expect((await identify(oldSecret, 'cust-old-1')).status).toBe(during ? 200 : 401);
      t.clock.now += graceHours * 3600_000 + 1000;
      await expectError(await identify(oldSecret, 'cust-old-2'), 401, 'invalid_identity_token');
      expect((await identify(identitySecret, 'cust-new-2')).status).toBe(200);
    },
  );
});

describe('customers, activity and the home page', () => {
  async function browsingShop() {
    const t = await makeTestApp();
    const visitor = await t.newVisitor();
    const view1 = pageView('sess-console-1', 0, '/');
    const view2 = pageView('sess-console-1', 2, '/lamps', { ts: view1.ts + 20_000 });
    await t.track(visitor, [
      view1,
      productView('sess-console-1', 1, 'LAMP-01'),
      pageLeave('sess-console-1', 3, view1.id, 15_000),
      view2,
      pageLeave('sess-console-1', 4, view2.id, 42_000),
    ]);
    await t.widget('POST', '/v1/identify', {
      body: {},
      headers: {
        Authorization: `Bearer ${visitor}`,
        'X-Crm-Identity': await t.identityToken('cust-9', { name: 'Ada' }),
      },
    });
    await t.staff('POST', '/v1/orders', {
      headers: { 'Idempotency-Key': 'order-console-1' },
      body: {
        customer: { externalId: 'cust-9' },
        items: [{ sku: 'LAMP-01', quantity: 2, unitPriceCents: 4900 }],
        currency: 'USD',
      },
    });
    return t;
  }

  it('the 360 shows the pages in the order viewed with their dwell, the orders and the totals; the view is audited', async () => {
    const t = await browsingShop();
    const { browser } = await signedInMember(t, 'service');
    const list = await (
      await browser.call('GET', `/sites/${t.site.id}/customers?q=cust-9`)
    ).json<{
      customers: { id: string; name: string; revenueCents: number }[];
    }>();
    expect(list.customers).toHaveLength(1);
    const [row] = list.customers;
    expect(row).toMatchObject({ name: 'Ada', revenueCents: 9800 });
    const res = await browser.call('GET', `/sites/${t.site.id}/customers/${row?.id ?? ''}`);
    expect(res.status).toBe(200);
    const profile = await res.json<{
      stats: { orders: number; pageViews: number; totalDwellMs: number };
      orders: { totalCents: number }[];
      timeline: {
        sessions: {
          id: string;
          events: { type: string; path: string | null; dwellMs: number | null; sku: string | null }[];
        }[];
      };
    }>();
    expect(profile.stats).toMatchObject({ orders: 1, pageViews: 2, totalDwellMs: 57_000 });
    expect(profile.orders.map((o) => o.totalCents)).toEqual([9800]);
    const [session] = profile.timeline.sessions;
    expect(session?.id).toBe('sess-console-1');
    expect(session?.events.map((e) => [e.type, e.path ?? e.sku, e.dwellMs])).toEqual([
      ['page_view', '/', 15_000],
      ['product_view', 'LAMP-01', null],
      ['page_view', '/lamps', 42_000],
      ['page_leave', null, 15_000],
      ['page_leave', null, 42_000],
    ]);
    const owner = await signedInMember(t, 'owner');
    const audit = await (
      await owner.browser.call('GET', '/audit')
    ).json<{ entries: { action: string; targetId: string | null }[] }>();
    expect(audit.entries.find((e) => e.action === 'customer.viewed')?.targetId).toBe(row?.id);
  });

  it('lists customers with filters, sorts and keyset pages that visit every row once', async () => {
    const t = await browsingShop();
    for (let i = 0; i < 7; i++) await t.newVisitor();
    const { browser } = await signedInMember(t, 'marketing');
    const get = async (query: string) =>
      (await browser.call('GET', `/sites/${t.site.id}/customers?${query}`)).json<{
        customers: { id: string; externalId: string | null; revenueCents: number }[];
        nextCursor: string | null;
      }>();
    expect((await get('identified=yes')).customers.map((c) => c.externalId)).toEqual(['cust-9']);
    expect((await get('identified=no')).customers).toHaveLength(7);
    expect((await get('hasOrders=yes')).customers.map((c) => c.externalId)).toEqual(['cust-9']);
    expect((await get('sort=revenue&limit=1')).customers[0]?.externalId).toBe('cust-9');
    for (const sort of ['lastSeen', 'firstSeen', 'revenue', 'orders']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.customers.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(8);
      expect(seen, sort).toHaveLength(8);
    }
    await expectError(
      await browser.call('GET', `/sites/${t.site.id}/customers?sort=email`),
      400,
      'validation_failed',
    );
    await expectError(
      await browser.call('GET', `/sites/${t.site.id}/customers?cursor=zzz`),
      400,
      'invalid_cursor',
    );
  });

  it('the home page counts the day’s views, sessions, visitors, identified customers, orders and revenue', async () => {
    const t = await browsingShop();
    // A re-sent batch adds nothing.
    const { browser } = await signedInMember(t, 'marketing');
    const overview = await (
      await browser.call('GET', `/sites/${t.site.id}/overview?days=7`)
    ).json<{
      totals: Record<string, number>;
      daily: { day: string }[];
      topPages: { path: string; views: number }[];
      topProducts: { sku: string; views: number; orders: number }[];
    }>();
    expect(overview.totals).toEqual({
      visitors: 1,
      pageViews: 2,
      sessions: 1,
      identified: 1,
      orders: 1,
      revenueCents: 9800,
    });
    expect(overview.daily).toHaveLength(7);
    expect(overview.topPages).toEqual([
      { path: '/', views: 1 },
      { path: '/lamps', views: 1 },
    ]);
    expect(overview.topProducts).toEqual([{ sku: 'LAMP-01', name: 'Desk lamp', views: 1, orders: 1 }]);
  });

  it('live activity lists the newest events and then only newer ones', async () => {
    const t = await browsingShop();
    const { browser } = await signedInMember(t, 'service');
    const first = await (
      await browser.call('GET', `/sites/${t.site.id}/activity`)
    ).json<{ events: { id: number; type: string }[] }>();
    expect(first.events.map((e) => e.type)).toEqual([
      'page_leave',
      'page_view',
      'page_leave',
      'product_view',
      'page_view',
    ]);
    const newest = first.events[0]?.id ?? 0;
    const visitor = await t.newVisitor();
    await t.track(visitor, [pageView('sess-console-2', 0, '/new')]);
    const next = await (
      await browser.call('GET', `/sites/${t.site.id}/activity?after=${newest}`)
    ).json<{ events: { path: string | null }[] }>();
    expect(next.events.map((e) => e.path)).toEqual(['/new']);
  });

  it('settings show the snippet and the install check per origin', async () => {
    const t = await browsingShop();
    const owner = await signedInMember(t, 'owner');
    const settings = await (
      await owner.browser.call('GET', `/sites/${t.site.id}`)
    ).json<{
      snippet: string;
      install: { origin: string; events: number; allowed: boolean }[];
    }>();
    expect(settings.snippet).toContain(`data-site-key="${t.created.publishableKey}"`);
    expect(settings.install).toMatchObject([{ origin: 'https://shop.example', events: 5, allowed: true }]);
    const invalid = await owner.browser.call('PATCH', `/sites/${t.site.id}`, {
      allowedOrigins: ['javascript:alert(1)'],
    });
    await expectError(invalid, 400, 'validation_failed');
    const renamed = await owner.browser.call('PATCH', `/sites/${t.site.id}`, {
      allowedOrigins: ['https://shop.example', 'https://new.example'],
    });
    expect(renamed.status).toBe(200);
    // The widget API sees the new origin at once: the site cache was told.
    expect((await t.widget('POST', '/v1/visitors', { body: {}, origin: 'https://new.example' })).status).toBe(
      201,
    );
  });
});

describe('an unknown site or customer', () => {
  it('answers 404, never 500', async () => {
    const t = await makeTestApp();
    const { browser } = await signedInMember(t, 'owner');
    await expectError(await browser.call('GET', '/sites/no-such-site/customers'), 404, 'not_found');
    await expectError(
      await browser.call('GET', `/sites/${t.site.id}/customers/no-such-customer`),
      404,
      'not_found',
    );
    await expectError(await consoleBrowser(t).call('GET', '/sites/x'), 401, 'sign_in_required');
  });
});
