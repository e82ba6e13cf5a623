import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  customers,
  offerEvents,
  offerExposures,
  offers,
  referralAttributions,
  visitors,
} from '../../db/schema/index.ts';
import type { DecideResponse, OfferReport } from '../../worker/contract/offers.ts';
import { createApp } from '../../worker/app.ts';
import { expectError, snapshotCounts } from '../fixtures/assert.ts';
import { makeTestApp, productView, type TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';
import { bannerClient, expectedGroup, offerAdmin, visitorIdOf, visitorIn } from '../fixtures/offers.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof offerAdmin>>;
let banner: ReturnType<typeof bannerClient>;
beforeEach(async () => {
  t = await makeTestApp();
  admin = await offerAdmin(t);
  banner = bannerClient(t);
});

const DAY = 86_400_000;
const lighting = { kind: 'viewedCategory' as const, categories: ['Lighting'], days: 7 };

async function decided(token: string, body: Record<string, unknown> = {}, sub?: string) {
  const res = await banner.decide(token, body, sub);
  expect(res.status).toBe(200);
  return (await res.json<DecideResponse>()).offer;
}

async function exposureOf(token: string, offerId: string) {
  const visitor = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorIdOf(token)) });
  return t.db.query.offerExposures.findFirst({
    where: and(eq(offerExposures.customerId, visitor?.customerId ?? ''), eq(offerExposures.offerId, offerId)),
  });
}

const order = (externalId: string, key: string, placedAt: number, cents = 4900) =>
  t.staff('POST', '/v1/orders', {
    body: {
      customer: { externalId },
      placedAt,
      items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: cents }],
    },
    headers: { 'Idempotency-Key': key },
  });

describe('decision', () => {
  it('shows a visitor who viewed the category the offer, in their language, and records the exposure', async () => {
    const offer = await admin.create({
      targeting: [lighting],
      locales: { 'zh-TW': { title: '燈具八五折' } },
    });
    const token = await visitorIn(t, offer, 'treatment');
    expect(await decided(token)).toBeNull();
    expect(await exposureOf(token, offer.id)).toBeUndefined();

    await t.track(token, [productView('sess-offer-1', 1, 'LAMP-01')]);
    const shown = await decided(token, { language: 'zh-Hant-TW' });
    expect(shown).toMatchObject({
      offerId: offer.id,
      title: '燈具八五折',
      body: 'This week only.',
      discountCode: 'LIGHT15',
    });
    const exposure = await exposureOf(token, offer.id);
    expect(exposure).toMatchObject({
      id: shown?.exposureId,
      group: 'treatment',
      personKey: visitorIdOf(token),
      segment: 'anonymous',
    });
    // Asking again is the same exposure, not a second one.
    expect((await decided(token))?.exposureId).toBe(shown?.exposureId);
    expect(await t.db.$count(offerExposures)).toBe(1);
  });

  it('records a control visitor as exposed and shows them nothing', async () => {
    const offer = await admin.create({ targeting: [lighting] });
    const token = await visitorIn(t, offer, 'control');
    await t.track(token, [productView('sess-offer-2', 1, 'LAMP-01')]);
    expect(await decided(token)).toBeNull();
    expect(await exposureOf(token, offer.id)).toMatchObject({ group: 'control' });
    const row = await t.db.query.offers.findFirst({ where: eq(offers.id, offer.id) });
    expect(row?.treatmentExposed).toBe(0);
  });

  it('picks the higher priority, then the higher expected value', async () => {
    const low = await admin.create({ name: 'low', priority: 1, holdoutPercent: 0, holdoutOverride: true });
    const high = await admin.create({ name: 'high', priority: 5, holdoutPercent: 0, holdoutOverride: true });
    expect((await decided(await t.newVisitor()))?.offerId).toBe(high.id);
    // Same priority: the one that has earned more per exposed visitor wins.
    await t.db.update(offers).set({ priority: 1 }).where(eq(offers.id, high.id));
    await t.db
      .update(offers)
      .set({ treatmentExposed: 100, treatmentRevenueCents: 500_000 })
      .where(eq(offers.id, low.id));
    await admin.browser.call('POST', `${admin.base}/${low.id}/status`, { status: 'live' });
    expect((await decided(await t.newVisitor()))?.offerId).toBe(low.id);
  });

  it('answers only the placement asked for, and nothing when the site has no offer', async () => {
    expect(await decided(await t.newVisitor())).toBeNull();
    await admin.create({ placement: 'cart-side', holdoutPercent: 0, holdoutOverride: true });
    expect(await decided(await t.newVisitor())).toBeNull();
    expect(await decided(await t.newVisitor(), { placement: 'cart-side' })).not.toBeNull();
  });

  it('targets on page URL, language and anonymous vs identified', async () => {
    const offer = await admin.create({
      holdoutPercent: 0,
      holdoutOverride: true,
      targeting: [
        { kind: 'pageUrl', pattern: '/products/*' },
        { kind: 'language', languages: ['en'] },
        { kind: 'audience', identified: false },
      ],
    });
    const token = await t.newVisitor();
    expect(await decided(token, { url: 'https://shop.example/', language: 'en' })).toBeNull();
    expect(await decided(token, { url: 'https://shop.example/products/lamp', language: 'zh-CN' })).toBeNull();
    expect(
      (await decided(token, { url: 'https://shop.example/products/lamp', language: 'en-GB' }))?.offerId,
    ).toBe(offer.id);
    await banner.identify(token, 'cust-anon-rule');
    expect(
      await decided(token, { url: 'https://shop.example/products/lamp', language: 'en' }, 'cust-anon-rule'),
    ).toBeNull();
  });
});

