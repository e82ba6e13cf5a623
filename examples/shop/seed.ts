import { eq } from 'drizzle-orm';
import { customOrders, products, sites, staff, type Site } from '../../db/schema/index.ts';
import type { Db } from '../../db/types.ts';
import type { ServiceContext } from '../../worker/modules/context.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { createStaff } from '../../worker/modules/staff/accounts.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { recordOrder } from '../../worker/modules/orders/service.ts';
import { placeOrder, saveProduct } from '../../worker/modules/configurator/service.ts';
import { changeStatus } from '../../worker/modules/configurator/staff.ts';
import { evaluate } from '../../worker/contract/shared/configurator/index.ts';
import { REFRIGERATOR } from './refrigerator.ts';
import { issueVisitorToken, verifyVisitorToken } from '../../worker/modules/identity/visitors.ts';
import { ingestEvents } from '../../worker/modules/tracking/service.ts';
import { identifyVisitor } from '../../worker/modules/identity/identify.ts';
import { seedHelpCenter } from './help-center.ts';
import { seedOffers } from './seed-offers.ts';

/**
 * Credentials of the demo site. Public on purpose: they only exist in a database the
 * demo created on this machine. A real site gets random keys from `createSite`.
 */
export const DEMO_SITE = {
  name: 'Demo Shop',
  publishableKey: 'pk_demo_shop',
  secretKey: 'sk_demo_shop_secret_do_not_use_in_production',
  identitySecret: 'demo-identity-secret-shared-with-the-example-shop',
} as const;

/** The console's demo owner; `npm start` prints these credentials. Public on purpose, like the keys. */
export const DEMO_OWNER = {
  email: 'owner@demo.example',
  name: 'Demo Owner',
  password: 'demo-owner-password',
} as const;

/** Creates the demo owner unless an account with that email exists. */
export async function seedDemoOwner(db: Db): Promise<void> {
  const ctx: ServiceContext = { db, now: Date.now, newId };
  if (await db.query.staff.findFirst({ where: eq(staff.email, DEMO_OWNER.email) })) return;
  await createStaff(ctx, { ...DEMO_OWNER, role: 'owner' }, null);
}

/** The demo catalogue: a few categories so views and orders say something. */
export const DEMO_PRODUCTS = [
  { sku: 'LAMP-01', name: 'Paper desk lamp', category: 'Lighting', priceCents: 4900 },
  { sku: 'LAMP-02', name: 'Brass floor lamp', category: 'Lighting', priceCents: 18900 },
  { sku: 'CHAIR-01', name: 'Oak dining chair', category: 'Furniture', priceCents: 12900 },
  { sku: 'DESK-01', name: 'Standing desk', category: 'Furniture', priceCents: 54900 },
  { sku: 'MUG-01', name: 'Stoneware mug', category: 'Kitchen', priceCents: 1800 },
  { sku: 'KETTLE-01', name: 'Pour-over kettle', category: 'Kitchen', priceCents: 6500 },
  { sku: 'RUG-01', name: 'Wool rug', category: 'Textiles', priceCents: 22000 },
  { sku: 'THROW-01', name: 'Linen throw', category: 'Textiles', priceCents: 7900 },
] as const;

/** Shoppers of the demo; the example shop's login lists them. */
export const DEMO_CUSTOMERS = [
  { externalId: 'cust-1001', name: 'Ada Lin', email: 'ada@example.com' },
  { externalId: 'cust-1002', name: '王小明', email: 'xiaoming@example.com' },
  { externalId: 'cust-1003', name: 'Grace Chen', email: 'grace@example.com' },
] as const;

const DAY = 24 * 3600 * 1000;

/** The demo site's name while it is being seeded; the final name marks a finished seed. */
const SEEDING_NAME = `${DEMO_SITE.name} (seeding)`;

/** Adds origins the demo site does not allow yet (the demo may start on another port). */
async function allowOrigins(db: Db, site: Site, origins: string[]): Promise<void> {
  const missing = origins.filter((origin) => !site.allowedOrigins.includes(origin));
  if (missing.length === 0) return;
  await db
    .update(sites)
    .set({ allowedOrigins: [...site.allowedOrigins, ...missing] })
    .where(eq(sites.id, site.id));
}

