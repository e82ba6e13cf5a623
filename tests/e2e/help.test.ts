import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../fixtures/demo.ts';
import { helpArticles, helpEscalations, helpSearches, helpViews, helpVotes } from '../../db/schema/index.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { createArticle, setStatus } from '../../worker/modules/help/articles.ts';
import { watchForProblems } from '../fixtures/browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

let world: Awaited<ReturnType<typeof startDemoWorld>>;
let server: typeof world.server;
let browser: Browser;
let siteId: string;

beforeAll(async () => {
  world = await startDemoWorld('help');
  ({ server, browser } = world);
  siteId = world.site.id;
});

afterAll(() => world.close());

/** A page in a context of its own (axe needs one). */
async function open(viewport = { width: 1000, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

const faq = (page: Page) => page.locator('crm-faq');
const input = (page: Page) => faq(page).getByRole('combobox');
const status = (page: Page) => faq(page).locator('p[role="status"]').first();

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('crm-faq').analyze();
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${JSON.stringify(node.target)}`));
}

/** Rows of a help log table written by this test (the seed's rows are older). */
async function rowsSince<T extends typeof helpSearches | typeof helpViews | typeof helpEscalations>(
  table: T,
  since: number,
) {
  const rows = await server.database.db.select().from(table);
  return rows.filter((row) => row.createdAt >= since);
}

describe('<crm-faq> in the example shop', () => {
  it('searches in English, opens a result with the keyboard, votes, and the back button returns to the results', async () => {
    const started = Date.now();
    const page = await open();
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/help.html`);
    await expect
      .poll(
        () =>
          faq(page)
            .getByRole('button', { name: /Orders & returns/ })
            .count(),
        settle,
      )
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await input(page).click();
    await page.keyboard.type('retur');
    await expect.poll(() => status(page).textContent(), settle).toContain('2 articles found');
    const options = faq(page).getByRole('option');
    expect(await options.first().locator('mark').first().textContent()).toBe('retur');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe('result-0');
    await page.keyboard.press('Enter');
    const title = faq(page).getByRole('heading', { name: 'How to request a return' });
    await expect.poll(() => title.count(), settle).toBe(1);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#help/request-a-return');
    // Focus moves to the article's title for keyboard and screen-reader users.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('crm-faq')?.shadowRoot?.activeElement?.id))
      .toBe('article-title');
    expect(await faq(page).locator('[part="body"] strong').first().textContent()).toBe('30 days');
    expect(await seriousViolations(page)).toEqual([]);

    await faq(page).getByRole('button', { name: 'Yes' }).click();
    await expect
      .poll(() => faq(page).getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed'), settle)
      .toBe('true');
    await expect.poll(() => faq(page).getByText('Thanks for your feedback.').count(), settle).toBe(1);
    await faq(page).getByRole('button', { name: 'No' }).click();
    await expect
      .poll(() => faq(page).getByRole('button', { name: 'No' }).getAttribute('aria-pressed'), settle)
      .toBe('true');
    const [article] = await server.database.db
      .select()
      .from(helpArticles)
      .where(eq(helpArticles.slug, 'request-a-return'))
      .then((rows) => rows.filter((r) => r.locale === 'en'));
    // The button shows the answer at once; the server's copy follows.
    const votes = () =>
      server.database.db
        .select()
        .from(helpVotes)
        .where(eq(helpVotes.articleId, article?.id ?? 0))
        .then((rows) => rows.map((v) => v.helpful));
    await expect.poll(votes, settle).toEqual([false]);

    // The browser's back button returns to the results, query kept.
    await page.goBack();
    await expect.poll(() => options.count(), settle).toBe(2);
    expect(await input(page).inputValue()).toBe('retur');
    await page.goForward();
    await expect.poll(() => title.count(), settle).toBe(1);
    await faq(page).getByRole('button', { name: /Back/ }).click();
    await expect.poll(() => options.count(), settle).toBe(2);

    // Escape clears the search.
    await input(page).focus();
    await page.keyboard.press('Escape');
    expect(await input(page).inputValue()).toBe('');

    // A link to an article's hash opens it, like a deep link does on load.
    await page.evaluate(() => {
      location.hash = '#help/refund-times';
    });
    await expect
      .poll(() => faq(page).getByRole('heading', { name: 'When will I get my refund?' }).count(), settle)
      .toBe(1);

    expect((await rowsSince(helpSearches, started)).map((r) => [r.query, r.results])).toEqual([['retur', 2]]);
    await expect.poll(async () => (await rowsSince(helpViews, started)).length, settle).toBe(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('searches in Chinese: a Simplified query finds the Traditional article, marked in its own script', async () => {
    const page = await open({ width: 375, height: 740 });
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/help.html`);
    await page.getByRole('button', { name: '繁體中文' }).click();
    await expect.poll(() => faq(page).getByRole('heading', { name: '說明中心' }).count(), settle).toBe(1);
    await input(page).fill('退货');
    await expect.poll(() => status(page).textContent(), settle).toMatch(/找到 \d+ 篇文章/);
    const first = faq(page).getByRole('option').first();
    expect(await first.locator('.title').textContent()).toBe('如何申請退貨');
    expect(await first.locator('mark').first().textContent()).toBe('退貨');
    await first.click();
    await expect.poll(() => faq(page).getByRole('heading', { name: '如何申請退貨' }).count(), settle).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing sticks out of a phone-wide page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('"still need help?" follows help-url with the query and the articles read filled in', async () => {
    const started = Date.now();
    const page = await open();
    await page.goto(`${server.origin}/help.html`);
    await input(page).fill('password');
    await expect.poll(() => faq(page).getByRole('option').count(), settle).toBe(1);
    await faq(page).getByRole('option').first().click();
    await expect
      .poll(() => faq(page).getByRole('heading', { name: 'Reset your password' }).count(), settle)
      .toBe(1);
    await faq(page).getByRole('button', { name: 'Contact us' }).click();
    await page.waitForURL('**/contact.html?**');
    const form = page.locator('crm-ticket-form');
    await expect
      .poll(() => form.getByLabel('Subject').inputValue(), settle)
      .toBe('Question about “Reset your password”');
    const body = await form.getByLabel('Describe the problem').inputValue();
    expect(body).toContain('I searched for: password');
    expect(body).toContain('- Reset your password');
    await expect
      .poll(async () => (await rowsSince(helpEscalations, started)).map((r) => r.query), settle)
      .toEqual(['password']);
    await page.context().close();
  });

  it('shows the ticket form prefilled when the page has it', async () => {
    const page = await open();
    await page.goto(`${server.origin}/help.html?lang=zh-CN`);
    // A page that also shows the service desk's form: the kit loads its chunk when the tag appears.
    await page.evaluate(async () => {
      const form: Node = document.createElement('crm-ticket-form');
      document.body.appendChild(form);
      await customElements.whenDefined('crm-ticket-form');
      return true;
    });
    await input(page).fill('退款');
    await expect.poll(() => faq(page).getByRole('option').count(), settle).toBeGreaterThan(0);
    await faq(page).getByRole('button', { name: '联系我们' }).click();
    const form = page.locator('crm-faq > crm-ticket-form[slot="ticket"]');
    await expect.poll(() => form.count(), settle).toBe(1);
    expect(await form.getAttribute('subject')).toBe('关于“退款”的求助');
    expect(await form.getAttribute('body')).toBe('我搜索了：退款');
    // The real form shows what it was given.
    await expect.poll(() => form.locator('#subject').inputValue(), settle).toBe('关于“退款”的求助');
    // Back leaves the form and returns to the search.
    await page.goBack();
    await expect.poll(() => form.count(), settle).toBe(0);
    await page.context().close();
  });

  it('renders hostile Markdown inert under the shop’s strict CSP and Trusted Types', async () => {
    const ctx = { db: server.database.db, now: Date.now, newId };
    const hostile = [
      '<script>window.__xss = 1</script>',
      '<img src=x onerror="window.__xss = 2">',
      '[click](javascript:window.__xss=3)',
      '<svg onload="window.__xss=4"></svg>',
      '![x](data:image/svg+xml,<svg onload=alert(1)>)',
      '<style>body{display:none}</style>',
      '<a href="javascript:alert(1)">raw link</a>',
      '[ok](https://example.com/ok)',
    ].join('\n\n');
    const created = await createArticle(
      ctx,
      siteId,
      {
        slug: 'hostile',
        locale: 'en',
        title: 'Hostile article',
        body: hostile,
        tags: [],
        categoryId: null,
      },
      null,
    );
    await setStatus(ctx, siteId, created.id, 'published', null);
    const page = await open();
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/help.html#help/hostile`);
    await expect
      .poll(() => faq(page).getByRole('heading', { name: 'Hostile article' }).count(), settle)
      .toBe(1);
    const body = faq(page).locator('[part="body"]');
    await page.mouse.move(10, 10);
    const report = await body.evaluate((element) => {
      const all = [...element.querySelectorAll('*')];
      return {
        tags: [...new Set(all.map((e) => e.localName))].sort(),
        handlers: all.flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
        ),
        hrefs: all.flatMap((e) => (e.getAttribute('href') ? [e.getAttribute('href')] : [])),
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
      };
    });
    expect(report).toEqual({ tags: ['a', 'p'], handlers: [], hrefs: ['https://example.com/ok'], xss: null });
    expect(await body.textContent()).toContain('<script>window.__xss = 1</script>');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