describe('eligibility', () => {
  const always = { holdoutPercent: 0, holdoutOverride: true };

  it('respects start and end dates', async () => {
    await admin.create({ ...always, startsAt: t.clock.now + DAY, endsAt: t.clock.now + 2 * DAY });
    const token = await t.newVisitor();
    expect(await decided(token)).toBeNull();
    t.clock.now += DAY;
    expect(await decided(token)).not.toBeNull();
    t.clock.now += DAY;
    expect(await decided(token)).toBeNull();
  });

  it('stops at the frequency cap of impressions', async () => {
    await admin.create({ ...always, frequencyCap: 2 });
    const token = await t.newVisitor();
    const shown = await decided(token);
    if (!shown) throw new Error('no offer');
    expect((await banner.event(token, shown.exposureId, 'impression', 'imp-000001')).status).toBe(201);
    // A retried impression is stored once.
    expect((await banner.event(token, shown.exposureId, 'impression', 'imp-000001')).status).toBe(200);
    expect(await decided(token)).not.toBeNull();
    expect((await banner.event(token, shown.exposureId, 'impression', 'imp-000002')).status).toBe(201);
    expect(await decided(token)).toBeNull();
    expect(await t.db.$count(offerEvents, eq(offerEvents.type, 'impression'))).toBe(2);
  });

  it('never shows a dismissed offer again, and falls through to the next', async () => {
    const first = await admin.create({ ...always, priority: 2 });
    const second = await admin.create({ ...always, name: 'second', priority: 1 });
    const token = await t.newVisitor();
    const shown = await decided(token);
    expect(shown?.offerId).toBe(first.id);
    expect((await banner.event(token, shown?.exposureId ?? '', 'click', 'clk-000001')).status).toBe(201);
    expect((await banner.event(token, shown?.exposureId ?? '', 'dismiss', 'dis-000001')).status).toBe(201);
    expect((await decided(token))?.offerId).toBe(second.id);
    expect(await exposureOf(token, first.id)).toMatchObject({
      clickedAt: t.clock.now,
      dismissedAt: t.clock.now,
    });
  });

  it('never offers what the customer already bought (any order, custom ones included)', async () => {
    await admin.create({ ...always, skus: ['LAMP-01'] });
    const token = await t.newVisitor();
    await banner.identify(token, 'cust-bought');
    expect(await decided(token, {}, 'cust-bought')).not.toBeNull();
    const other = await t.newVisitor();
    await banner.identify(other, 'cust-bought-2');
    expect((await order('cust-bought-2', 'order-bought-1', t.clock.now)).status).toBe(201);
    expect(await decided(other, {}, 'cust-bought-2')).toBeNull();
  });

  it('stops when the budget of treatment conversions is spent', async () => {
    await admin.create({ ...always, budget: 1 });
    const buyer = await t.newVisitor();
    await banner.identify(buyer, 'cust-budget');
    expect(await decided(buyer, {}, 'cust-budget')).not.toBeNull();
    expect((await order('cust-budget', 'order-budget-1', t.clock.now + 1000)).status).toBe(201);
    expect(await decided(await t.newVisitor())).toBeNull();
  });

  it('leaves out the customers on the exclude list', async () => {
    await admin.create({ ...always, excludeExternalIds: ['cust-vip'] });
    const token = await t.newVisitor();
    await banner.identify(token, 'cust-vip');
    expect(await decided(token, {}, 'cust-vip')).toBeNull();
  });

  it('holds every offer back from a customer with an open complaint', async () => {
    await admin.create(always);
    const complaining = new Set<string>();
    const app = createApp({
      db: t.db,
      now: () => t.clock.now,
      clientAddress: () => '127.0.0.1',
      rateLimitPerMinute: 100_000,
      log: () => undefined,
      offerSources: {
        openComplaint: (_ctx, _site, customerId) => Promise.resolve(complaining.has(customerId)),
      },
    });
    const token = await t.newVisitor();
    const ask = async () => {
      const res = await app.request(`/v1/offers/decide?key=${t.key}`, {
        method: 'POST',
        headers: {
          Origin: 'https://shop.example',
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ placement: 'home-hero' }),
      });
      return (await res.json<DecideResponse>()).offer;
    };
    expect(await ask()).not.toBeNull();
    const visitor = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorIdOf(token)) });
    complaining.add(visitor?.customerId ?? '');
    expect(await ask()).toBeNull();
  });
});

