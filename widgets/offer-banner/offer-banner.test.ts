import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerExposures, offers, sites } from '../../db/schema/index.ts';
import { DEMO_SITE } from '../../examples/shop/seed.ts';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';

const DEFAULT = '<p>Our own default content</p>';
const banner = (placement: string, lang = 'en') =>
  `<crm-offer-banner placement="${placement}" lang="${lang}">${DEFAULT}</crm-offer-banner>`;
/** Text enough to push what follows below a 900 px high window. */
const FOLD = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i + 1} of the article.</p>`).join('');

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'top.html': { title: 'Top', main: `<h1>Home</h1>${banner('test-top')}<a href="top.html">Home</a>` },
      'top-zh.html': { title: '首页', main: `<h1>首页</h1>${banner('test-top', 'zh-CN')}` },
      'below.html': { title: 'Below', main: `<h1>Article</h1>${FOLD}${banner('test-below')}` },
      'none.html': { title: 'None', main: `<h1>Nothing</h1>${banner('test-nothing')}` },
    },
  });
  const db = kit.crm.database.db;
  const [demo] = await db.select().from(sites).where(eq(sites.publishableKey, DEMO_SITE.publishableKey));
  if (!demo) throw new Error('the demo site was not seeded');
  const now = Date.now();
  const base = {
    siteId: demo.id,
    status: 'live' as const,
    holdoutPercent: 0,
    holdoutOverride: true,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(offers).values([
    {
      ...base,
      id: 'banner-top',
      name: 'Top',
      placement: 'test-top',
      title: 'Autumn sale',
      body: 'Everything warm, 20% off.',
      ctaLabel: 'Shop the sale',
      ctaUrl: '/sale',
      discountCode: 'AUTUMN20',
      discountPercent: 20,
      locales: { 'zh-CN': { title: '秋季特卖', body: '所有保暖商品八折。', ctaLabel: '去看看' } },
    },
    { ...base, id: 'banner-below', name: 'Below', placement: 'test-below', title: 'Read more, save more' },
  ]);
});

afterAll(async () => {
  await kit.close();
});

const exposure = (offerId: string) =>
  kit.crm.database.db.select().from(offerExposures).where(eq(offerExposures.offerId, offerId));

/** Serious and critical accessibility violations inside the banner. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('crm-offer-banner').analyze();
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${JSON.stringify(node.target)}`));
}

/** The element focused inside the banner's shadow root, as its accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('crm-offer-banner')?.shadowRoot?.activeElement;
    return active ? (active.getAttribute('aria-label') ?? active.textContent).trim() : '';
  });

describe('<crm-offer-banner>', () => {
  it('shows the offer with its code, works from the keyboard, and is accessible', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: kit.site.origin });
    await page.goto(kit.site.url('keys', 'top.html'));
    const region = page.getByRole('region', { name: /Autumn sale/ });
    await expect.poll(() => region.isVisible(), settle).toBe(true);
    expect(await region.locator('[part~="badge"]').textContent()).toBe('20% off');
    expect(await page.getByText('Our own default content').isVisible()).toBe(false);

    // Keyboard: the call to action, the copy button, then the dismiss button.
    await page.locator('h1').click();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Shop the sale');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Copy code');
    await page.keyboard.press('Enter');
    await expect.poll(() => region.getByRole('status').textContent(), settle).toBe('Code copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('AUTUMN20');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Dismiss offer');

    expect(await seriousViolations(page)).toEqual([]);
    await region.screenshot({ path: 'test-results/offer-banner-en.png' });
    // Visible at once: one impression.
    await expect.poll(async () => (await exposure('banner-top'))[0]?.impressions, settle).toBe(1);

    // Dismissed with the keyboard: the default content comes back, and stays on the next visit.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Our own default content').isVisible(), settle).toBe(true);
    await expect.poll(async () => (await exposure('banner-top'))[0]?.dismissedAt, settle).not.toBeNull();
    await page.reload();
    await expect.poll(() => page.getByText('Our own default content').isVisible(), settle).toBe(true);
    expect(await page.getByRole('region').count()).toBe(0);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reports the impression only once the banner is on screen', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(kit.site.url('fold', 'below.html'));
    const region = page.getByRole('region', { name: 'Read more, save more' });
    await expect.poll(async () => (await exposure('banner-below')).length, settle).toBe(1);
    await expect.poll(() => region.count(), settle).toBe(1);
    expect(await region.isVisible()).toBe(true);
    // Rendered, below the fold: not seen yet.
    await page.waitForTimeout(1000);
    expect((await exposure('banner-below'))[0]?.impressions).toBe(0);
    await region.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await exposure('banner-below'))[0]?.impressions, settle).toBe(1);
    // Scrolling away and back on the same page is the same impression.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });
    await region.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    expect((await exposure('banner-below'))[0]?.impressions).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('speaks Chinese and shows the offer’s Chinese texts', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('zh', 'top-zh.html'));
    const region = page.getByRole('region', { name: /秋季特卖/ });
    await expect.poll(() => region.isVisible(), settle).toBe(true);
    expect(await region.locator('[part~="body"]').textContent()).toBe('所有保暖商品八折。');
    expect(await region.getByRole('button', { name: '复制优惠码' }).count()).toBe(1);
    expect(await region.getByRole('button', { name: '关闭优惠' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await region.screenshot({ path: 'test-results/offer-banner-zh-CN.png' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the default content when there is no offer for the placement', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('nothing', 'none.html'));
    const element = page.locator('crm-offer-banner');
    await expect
      .poll(() => element.evaluate((el) => el.shadowRoot?.querySelector('slot') !== null), settle)
      .toBe(true);
    expect(await page.getByText('Our own default content').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
