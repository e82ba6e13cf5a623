import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFaults } from '../fixtures/api-faults.ts';
import {
  cspViolations,
  eventsUnder,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../fixtures/embedded-kit.ts';

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit();
});

afterAll(async () => {
  await kit.close();
});

/** The card's base part, found the way assistive technology finds it: a region named by its heading. */
function cardRegion(page: Page, heading: string): Locator {
  return page.getByRole('region', { name: heading });
}

/** The card's state, as its base part tells it (`initial`, `pending`, `complete`, `error`). */
function stateOf(region: Locator): () => Promise<string | null> {
  return () => region.getAttribute('data-state');
}

/** The chunk requests (`/chunks/…`) a page made. */
function chunkRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${kit.crm.origin}/chunks/`)) seen.push(request.url());
  });
  return seen;
}

describe('the customer card embedded on another site', () => {
  it('loads its chunk only on pages that have a card', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const chunks = chunkRequests(page);

    await page.goto(kit.site.url('chunks', 'a.html'));
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => typeof window.crm)).toBe('object');
    expect(await page.evaluate(() => customElements.get('crm-customer-card'))).toBeUndefined();
    expect(chunks).toEqual([]);

    await page.goto(kit.site.url('chunks', 'card-zh-cn.html'));
    await expect.poll(stateOf(cardRegion(page, '我的资料')), settle).toBe('complete');
    expect(chunks.length).toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    {
      lang: 'zh-CN',
      file: 'card-zh-cn.html',
      title: '账户',
      texts: {
        heading: '我的资料',
        guest: '访客',
        pageViews: '浏览了 1 个页面',
        recent: '最近浏览',
        noOrders: '还没有订单。',
      },
    },
    {
      lang: 'zh-TW',
      file: 'card-zh-tw.html',
      title: '帳戶',
      texts: {
        heading: '我的資料',
        guest: '訪客',
        pageViews: '瀏覽了 1 個頁面',
        recent: '最近瀏覽',
        noOrders: '尚無訂單。',
      },
    },
  ])('speaks $lang and shows the visit it includes', async ({ lang, file, title, texts }) => {
    const scope = `card-${lang.toLowerCase()}`;
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url(scope, file));

    const region = cardRegion(page, texts.heading);
    await expect.poll(stateOf(region), settle).toBe('complete');
    expect(await region.locator('[part~="name"]').textContent()).toBe(texts.guest);
    expect(await region.locator('[part~="stats"]').textContent()).toContain(texts.pageViews);
    expect(await region.locator('[part~="orders"]').textContent()).toContain(texts.noOrders);
    const pages = region.locator('[part~="pages"]');
    expect(await pages.getByRole('heading').textContent()).toBe(texts.recent);
    expect(await pages.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining(title)]);

    // The card sent the visit in progress before asking for the profile.
    const stored = await eventsUnder(kit, scope);
    expect(stored.map((event) => `${event.type} ${event.title ?? ''}`)).toEqual([`page_view ${title}`]);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an error it can recover from with the keyboard', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const seen = await injectFaults(page, `${kit.crm.origin}/v1/me**`, [503], kit.site.origin);
    await page.goto(kit.site.url('card-error', 'card-zh-cn.html'));

    const region = cardRegion(page, '我的资料');
    await expect.poll(stateOf(region), settle).toBe('error');
    expect(await region.getByRole('alert').textContent()).toContain('无法加载您的资料。');

    const retry = region.getByRole('button', { name: '重试' });
    const retryFocused = () =>
      retry.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button);
    for (let presses = 0; presses < 5 && !(await retryFocused()); presses++) await page.keyboard.press('Tab');
    expect(await retryFocused()).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(stateOf(region), settle).toBe('complete');
    expect(await region.locator('[part~="name"]').textContent()).toBe('访客');
    expect(seen.map((request) => request.fault)).toEqual([503, 'pass']);
    expect(problems.filter((problem) => !problem.includes('status of 503'))).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });
});