describe('assignment across identify', () => {
  /** A visitor whose group for the offer differs from the one its future customer id would draw. */
  async function visitorWhoseGroupWouldFlip(offer: { id: string; holdoutPercent: number }) {
    for (let i = 0; i < 100; i++) {
      const token = await t.newVisitor();
      const visitor = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorIdOf(token)) });
      const secret = t.site.visitorTokenSecret;
      const before = expectedGroup(secret, offer.id, visitorIdOf(token), offer.holdoutPercent);
      const after = expectedGroup(secret, offer.id, visitor?.customerId ?? '', offer.holdoutPercent);
      if (before !== after) return { token, before };
    }
    throw new Error('no flipping visitor found');
  }

  it('keeps the group drawn while anonymous after the profile is promoted', async () => {
    const offer = await admin.create();
    const { token, before } = await visitorWhoseGroupWouldFlip(offer);
    await decided(token);
    const first = await exposureOf(token, offer.id);
    expect(first?.group).toBe(before);
    expect(await (await banner.identify(token, 'cust-promoted')).json()).toEqual({ status: 'promoted' });
    const shown = await decided(token, {}, 'cust-promoted');
    expect(shown === null).toBe(before === 'control');
    expect(await exposureOf(token, offer.id)).toEqual(first);
  });

  it('carries an anonymous exposure into the known customer on merge, unless they have their own', async () => {
    const offer = await admin.create();
    // The customer on a first device: identified, exposed under their profile id.
    const first = await t.newVisitor();
    await banner.identify(first, 'cust-merge');
    await decided(first, {}, 'cust-merge');
    const own = await exposureOf(first, offer.id);
    const target = (await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorIdOf(first)) }))
      ?.customerId;
    expect(own).toMatchObject({ personKey: target, segment: 'identified' });

    // A second device, anonymous, exposed on its own; then the same customer signs in there.
    const second = await t.newVisitor();
    await decided(second);
    expect(await (await banner.identify(second, 'cust-merge')).json()).toEqual({ status: 'merged' });
    const rows = await t.db.select().from(offerExposures).where(eq(offerExposures.offerId, offer.id));
    expect(rows).toEqual([own]);

    // Another customer whose only exposure is anonymous keeps it through the merge.
    const known = await t.newVisitor();
    await banner.identify(known, 'cust-merge-2');
    const third = await t.newVisitor();
    await decided(third);
    const anonymous = await exposureOf(third, offer.id);
    expect(await (await banner.identify(third, 'cust-merge-2')).json()).toEqual({ status: 'merged' });
    const moved = await exposureOf(third, offer.id);
    expect(moved).toEqual({ ...anonymous, customerId: moved?.customerId });
    expect(moved?.customerId).not.toBe(anonymous?.customerId);
    expect(await exposureOf(known, offer.id)).toEqual(moved);
  });
});

