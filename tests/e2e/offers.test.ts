import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../fixtures/demo.ts';
import {
  customers,
  offerExposures,
  referralAttributions,
  visitors,
  type sites,
} from '../../db/schema/index.ts';
import { DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import type { OfferGroup } from '../../worker/contract/constants.ts';
import { watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';
import { expectedGroup, visitorIdOf } from '../fixtures/offers.ts';

// The example shop's seeded lighting offer (10 % holdout) in a real browser, end to end: a visitor
// who viewed a lamp is offered it on the home page, clicks and buys; a visitor held back in the
// control group sees the shop's default content, buys too, and counts; the console's report
// shows both. Which group a browser lands in is the server's draw, so each test opens fresh
// browsers until one draws the group it is about (predicted independently from the site secret).

const LIGHTING = 'seedoffer0';
let world: Awaited<ReturnType<typeof startDemoWorld>>;
let server: typeof world.server;
let browser: Browser;
let site: typeof sites.$inferSelect;

beforeAll(async () => {
  world = await startDemoWorld('offers');
  ({ server, browser, site } = world);
});

afterAll(() => world.close());

/**
 * A browser that viewed the desk lamp as a visitor who draws `group` for the lighting offer:
 * visitors are asked of the API as the kit would, until one draws it, and its token is put
 * where the kit keeps it before the first page loads.
 */
async function shopperIn(
  group: OfferGroup,
): Promise<{ context: BrowserContext; page: Page; visitorId: string }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const res = await fetch(`${server.origin}/v1/visitors?key=${DEMO_SITE.publishableKey}`, {
      method: 'POST',
      headers: { Origin: server.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const { visitorToken, expiresAt } = await res.json<{ visitorToken: string; expiresAt: number }>();
    const visitorId = visitorIdOf(visitorToken);
    if (expectedGroup(site.visitorTokenSecret, LIGHTING, visitorId, 10) !== group) continue;
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    await context.addInitScript(
      (stored) => {
        if (!localStorage.getItem('crm:pk_demo_shop:vt')) localStorage.setItem('crm:pk_demo_shop:vt', stored);
      },
      JSON.stringify({ token: visitorToken, expiresAt, issuedAt: Date.now() }),
    );
    const page = await context.newPage();
    await page.goto(`${server.origin}/lamp.html`);
    await page.evaluate(() => window.crm.flush());
    return { context, page, visitorId };
  }
  throw new Error(`no visitor drew ${group}`);
}

async function exposureOf(visitorId: string) {
  const visitor = await server.database.db.query.visitors.findFirst({ where: eq(visitors.id, visitorId) });
  const rows = await server.database.db
    .select()
    .from(offerExposures)
    .where(eq(offerExposures.customerId, visitor?.customerId ?? ''));
  return rows.find((row) => row.offerId === LIGHTING);
}

/** Signs in as a demo customer on the account page, then buys the desk lamp. */
async function signInAndBuy(page: Page, customer: string): Promise<void> {
  await page.goto(`${server.origin}/account.html`);
  await page.getByLabel('Demo customer').selectOption(customer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account.html');
  await expect.poll(() => page.locator('#who').textContent(), settle).toContain('Signed in');
  await page.goto(`${server.origin}/lamp.html`);
  await page.getByRole('button', { name: 'Buy now' }).click();
  await page.waitForURL('**/account.html?ordered=1');
}

describe('one-to-one offers in the example shop', () => {
  it('offers a visitor who viewed lamps the lighting offer; they click, buy, and convert', async () => {
    const { context, page, visitorId } = await shopperIn('treatment');
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/`);
    const banner = page.locator('crm-offer-banner');
    const offer = banner.getByRole('region', { name: /15% off lamps this week/ });
    await expect.poll(() => offer.isVisible(), settle).toBe(true);
    await expect.poll(() => banner.locator('code').textContent(), settle).toBe('LIGHT15');
    expect(await banner.getByText('Free delivery').isVisible()).toBe(false);
    await expect.poll(async () => (await exposureOf(visitorId))?.impressions, settle).toBe(1);
    expect(await exposureOf(visitorId)).toMatchObject({ group: 'treatment', segment: 'anonymous' });

    await banner.getByRole('link', { name: 'See the desk lamp' }).click();
    await page.waitForURL('**/lamp.html');
    await expect.poll(async () => (await exposureOf(visitorId))?.clickedAt, settle).not.toBeNull();

    await signInAndBuy(page, 'cust-1003');
    // The anonymous exposure moved with the visitor into the customer, and the order converted it.
    await expect.poll(async () => (await exposureOf(visitorId))?.revenueCents, settle).toBe(4900);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a visitor in the control group the default content, and still counts them', async () => {
    const { context, page, visitorId } = await shopperIn('control');
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/`);
    const banner = page.locator('crm-offer-banner');
    // Recorded as exposed when the banner asked, though it shows nothing of the offer.
    await expect.poll(async () => (await exposureOf(visitorId))?.group, settle).toBe('control');
    await expect
      .poll(() => banner.evaluate((element) => element.shadowRoot?.querySelector('slot') !== null), settle)
      .toBe(true);
    expect(await banner.getByText('Free delivery on every order over $100.').isVisible()).toBe(true);
    expect(await banner.getByRole('region').count()).toBe(0);
    expect(await exposureOf(visitorId)).toMatchObject({ impressions: 0, clickedAt: null });
    // The space the shop reserved is the same with or without an offer: nothing moves.
    expect((await banner.boundingBox())?.height).toBeCloseTo(152, -1);

    await signInAndBuy(page, 'cust-1002');
    await expect.poll(async () => (await exposureOf(visitorId))?.revenueCents, settle).toBe(4900);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives a customer a referral link in their card, attributes the friend it brings, and the 360 shows it', async () => {
    const referrer = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    const page = await referrer.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/account.html`);
    await page.getByLabel('Demo customer').selectOption('cust-1001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account.html');
    const link = page.locator('crm-customer-card').locator('[part~="referral"] a');
    await expect.poll(() => link.count(), settle).toBe(1);
    const url = await link.getAttribute('href');
    expect(url).toMatch(/\?crm_ref=[A-Za-z0-9_-]{8,}$/);
    expect(problems).toEqual([]);

    // A friend follows the link, then signs in: the friend's profile is attributed to Ada.
    const friend = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    const friendPage = await friend.newPage();
    await friendPage.goto(url ?? '');
    const db = server.database.db;
    const ada = await db.query.customers.findFirst({ where: eq(customers.externalId, 'cust-1001') });
    await expect
      .poll(async () => (await db.select().from(referralAttributions)).map((a) => a.referrerId), settle)
      .toEqual([ada?.id]);
    await friendPage.goto(`${server.origin}/account.html`);
    await friendPage.getByLabel('Demo customer').selectOption('cust-1003');
    await friendPage.getByRole('button', { name: 'Sign in' }).click();
    await friendPage.waitForURL('**/account.html');
    const grace = await db.query.customers.findFirst({ where: eq(customers.externalId, 'cust-1003') });
    await expect
      .poll(async () => (await db.select().from(referralAttributions)).map((a) => a.customerId), settle)
      .toEqual([grace?.id]);

    // Staff see it on Ada's profile: whom she brought and what they bought.
    await page.goto(`${server.origin}/console/sites/${site.id}/customers/${ada?.id ?? ''}`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const section = page.locator('crm-console-referrals');
    await expect.poll(() => section.getByRole('link', { name: 'Grace Chen' }).count(), settle).toBe(1);
    expect(await section.getByText('Brought 1 person through their link').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await referrer.close();
    await friend.close();
  });

  it('shows both groups in the console report', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/console/sites/${site.id}/offers/${LIGHTING}`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const report = page.getByRole('region', { name: 'Audience: Everyone' });
    await expect.poll(() => report.isVisible(), settle).toBe(true);
    const row = (name: string) =>
      report
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .locator('td')
        .allTextContents();
    expect(await row('Treatment')).toEqual(['1', '100.00%', '100.00%', '49.00', '49.00']);
    expect(await row('Control')).toEqual(['1', '—', '100.00%', '49.00', '49.00']);
    await expect.poll(() => report.getByRole('note').textContent(), settle).toContain('Too few people');
    await screenshot(page, 'offer-report');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
