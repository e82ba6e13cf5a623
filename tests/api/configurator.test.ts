import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { REFRIGERATOR } from '../../examples/shop/refrigerator.ts';
import {
  customOrderStatusLog,
  customOrders,
  customerStats,
  designs,
  orderItems,
  orders,
  visitors,
} from '../../db/schema/index.ts';
import type {
  CustomOrderDetail,
  CustomOrderPage,
  DesignResponse,
  MyCustomOrder,
  PlaceOrderResponse,
} from '../../worker/contract/configurator.ts';
import type { MeResponse } from '../../worker/contract/me.ts';
import type { CustomerProfile } from '../../worker/contract/customers.ts';
import {
  evaluate,
  type Configuration,
  type ProductModel,
} from '../../worker/contract/shared/configurator/index.ts';
import { MAX_DESIGNS, saveProduct } from '../../worker/modules/configurator/service.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { expectError, snapshotCounts } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';
import { jwtPayload } from '../fixtures/tokens.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  const saved = await saveProduct({ db: t.db, now: () => t.clock.now, newId }, t.site, REFRIGERATOR);
  expect(saved.ok).toBe(true);
});

const tables = { orders, orderItems, customOrders, customOrderStatusLog, customerStats, designs };

const config: Configuration = {
  quantity: 2,
  picks: {
    colour: { sage: 1 },
    layout: { bottom: 1 },
    compartments: { drawer: 3, ice: 1 },
    addons: { wifi: 1 },
  },
};
const priceOf = (c: Configuration) => evaluate(REFRIGERATOR, c).total;

/** A shopper: a visitor token, and once signed in, the identity token that goes with it. */
async function shopper(sub?: string) {
  const visitorToken = await t.newVisitor();
  const headers: Record<string, string> = { Authorization: `Bearer ${visitorToken}` };
  if (sub) {
    headers['X-Crm-Identity'] = await t.identityToken(sub, {
      name: `Customer ${sub}`,
      email: `${sub}@example.com`,
    });
    const res = await t.widget('POST', '/v1/identify', { body: {}, headers });
    expect(res.status).toBe(200);
  }
  const customerId = async () =>
    (await t.db.query.visitors.findFirst({ where: eq(visitors.id, String(jwtPayload(visitorToken).sub)) }))
      ?.customerId ?? '';
  const call = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    t.widget(method, `/v1/configurator${path}`, {
      headers: { ...headers, ...extra },
      ...(body !== undefined ? { body } : {}),
    });
  return { headers, call, customerId };
}

const place = (who: Awaited<ReturnType<typeof shopper>>, key: string, body: Record<string, unknown> = {}) =>
  who.call(
    'POST',
    '/orders',
    { sku: 'FRIDGE-CFG', configuration: config, expectedTotal: priceOf(config), currency: 'USD', ...body },
    { 'Idempotency-Key': key },
  );

describe('public model and evaluation', () => {
  it('serves the model and evaluates exactly as the engine does in process', async () => {
    const res = await t.widget('GET', '/v1/configurator/products/FRIDGE-CFG');
    expect(res.status).toBe(200);
    const product = await res.json<{ version: number; model: ProductModel }>();
    expect(product.model).toEqual(REFRIGERATOR);
    const bad: Configuration = { quantity: 1, picks: { ...config.picks, layout: { top: 1 } } };
    for (const [c, locale] of [
      [config, 'en'],
      [bad, 'zh-TW'],
    ] as const) {
      const evaluated = await t.widget('POST', '/v1/configurator/products/FRIDGE-CFG/evaluate', {
        body: { configuration: c, locale },
      });
      expect(await evaluated.json()).toEqual({ ...evaluate(REFRIGERATOR, c, locale), version: 1 });
    }
    await expectError(await t.widget('GET', '/v1/configurator/products/NOPE'), 404, 'not_found');
    await expectError(
      await t.widget('POST', '/v1/configurator/products/FRIDGE-CFG/evaluate', {
        body: { configuration: { picks: {} } },
      }),
      400,
      'validation_failed',
    );
  });

  it('keeps each site’s products to itself', async () => {
    const other = await t.addSite('Other shop');
    await expectError(await other.widget('GET', '/v1/configurator/products/FRIDGE-CFG'), 404, 'not_found');
  });
});