describe('conversions', () => {
  it('attributes an order within the window to both arms, with revenue, once', async () => {
    const offer = await admin.create({ attributionDays: 7 });
    const treated = await visitorIn(t, offer, 'treatment');
    const held = await visitorIn(t, offer, 'control');
    for (const [token, sub] of [
      [treated, 'cust-t'],
      [held, 'cust-c'],
    ] as const) {
      await decided(token);
      await banner.identify(token, sub);
    }
    t.clock.now += 3 * DAY;
    expect((await order('cust-t', 'order-conv-1', t.clock.now, 4900)).status).toBe(201);
    expect((await order('cust-c', 'order-conv-2', t.clock.now, 1800)).status).toBe(201);
    // A replay attributes nothing more; a second order does not convert the same exposure again.
    expect((await order('cust-t', 'order-conv-1', t.clock.now, 4900)).status).toBe(200);
    expect((await order('cust-t', 'order-conv-3', t.clock.now + 1000, 9900)).status).toBe(201);

    expect(await exposureOf(treated, offer.id)).toMatchObject({
      group: 'treatment',
      revenueCents: 4900,
      convertedAt: t.clock.now,
    });
    expect(await exposureOf(held, offer.id)).toMatchObject({ group: 'control', revenueCents: 1800 });
    expect(await t.db.$count(offerEvents, eq(offerEvents.type, 'conversion'))).toBe(2);
    expect(await t.db.query.offers.findFirst({ where: eq(offers.id, offer.id) })).toMatchObject({
      treatmentExposed: 1,
      treatmentConversions: 1,
      treatmentRevenueCents: 4900,
    });
  });

  it('ignores orders after the attribution window and before the exposure', async () => {
    const offer = await admin.create({ attributionDays: 2, holdoutPercent: 0, holdoutOverride: true });
    const token = await t.newVisitor();
    await banner.identify(token, 'cust-late');
    await decided(token, {}, 'cust-late');
    expect((await order('cust-late', 'order-late-0', t.clock.now - 1000)).status).toBe(201);
    expect((await order('cust-late', 'order-late-1', t.clock.now + 2 * DAY + 1)).status).toBe(201);
    expect(await exposureOf(token, offer.id)).toMatchObject({ convertedAt: null, revenueCents: 0 });
  });
});