/** The first demo customer's made-to-order refrigerator, already in production. */
async function seedCustomOrder(ctx: ServiceContext, site: Site, customerId: string): Promise<void> {
  const configuration = {
    quantity: 1,
    picks: {
      colour: { sage: 1 },
      layout: { bottom: 1 },
      compartments: { shelf: 2, drawer: 3 },
      addons: { wifi: 1 },
    },
  };
  const placed = await placeOrder(ctx, site, customerId, 'seed-custom-order-1', {
    sku: REFRIGERATOR.sku,
    configuration,
    expectedTotal: evaluate(REFRIGERATOR, configuration).total,
    currency: REFRIGERATOR.currency,
    locale: 'en',
  });
  if (!placed.ok) throw new Error('the seeded custom order is refused');
  const row = await ctx.db.query.customOrders.findFirst({
    where: eq(customOrders.reference, placed.order.reference),
  });
  await changeStatus(ctx, site, row?.orderId ?? '', { status: 'in_production' }, DEMO_OWNER.email);
}

/**
 * Fills the database with the demo site, its catalogue and a few customers with browsing and
 * purchase history, all through the same services the API uses, and lets the demo site allow
 * `origins`. A finished demo is seeded once. The seed is all or nothing: the site carries a
 * provisional name until its last write, so a seed cut short (a crash, a kill) is found on the
 * next start, deleted whole (every demo row hangs off the site by a cascading key) and redone.
 */
export async function seedDemo(db: Db, origins: string[]): Promise<boolean> {
  const existing = await db.query.sites.findFirst({
    where: eq(sites.publishableKey, DEMO_SITE.publishableKey),
  });
  if (existing?.name === DEMO_SITE.name) {
    await allowOrigins(db, existing, origins);
    return false;
  }
  if (existing) await db.delete(sites).where(eq(sites.id, existing.id));
  let clock = Date.now() - 90 * DAY;
  let counter = 0;
  const ctx: ServiceContext = {
    db,
    now: () => clock,
    newId: () => `seed${(++counter).toString(36).padStart(8, '0')}`,
  };
  const { site } = await createSite(ctx, { ...DEMO_SITE, name: SEEDING_NAME, allowedOrigins: origins });
  await db.insert(products).values(DEMO_PRODUCTS.map((p) => ({ ...p, siteId: site.id })));
  if (!(await saveProduct(ctx, site, REFRIGERATOR)).ok) throw new Error('the refrigerator model is refused');

  const visitorIds: string[] = [];
  for (const [index, customer] of DEMO_CUSTOMERS.entries()) {
    const { visitorToken } = await issueVisitorToken(ctx, site, undefined);
    const visitor = await verifyVisitorToken(ctx, site, visitorToken);
    visitorIds.push(visitor.id);
    const sessionId = `seedsession${index}`;
    const viewed = DEMO_PRODUCTS.filter((_, i) => (i + index) % 3 !== 0);
    const browsing = viewed.flatMap((p, i) => [
      {
        id: `seed-${index}-${i}-v`,
        type: 'page_view',
        sessionId,
        seq: i * 3,
        ts: clock + i * 60_000,
        path: `/product.html?sku=${p.sku}`,
        title: p.name,
      },
      {
        id: `seed-${index}-${i}-p`,
        type: 'product_view',
        sessionId,
        seq: i * 3 + 1,
        ts: clock + i * 60_000 + 1,
        properties: { sku: p.sku },
      },
      {
        id: `seed-${index}-${i}-l`,
        type: 'page_leave',
        sessionId,
        seq: i * 3 + 2,
        ts: clock + i * 60_000 + 30_000,
        dwellMs: 20_000 + i * 5_000,
        viewId: `seed-${index}-${i}-v`,
      },
    ]);
    await ingestEvents(ctx, site, visitor, browsing);
    await identifyVisitor(ctx, site, visitor, {
      ...customer,
      sub: customer.externalId,
      exp: Math.floor(clock / 1000) + 600,
    });
    for (let n = 0; n <= index; n++) {
      clock += 7 * DAY;
      const product = viewed[n % viewed.length] ?? DEMO_PRODUCTS[0];
      await recordOrder(ctx, site, `seed-order-${index}-${n}`, {
        customer: { externalId: customer.externalId },
        reference: `#${1000 + index * 10 + n}`,
        currency: 'USD',
        placedAt: clock,
        items: [{ sku: product.sku, quantity: 1 + n, unitPriceCents: product.priceCents }],
      });
    }
    if (index === 0) await seedCustomOrder(ctx, site, visitor.customerId);
  }
  await seedHelpCenter({ ...ctx, now: Date.now }, site.id, visitorIds);
  await seedOffers(db, site);
  await db.update(sites).set({ name: DEMO_SITE.name }).where(eq(sites.id, site.id));
  return true;
}