describe('placing a custom order', () => {
  it('records a real order in the profile with the configuration and its priced breakdown', async () => {
    const ada = await shopper('ada');
    const res = await place(ada, 'place-key-0001');
    expect(res.status).toBe(201);
    const body = await res.json<PlaceOrderResponse>();
    const expected = evaluate(REFRIGERATOR, config);
    expect(body).toMatchObject({
      sku: 'FRIDGE-CFG',
      quantity: 2,
      total: expected.total,
      currency: 'USD',
      status: 'received',
    });
    expect(body.reference).toMatch(/^CO-[A-Z0-9]{8}$/);
    expect(body.lines).toEqual(expected.lines);

    const customerId = await ada.customerId();
    const [order] = await t.db.select().from(orders).where(eq(orders.customerId, customerId));
    expect(order).toMatchObject({ reference: body.reference, totalCents: expected.total, currency: 'USD' });
    const lines = await t.db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, order?.id ?? ''));
    expect(lines).toEqual([
      expect.objectContaining({
        sku: 'FRIDGE-CFG',
        category: 'appliances',
        quantity: 2,
        unitPriceCents: expected.unitPrice,
      }),
    ]);
    const custom = await t.db.query.customOrders.findFirst({
      where: eq(customOrders.orderId, order?.id ?? ''),
    });
    expect(custom?.configuration).toEqual(config);
    expect(custom?.breakdown).toMatchObject({ total: expected.total, lines: expected.lines });

    // The profile counts it like any purchase: stats, top categories, the card and the 360.
    const stats = await t.db.query.customerStats.findFirst({
      where: eq(customerStats.customerId, customerId),
    });
    expect(stats).toMatchObject({ orders: 1, revenueCents: expected.total });
    expect(stats?.topCategories).toEqual([{ category: 'appliances', count: 1 }]);
    const me = await (await t.widget('GET', '/v1/me', { headers: ada.headers })).json<MeResponse>();
    expect(me.orders).toBe(1);
    expect(me.recentOrders[0]).toMatchObject({ reference: body.reference, production: 'received' });
    const profile = await (await t.staff('GET', `/v1/customers/${customerId}`)).json<CustomerProfile>();
    expect(profile.stats).toMatchObject({ orders: 1, topCategories: [{ category: 'appliances', count: 1 }] });
    expect(profile.recentOrders[0]?.items).toEqual([
      {
        sku: 'FRIDGE-CFG',
        name: 'Made-to-order refrigerator',
        category: 'appliances',
        quantity: 2,
        unitPriceCents: expected.unitPrice,
      },
    ]);

    const mine = await (await ada.call('GET', '/orders')).json<MyCustomOrder[]>();
    expect(mine).toEqual([expect.objectContaining({ reference: body.reference, status: 'received' })]);
  });

  it('is idempotent per customer: a retry replays, another body under the key is refused', async () => {
    const ada = await shopper('ada');
    const first = await (await place(ada, 'place-key-0002')).json<PlaceOrderResponse>();
    const again = await place(ada, 'place-key-0002');
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(first);
    const before = await snapshotCounts(t.db, tables);
    const other = { ...config, quantity: 1 };
    await expectError(
      await place(ada, 'place-key-0002', { configuration: other, expectedTotal: priceOf(other) }),
      409,
      'idempotency_conflict',
    );
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
    // The same key from another customer is theirs alone: it neither replays Ada's order nor blocks.
    const bob = await shopper('bob');
    const bobs = await place(bob, 'place-key-0002');
    expect(bobs.status).toBe(201);
    expect((await bobs.json<PlaceOrderResponse>()).reference).not.toBe(first.reference);
    const stats = await t.db.query.customerStats.findFirst({
      where: eq(customerStats.customerId, await ada.customerId()),
    });
    expect(stats?.orders).toBe(1);
  });

  it('refuses a tampered price, a broken rule and an anonymous shopper, writing nothing', async () => {
    const ada = await shopper('ada');
    const anonymous = await shopper();
    const before = await snapshotCounts(t.db, tables);
    const tampered = await place(ada, 'place-key-0003', { expectedTotal: 100 });
    await expectError(tampered, 409, 'price_changed');
    await expectError(await place(ada, 'place-key-0004', { currency: 'EUR' }), 409, 'price_changed');
    const broken = { ...config, picks: { ...config.picks, layout: { top: 1 } } };
    const res = await place(ada, 'place-key-0005', {
      configuration: broken,
      expectedTotal: priceOf(broken),
      locale: 'zh-CN',
    });
    expect(res.status).toBe(422);
    const error = (
      await res.json<{ error: { code: string; violations: { code: string; message: string }[] } }>()
    ).error;
    expect(error.code).toBe('invalid_configuration');
    expect(error.violations.map((v) => v.message)).toEqual([
      '内部隔层：选择“冷冻室在上”时，保鲜抽屉最多 2 个',
      '制冰机：需要：冷冻室在下',
    ]);
    await expectError(await place(anonymous, 'place-key-0006'), 401, 'identity_required');
    await expectError(await place(ada, 'short'), 400, 'validation_failed');
    await expectError(await place(ada, 'place-key-0007', { sku: 'NOPE' }), 404, 'not_found');
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
  });

  it('explains a choice that became unavailable after the design was saved', async () => {
    const ada = await shopper('ada');
    const saved = await (
      await ada.call('POST', '/designs', { sku: 'FRIDGE-CFG', configuration: config })
    ).json<DesignResponse>();
    const sageGone: ProductModel = {
      ...REFRIGERATOR,
      groups: REFRIGERATOR.groups.map((g) =>
        g.id === 'colour'
          ? { ...g, choices: g.choices.map((c) => (c.id === 'sage' ? { ...c, available: false } : c)) }
          : g,
      ),
    };
    expect((await saveProduct({ db: t.db, now: () => t.clock.now, newId }, t.site, sageGone)).ok).toBe(true);
    const reopened = await (await ada.call('GET', `/designs/${saved.id}`)).json<DesignResponse>();
    expect(reopened.configuration).toEqual(config);
    const res = await place(ada, 'place-key-0008', { configuration: reopened.configuration });
    expect(res.status).toBe(422);
    const { error } = await res.json<{ error: { message: string; violations: { code: string }[] } }>();
    expect(error.message).toBe('Sage green: no longer available');
    expect(error.violations.map((v) => v.code)).toEqual(['unavailable']);
  });
});

