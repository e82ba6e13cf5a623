import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../examples/demo.ts';
import { customers, events } from '../../db/schema/index.ts';
import { DEMO_CUSTOMERS, DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import { launchBrowser, watchForProblems } from '../fixtures/browser.ts';
import { focusedLabel, screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

let server: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-e2e-console-'));
  server = await startDemo({ dbUrl: `file:${join(dir, 'crm.db')}`, port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A visitor browses the example shop, then signs in there as Ada Lin. */
async function browseShop(): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForTimeout(1200);
  await page.getByRole('link', { name: 'Paper desk lamp' }).click();
  await page.waitForURL('**/lamp.html');
  await page.waitForTimeout(1200);
  await page.getByRole('link', { name: 'My account' }).click();
  await page.waitForURL('**/account.html');
  await page.getByLabel('Demo customer').selectOption('cust-1001');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The form posts back to account.html, so its URL says nothing: wait for the page to know
  // Ada, then for the kit's identify to have made the visit hers, before the browser goes.
  await expect.poll(() => page.getByText('Signed in as Ada Lin').count(), settle).toBe(1);
  await expect.poll(() => adaViewed('/lamp.html'), settle).toBe(true);
  await page.evaluate(() => window.crm.flush());
  await context.close();
}

/** Whether Ada Lin's profile holds a page view of `path`. */
async function adaViewed(path: string): Promise<boolean> {
  const db = server.database.db;
  const [ada] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.externalId, DEMO_CUSTOMERS[0].externalId));
  if (!ada) return false;
  const [view] = await db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.customerId, ada.id), eq(events.type, 'page_view'), eq(events.path, path)));
  return view !== undefined;
}

/** Waits for a console page to show its heading, checks it with axe and screenshots it. */
async function checkPage(page: Page, heading: string | RegExp, name: string): Promise<void> {
  await expect.poll(() => page.locator('h1').first().textContent(), settle).toMatch(heading);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

describe('the staff console in a real browser, on the demo', () => {
  it('signs in by keyboard, shows the shop visitor’s pages in order with dwell times, rotates a key, signs out', async () => {
    await browseShop();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${server.origin}/console`);
    await page.waitForURL('**/console/sign-in**');
    await checkPage(page, 'Sign in', 'en-sign-in');

    // Keyboard only: Tab to the email field, type, Tab to the password, Enter.
    for (let i = 0; i < 10 && (await focusedLabel(page)) !== 'Email'; i++) await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Email');
    await page.keyboard.type(DEMO_OWNER.email);
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Password');
    await page.keyboard.type(DEMO_OWNER.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/sites\/[^/]+$/);
    await checkPage(page, 'Overview', 'en-home');

    // The customers list finds Ada; her page shows the shop visit, pages in order with dwell times.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
    await checkPage(page, 'Customers', 'en-customers');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Ada');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/customers?q=Ada');
    await page.getByRole('link', { name: 'Ada Lin' }).click();
    await checkPage(page, 'Ada Lin', 'en-customer');
    const newest = page.locator('section.session').first();
    const views = newest.locator('li[data-type="page_view"]');
    await expect.poll(() => views.count(), settle).toBeGreaterThanOrEqual(3);
    const texts = await views.allTextContents();
    expect(
      texts.slice(0, 3).map(
        (text) =>
          /\/[a-z.]*/.exec(
            text
              .replace(/\s+/g, ' ')
              .split(' ')
              .find((w) => w.startsWith('/')) ?? '',
          )?.[0],
      ),
    ).toEqual(['/', '/lamp.html', '/account.html']);
    expect(texts[0]).toMatch(/\d+ sec on page/);
    expect(texts[1]).toMatch(/\d+ sec on page/);

    // Back returns to the filtered list.
    await page.goBack();
    await page.waitForURL('**/customers?q=Ada');
    await expect.poll(() => page.getByRole('link', { name: 'Ada Lin' }).count(), settle).toBe(1);

    await page.getByRole('link', { name: 'Live activity' }).click();
    await checkPage(page, 'Live activity', 'en-activity');
    await expect.poll(() => page.locator('tbody tr').count(), settle).toBeGreaterThan(0);

    // Rotate the secret key: confirm, see the new one once; the old one is refused at once.
    await page.getByRole('link', { name: 'Site settings' }).click();
    await checkPage(page, 'Site settings', 'en-settings');
    await page.getByRole('button', { name: 'Rotate the secret key' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), settle).toBe(true);
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    const secret = page.locator('.secret code');
    await expect.poll(() => secret.textContent(), settle).toMatch(/^sk_/);
    const old = await fetch(`${server.origin}/v1/customers`, {
      headers: { Authorization: `Bearer ${DEMO_SITE.secretKey}` },
    });
    expect(old.status).toBe(401);
    const fresh = await fetch(`${server.origin}/v1/customers`, {
      headers: { Authorization: `Bearer ${await secret.textContent()}` },
    });
    expect(fresh.status).toBe(200);

    await page.getByRole('link', { name: 'Staff' }).click();
    await checkPage(page, 'Staff', 'en-staff');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await checkPage(page, 'Audit log', 'en-audit');
    await expect.poll(() => page.locator('tbody').textContent(), settle).toContain('sign_in');

    // 简体中文: the whole console switches and stays switched after a reload.
    await page.getByLabel('Language').selectOption('zh-CN');
    await checkPage(page, '审计日志', 'zh-CN-audit');
    await page.reload();
    await checkPage(page, '审计日志', 'zh-CN-audit-reloaded');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    for (const [link, heading, name] of [
      ['概览', '概览', 'home'],
      ['客户', '客户', 'customers'],
      ['实时动态', '实时动态', 'activity'],
      ['站点设置', '站点设置', 'settings'],
      ['员工', '员工', 'staff'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      await checkPage(page, heading, `zh-CN-${name}`);
    }
    await page.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click();
    await page.getByRole('link', { name: 'Ada Lin' }).first().click();
    await checkPage(page, 'Ada Lin', 'zh-CN-customer');
    expect(await page.locator('section.session').first().textContent()).toMatch(/停留 \d+秒/);

    // Sign out: back at sign-in, and the session is gone on the server.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/console/sign-in');
    await checkPage(page, '登录', 'zh-CN-sign-in');
    const me = await page.evaluate(async () => (await fetch('/console/api/me')).status);
    expect(me).toBe(401);

    expect(unexpected(problems)).toEqual([]);
    await context.close();
  }, 120_000);
});