describe('report', () => {
  async function seedArm(
    offerId: string,
    group: 'treatment' | 'control',
    n: number,
    conversions: number,
    cents: number,
  ) {
    const rows = [];
    for (let i = 0; i < n; i++) {
      const id = `${group}-${offerId}-${i}`;
      rows.push({ id, siteId: t.site.id, firstSeenAt: t.clock.now, lastSeenAt: t.clock.now });
    }
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(customers).values(rows.slice(i, i + 500));
    const exposures = rows.map((row, i) => ({
      id: `x-${row.id}`,
      siteId: t.site.id,
      offerId,
      customerId: row.id,
      personKey: row.id,
      group,
      segment: i % 2 ? 'identified' : 'anonymous',
      firstExposedAt: t.clock.now,
      exposedDay: Math.floor(t.clock.now / DAY),
      convertedAt: i < conversions ? t.clock.now : null,
      revenueCents: i < conversions ? cents : 0,
    }));
    for (let i = 0; i < exposures.length; i += 500)
      await t.db.insert(offerExposures).values(exposures.slice(i, i + 500));
  }

  it('equals the hand-computed uplift and intervals on a fixed dataset', async () => {
    const offer = await admin.create({ holdoutPercent: 50 });
    await seedArm(offer.id, 'treatment', 1000, 60, 5000);
    await seedArm(offer.id, 'control', 1000, 40, 5000);
    const res = await admin.browser.call('GET', `${admin.base}/${offer.id}/report`);
    expect(res.status).toBe(200);
    const report = await res.json<OfferReport>();
    expect(report.overall.arms.treatment).toMatchObject({
      exposed: 1000,
      conversions: 60,
      revenueCents: 300_000,
    });
    expect(report.overall.arms.control.conversionRate).toBeCloseTo(0.04, 12);
    expect(report.overall.conversionUplift.absolute).toBeCloseTo(0.02, 12);
    expect(report.overall.conversionUplift.absoluteLow).toBeCloseTo(0.000817389, 8);
    expect(report.overall.conversionUplift.absoluteHigh).toBeCloseTo(0.039527314, 8);
    expect(report.overall.conversionUplift.relativeLow).toBeCloseTo(0.01522375, 7);
    expect(report.overall.conversionUplift.pValue).toBeCloseTo(0.04017387, 6);
    expect(report.overall.conversionUplift.significant).toBe(true);
    expect(report.overall.revenueUplift.absoluteLow).toBeCloseTo(4.536023675, 6);
    expect(report.overall.smallSample).toBe(false);
    expect(report.segments.map((s) => [s.segment, s.arms.treatment.exposed, s.smallSample])).toEqual([
      ['anonymous', 500, false],
      ['identified', 500, false],
    ]);
    expect(report.sampleRatio.mismatch).toBe(false);
    expect(report.daily).toEqual([
      { day: '2026-11-23', group: 'control', exposed: 1000, conversions: 40 },
      { day: '2026-11-23', group: 'treatment', exposed: 1000, conversions: 60 },
    ]);
  });

  it('flags a broken split and a small sample', async () => {
    const offer = await admin.create({ holdoutPercent: 10 });
    // 950 / 50 where 900 / 100 was planned: χ² = 50²/100 + 50²/900 = 27.78, p ≈ 1.4e-7.
    await seedArm(offer.id, 'treatment', 950, 30, 1000);
    await seedArm(offer.id, 'control', 50, 2, 1000);
    const report = await (
      await admin.browser.call('GET', `${admin.base}/${offer.id}/report`)
    ).json<OfferReport>();
    expect(report.sampleRatio.chiSquare).toBeCloseTo(27.777777778, 8);
    expect(report.sampleRatio.mismatch).toBe(true);
    expect(report.overall.smallSample).toBe(true);
  });

  it('flags an offer run without a control group', async () => {
    const offer = await admin.create({ holdoutPercent: 0, holdoutOverride: true });
    const report = await (
      await admin.browser.call('GET', `${admin.base}/${offer.id}/report`)
    ).json<OfferReport>();
    expect(report.unmeasured).toBe(true);
  });
});

describe('validation and access', () => {
  it.each([
    ['a 0 % holdout without the override', { holdoutPercent: 0 }],
    ['an end before the start', { startsAt: 2000, endsAt: 1000 }],
    ['a percentage over 100', { discountPercent: 120 }],
    ['a javascript: link', { ctaUrl: 'javascript:alert(1)' }],
    ['a malformed rule', { targeting: [{ kind: 'churnRisk', min: 0.9, max: 0.1 }] }],
    ['an unknown field', { surprise: true }],
  ])('refuses %s with 400 and writes nothing', async (_name, overrides) => {
    const before = await snapshotCounts(t.db, { offers });
    const res = await admin.browser.call('POST', admin.base, {
      name: 'x',
      placement: 'home-hero',
      title: 'x',
      holdoutPercent: 10,
      ...overrides,
    });
    await expectError(res, 400, 'validation_failed');
    expect(await snapshotCounts(t.db, { offers })).toEqual(before);
  });

  it('locks the holdout once people are assigned', async () => {
    const offer = await admin.create();
    await decided(await t.newVisitor());
    const counters = new Set([
      'id',
      'status',
      'treatmentExposed',
      'treatmentConversions',
      'treatmentRevenueCents',
      'createdAt',
      'updatedAt',
    ]);
    const input = Object.fromEntries(Object.entries(offer).filter(([key]) => !counters.has(key)));
    await expectError(
      await admin.browser.call('PUT', `${admin.base}/${offer.id}`, { ...input, holdoutPercent: 20 }),
      409,
      'holdout_locked',
    );
    expect(
      (await admin.browser.call('PUT', `${admin.base}/${offer.id}`, { ...input, title: 'New title' })).status,
    ).toBe(200);
  });

  it('lets only owner, admin and marketing manage offers', async () => {
    const { browser } = await signedInMember(t, 'service');
    await expectError(await browser.call('GET', admin.base), 403, 'forbidden');
    await expectError(
      await browser.call('POST', admin.base, { name: 'x', placement: 'p', title: 'x' }),
      403,
      'forbidden',
    );
  });

  it('takes the person only from the tokens', async () => {
    const offer = await admin.create({ holdoutPercent: 0, holdoutOverride: true });
    await expectError(await t.widget('POST', '/v1/offers/decide', { body: { placement: 'home-hero' } }), 401);
    const token = await t.newVisitor();
    await banner.identify(token, 'cust-secure');
    // An identified profile without its identity token gets no offer and no exposure (the
    // banner asks again once the site identified the customer); its events are refused.
    const before = await snapshotCounts(t.db, { offerExposures, offerEvents });
    expect(await decided(token)).toBeNull();
    expect(await snapshotCounts(t.db, { offerExposures, offerEvents })).toEqual(before);
    const shown = await decided(token, {}, 'cust-secure');
    await expectError(
      await banner.event(token, shown?.exposureId ?? '', 'click', 'clk-no-identity'),
      401,
      'identity_required',
    );
    expect(shown?.offerId).toBe(offer.id);
    // Another visitor cannot report on this exposure.
    const stranger = await t.newVisitor();
    const events = await snapshotCounts(t.db, { offerEvents });
    await expectError(await banner.event(stranger, shown?.exposureId ?? '', 'click', 'clk-stranger'), 404);
    expect(await snapshotCounts(t.db, { offerEvents })).toEqual(events);
  });
});