describe('saved designs', () => {
  it('are read and changed by their owner only; a share link reads them and lets others copy', async () => {
    const ada = await shopper('ada');
    const mallory = await shopper('mallory');
    const anonymous = await shopper();
    const created = await ada.call('POST', '/designs', { sku: 'FRIDGE-CFG', configuration: config });
    expect(created.status).toBe(201);
    const design = await created.json<DesignResponse>();
    expect(design).toMatchObject({ mine: true, shared: false, configuration: config });

    for (const who of [mallory, anonymous]) {
      await expectError(await who.call('GET', `/designs/${design.id}`), 404, 'not_found');
      await expectError(
        await who.call('POST', `/designs/${design.id}`, {
          sku: 'FRIDGE-CFG',
          configuration: { quantity: 1, picks: {} },
        }),
        404,
        'not_found',
      );
      await expectError(await who.call('POST', `/designs/${design.id}/share`, {}), 404, 'not_found');
      expect(await (await who.call('GET', '/designs')).json()).toEqual([]);
    }
    await expectError(
      await t.widget('GET', `/v1/configurator/designs/${design.id}`),
      401,
      'visitor_token_required',
    );

    const changed = { ...config, quantity: 3 };
    const put = await ada.call('POST', `/designs/${design.id}`, {
      sku: 'FRIDGE-CFG',
      configuration: changed,
    });
    expect((await put.json<DesignResponse>()).configuration).toEqual(changed);

    const { shareToken } = await (
      await ada.call('POST', `/designs/${design.id}/share`, {})
    ).json<{ shareToken: string }>();
    const read = await mallory.call('GET', `/shared/${shareToken}`);
    expect(await read.json()).toMatchObject({ id: design.id, mine: false, configuration: changed });
    expect(await (await t.widget('GET', `/v1/configurator/shared/${shareToken}`)).json()).toMatchObject({
      mine: false,
    });
    expect(await (await ada.call('GET', `/shared/${shareToken}`)).json()).toMatchObject({ mine: true });
    // Still read-only for Mallory; a copy is hers to change.
    await expectError(
      await mallory.call('POST', `/designs/${design.id}`, { sku: 'FRIDGE-CFG', configuration: config }),
      404,
      'not_found',
    );
    const copy = await (await mallory.call('POST', `/shared/${shareToken}/copy`, {})).json<DesignResponse>();
    expect(copy).toMatchObject({ mine: true, configuration: changed });
    expect(copy.id).not.toBe(design.id);
    expect(
      (await mallory.call('POST', `/designs/${copy.id}`, { sku: 'FRIDGE-CFG', configuration: config }))
        .status,
    ).toBe(200);
    expect((await ada.call('GET', `/designs/${design.id}`)).status).toBe(200);
    expect(await (await ada.call('GET', `/designs/${design.id}`)).json()).toMatchObject({
      configuration: changed,
    });

    // A new link replaces the old one.
    await ada.call('POST', `/designs/${design.id}/share`, {});
    await expectError(await mallory.call('GET', `/shared/${shareToken}`), 404, 'not_found');
  });

  it('are capped per profile, so an anonymous visitor cannot fill the database', async () => {
    const visitor = await shopper();
    const body = { sku: 'FRIDGE-CFG', configuration: config };
    for (let i = 0; i < MAX_DESIGNS; i++)
      expect((await visitor.call('POST', '/designs', body)).status).toBe(201);
    await expectError(await visitor.call('POST', '/designs', body), 409, 'too_many_designs');
    expect(await (await visitor.call('GET', '/designs')).json()).toHaveLength(20);
  });

  it('follow an anonymous shopper who signs in', async () => {
    const visitor = await shopper();
    const design = await (
      await visitor.call('POST', '/designs', { sku: 'FRIDGE-CFG', configuration: config })
    ).json<DesignResponse>();
    // Ada already has a profile from another browser, so this one merges into it.
    await shopper('ada');
    visitor.headers['X-Crm-Identity'] = await t.identityToken('ada');
    expect((await t.widget('POST', '/v1/identify', { body: {}, headers: visitor.headers })).status).toBe(200);
    expect(await (await visitor.call('GET', '/designs')).json()).toEqual([
      expect.objectContaining({ id: design.id }),
    ]);
  });
});

