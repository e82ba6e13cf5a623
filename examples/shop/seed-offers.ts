import { count, eq } from 'drizzle-orm';
import { offerExposures, offers, sites, type Site } from '../../db/schema/index.ts';
import type { Db } from '../../db/types.ts';
import type { OfferInput } from '../../worker/contract/offers.ts';
import type { ServiceContext } from '../../worker/modules/context.ts';
import { identifyVisitor } from '../../worker/modules/identity/identify.ts';
import { issueVisitorToken, verifyVisitorToken } from '../../worker/modules/identity/visitors.ts';
import { OfferCache } from '../../worker/modules/offers/cache.ts';
import { offerConversions } from '../../worker/modules/offers/conversions.ts';
import { decide } from '../../worker/modules/offers/decide.ts';
import { recordOfferEvent } from '../../worker/modules/offers/events.ts';
import { DEFAULT_SOURCES } from '../../worker/modules/offers/sources.ts';
import { recordOrder } from '../../worker/modules/orders/service.ts';
import { ingestEvents } from '../../worker/modules/tracking/service.ts';
import { DEMO_SITE } from './seed.ts';

const DAY = 24 * 3600 * 1000;

/** The demo's offers: one for visitors who viewed lamps, a welcome for the anonymous, a referral. */
export const DEMO_OFFERS: (Partial<OfferInput> & Pick<OfferInput, 'name' | 'placement' | 'title'>)[] = [
  {
    name: 'Lighting week',
    placement: 'home-hero',
    title: '15% off lamps this week',
    body: 'You looked at our lamps: take 15% off any of them with this code.',
    ctaLabel: 'See the desk lamp',
    ctaUrl: '/lamp.html',
    discountCode: 'LIGHT15',
    discountPercent: 15,
    priority: 10,
    skus: ['LAMP-02'],
    targeting: [{ kind: 'viewedCategory', categories: ['Lighting'], days: 30 }],
    locales: {
      'zh-CN': {
        title: '灯具周：全场八五折',
        body: '您看过我们的灯具：使用此优惠码立减 15%。',
        ctaLabel: '查看台灯',
      },
      'zh-TW': {
        title: '燈具週：全場八五折',
        body: '您看過我們的燈具：使用此優惠碼立減 15%。',
        ctaLabel: '查看檯燈',
      },
    },
  },
  {
    name: 'Welcome',
    placement: 'home-hero',
    title: 'Welcome! 10% off your first order',
    body: 'New here? Use this code at checkout.',
    discountCode: 'WELCOME10',
    discountPercent: 10,
    priority: 1,
    targeting: [{ kind: 'audience', identified: false }],
    locales: {
      'zh-CN': { title: '欢迎！首单九折', body: '第一次来？结账时使用此优惠码。' },
      'zh-TW': { title: '歡迎！首單九折', body: '第一次來？結帳時使用此優惠碼。' },
    },
  },
  {
    name: 'Bring a friend',
    placement: 'account-side',
    title: 'Bring a friend',
    body: 'Share your link: friends who come through it are thanked in your name.',
    ctaLabel: 'Your link',
    ctaUrl: '/',
    referral: true,
    targeting: [{ kind: 'audience', identified: true }],
    locales: {
      'zh-CN': {
        title: '邀请好友',
        body: '分享您的链接：通过它来访的朋友会记在您的名下。',
        ctaLabel: '我的链接',
      },
      'zh-TW': {
        title: '邀請好友',
        body: '分享您的連結：透過它來訪的朋友會記在您的名下。',
        ctaLabel: '我的連結',
      },
    },
    holdoutPercent: 10,
  },
];

/** A small deterministic random stream, so every demo shows the same history. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Inserts the demo's offers, live since two days before the history below begins. */
export async function seedOffers(db: Db, site: Site): Promise<void> {
  const now = Date.now();
  await db.insert(offers).values(
    DEMO_OFFERS.map((offer, i) => ({
      ...offer,
      id: `seedoffer${i}`,
      siteId: site.id,
      status: 'live' as const,
      startsAt: now - 30 * DAY,
      createdAt: now - 30 * DAY,
      updatedAt: now - 30 * DAY,
    })),
  );
}

/**
 * Four weeks of history for the lighting offer, through the real services, so the console's
 * report has something to show: visitors who viewed a lamp are assigned, the treatment sees
 * and clicks the banner, and some of both arms buy (more in treatment). Done once: a demo
 * whose offer has exposures already keeps them. Groups come from the site's own random
 * secret, so each new demo database shows a slightly different history.
 */
export async function seedOfferHistory(db: Db, shoppers = 120): Promise<void> {
  const site = await db.query.sites.findFirst({ where: eq(sites.publishableKey, DEMO_SITE.publishableKey) });
  if (!site) return;
  const [seen] = await db
    .select({ n: count() })
    .from(offerExposures)
    .where(eq(offerExposures.offerId, 'seedoffer0'));
  if ((seen?.n ?? 0) > 0) return;
  let clock = Date.now() - 28 * DAY;
  let counter = 0;
  const ctx: ServiceContext = {
    db,
    now: () => clock,
    newId: () => `seedo${Date.now().toString(36)}${(++counter).toString(36).padStart(6, '0')}`,
    orderHooks: [offerConversions],
  };
  const deps = { cache: new OfferCache(ctx, 0), sources: DEFAULT_SOURCES };
  const next = random(42);
  for (let i = 0; i < shoppers; i++) {
    clock += Math.floor((27 * DAY) / shoppers);
    const { visitorToken } = await issueVisitorToken(ctx, site, undefined);
    const visitor = await verifyVisitorToken(ctx, site, visitorToken);
    const sessionId = `seedoffers${i}`;
    await ingestEvents(ctx, site, visitor, [
      {
        id: `seedo-${i}-p`,
        type: 'product_view',
        sessionId,
        seq: 0,
        ts: clock,
        properties: { sku: 'LAMP-01' },
      },
    ]);
    const profile = { id: visitor.customerId, externalId: null };
    const { offer } = await decide(ctx, deps, site, visitor, profile, {
      placement: 'home-hero',
      language: 'en',
    });
    if (offer) {
      await recordOfferEvent(ctx, site.id, visitor.customerId, {
        exposureId: offer.exposureId,
        type: 'impression',
        eventId: `seedo-${i}-imp`,
      });
      if (next() < 0.4) {
        await recordOfferEvent(ctx, site.id, visitor.customerId, {
          exposureId: offer.exposureId,
          type: 'click',
          eventId: `seedo-${i}-clk`,
        });
      }
    }
    // The treatment buys more often than the control: the uplift the report should find.
    if (next() < (offer ? 0.3 : 0.15)) {
      const externalId = `seed-shopper-${i}`;
      await identifyVisitor(ctx, site, visitor, { sub: externalId, exp: Math.floor(clock / 1000) + 600 });
      clock += 3600_000;
      await recordOrder(ctx, site, `seedo-order-${i}`, {
        customer: { externalId },
        currency: 'USD',
        items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
      });
    }
  }
}