describe('referrals', () => {
  it('gives a customer a personal link and attributes the visitors it brings', async () => {
    await admin.create({
      referral: true,
      holdoutPercent: 0,
      holdoutOverride: true,
      title: 'Bring a friend',
      ctaUrl: '/?welcome=1',
    });
    const referrer = await t.newVisitor();
    await banner.identify(referrer, 'cust-referrer');
    const shown = await decided(referrer, { url: 'https://shop.example/account' }, 'cust-referrer');
    const link = new URL(shown?.referralUrl ?? '');
    expect(link.origin + link.pathname).toBe('https://shop.example/');
    const code = link.searchParams.get('crm_ref') ?? '';
    expect(code.length).toBeGreaterThanOrEqual(8);
    // The same link every time.
    expect((await decided(referrer, { url: 'https://shop.example/' }, 'cust-referrer'))?.referralUrl).toBe(
      shown?.referralUrl,
    );

    // Self-referral counts for nothing; a friend is attributed once, to the first link.
    await decided(referrer, { referralCode: code }, 'cust-referrer');
    const friend = await t.newVisitor();
    await decided(friend, { referralCode: code });
    await decided(friend, { referralCode: code });
    await banner.identify(friend, 'cust-friend');
    expect((await order('cust-friend', 'order-friend-1', t.clock.now + 1000, 9900)).status).toBe(201);

    const referrerId = (
      await t.db.query.customers.findFirst({ where: eq(customers.externalId, 'cust-referrer') })
    )?.id;
    const res = await admin.browser.call('GET', `${admin.base}/referrals/${referrerId}`);
    const body = await res.json<{
      referredBy: unknown;
      referred: { name: string | null; orders: number; revenueCents: number }[];
    }>();
    expect(body.referredBy).toBeNull();
    expect(body.referred).toMatchObject([{ orders: 1, revenueCents: 9900 }]);

    // The same code on another site's pages attributes nobody there.
    const other = await t.addSite('Other shop');
    const stranger = await other.newVisitor();
    const before = await snapshotCounts(t.db, { referralAttributions });
    const elsewhere = await other.widget('POST', '/v1/offers/decide', {
      body: { placement: 'home-hero', referralCode: code },
      headers: { Authorization: `Bearer ${stranger}` },
    });
    expect(elsewhere.status).toBe(200);
    expect(await snapshotCounts(t.db, { referralAttributions })).toEqual(before);

    const card = await t.widget('GET', '/v1/offers/referral', {
      headers: {
        Authorization: `Bearer ${referrer}`,
        'X-Crm-Identity': await t.identityToken('cust-referrer'),
      },
    });
    expect(await card.json()).toEqual({
      url: `https://shop.example/?welcome=1&crm_ref=${code}`,
      referred: 1,
    });
  });
});