describe('custom orders in the console', () => {
  it('lists, shows the configuration for the factory, moves status with a log and exports a day', async () => {
    const ada = await shopper('ada');
    const placed = await (await place(ada, 'place-key-0009')).json<PlaceOrderResponse>();
    const bob = await shopper('bob');
    await place(bob, 'place-key-0010');
    const { browser } = await signedInMember(t, 'service');
    const base = `/sites/${t.site.id}/configurator`;

    const page = await (await browser.call('GET', `${base}/orders?limit=1`)).json<CustomOrderPage>();
    expect(page.orders).toHaveLength(1);
    expect(page.next).not.toBeNull();
    const rest = await (
      await browser.call('GET', `${base}/orders?limit=1&before=${page.next ?? ''}`)
    ).json<CustomOrderPage>();
    expect(rest.orders.map((o) => o.reference)).not.toContain(page.orders[0]?.reference);
    const all = [...page.orders, ...rest.orders];
    const row = all.find((o) => o.reference === placed.reference);
    expect(row).toMatchObject({ customerName: 'Customer ada', status: 'received', quantity: 2 });

    const detail = await (
      await browser.call('GET', `${base}/orders/${row?.orderId ?? ''}`)
    ).json<CustomOrderDetail>();
    expect(detail.spec).toEqual([
      { group: 'Colour', choices: [{ label: 'Sage green', units: 1 }] },
      { group: 'Door layout', choices: [{ label: 'Freezer at the bottom', units: 1 }] },
      {
        group: 'Compartments',
        choices: [
          { label: 'Crisper drawer', units: 3 },
          { label: 'Ice maker', units: 1 },
        ],
      },
      { group: 'Add-ons', choices: [{ label: 'Wi-Fi control', units: 1 }] },
    ]);
    expect(detail.log).toEqual([{ status: 'received', note: null, actor: null, at: t.clock.now }]);

    const move = (status: string, note?: string) =>
      browser.call('POST', `${base}/orders/${row?.orderId ?? ''}/status`, {
        status,
        ...(note ? { note } : {}),
      });
    t.clock.now += 60_000;
    expect((await move('in_production', 'line 3')).status).toBe(200);
    await expectError(await move('received'), 409, 'invalid_transition');
    t.clock.now += 60_000;
    const shipped = await (await move('shipped')).json<CustomOrderDetail>();
    expect(shipped.log.map((l) => [l.status, l.note])).toEqual([
      ['received', null],
      ['in_production', 'line 3'],
      ['shipped', null],
    ]);
    expect(shipped.log[1]?.actor).toMatch(/@staff\.example$/);
    await expectError(await move('bogus'), 400, 'validation_failed');

    // The customer sees it, in their orders and on the card.
    expect(await (await ada.call('GET', '/orders')).json()).toEqual([
      expect.objectContaining({ status: 'shipped' }),
    ]);
    const me = await (await t.widget('GET', '/v1/me', { headers: ada.headers })).json<MeResponse>();
    expect(me.recentOrders[0]?.production).toBe('shipped');
    // Bob's orders never show Ada's.
    const bobs = await (await bob.call('GET', '/orders')).json<MyCustomOrder[]>();
    expect(bobs.map((o) => o.reference)).not.toContain(placed.reference);

    const csv = await browser.call('GET', `${base}/orders.csv?day=2026-11-23`);
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'reference,placed_at,sku,quantity,configuration,total,currency,status,customer,email',
    );
    expect(text).toContain(
      `${placed.reference},2026-11-23T12:00:00.000Z,FRIDGE-CFG,2,"Colour: Sage green; Door layout: Freezer at the bottom; Compartments: Crisper drawer ×3, Ice maker; Add-ons: Wi-Fi control",${(placed.total / 100).toFixed(2)},USD,shipped,Customer ada,ada@example.com`,
    );
    expect(
      (await (await browser.call('GET', `${base}/orders.csv?day=2026-11-22`)).text()).split('\r\n'),
    ).toHaveLength(2);
  });

  it('saves a model only when it can be offered, and only for owners and admins', async () => {
    const { browser: admin } = await signedInMember(t, 'admin');
    const { browser: service } = await signedInMember(t, 'service');
    const { browser: marketing } = await signedInMember(t, 'marketing');
    const path = `/sites/${t.site.id}/configurator/products/FRIDGE-CFG`;
    const impossible: ProductModel = {
      ...REFRIGERATOR,
      rules: [
        ...REFRIGERATOR.rules,
        {
          id: 'wine-needs-ice',
          kind: 'requires',
          when: { group: 'compartments', choice: 'wine' },
          needs: [{ group: 'compartments', choice: 'ice' }],
        },
      ],
    };
    const refused = await admin.call('POST', path, { model: impossible });
    expect(refused.status).toBe(422);
    const body = await refused.json<{
      error: { code: string; message: string; issues: { code: string }[] };
    }>();
    expect(body.error.code).toBe('invalid_model');
    expect(body.error.message).toContain('Wine rack');
    await expectError(await service.call('POST', path, { model: REFRIGERATOR }), 403, 'forbidden');
    await expectError(
      await marketing.call('GET', `/sites/${t.site.id}/configurator/orders`),
      403,
      'forbidden',
    );
    await expectError(
      await admin.call('POST', path, { model: { ...REFRIGERATOR, sku: 'OTHER' } }),
      400,
      'validation_failed',
    );
    const saved = await admin.call('POST', path, { model: { ...REFRIGERATOR, basePrice: 99_900 } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 2, model: { basePrice: 99_900 } });
    expect(await (await service.call('GET', path)).json()).toMatchObject({ version: 2 });
  });
});
