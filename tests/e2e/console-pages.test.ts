import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { startConsoleStub, STUB_PASSWORD, type ConsoleStub } from '../fixtures/console-stub.ts';
import { settle } from '../fixtures/embedded-kit.ts';

// The console's pages against a stub of its API: roles, expiry, first run, invitations and
// the states a real server rarely shows on cue. tests/e2e/console.test.ts runs the real one.

let stub: ConsoleStub;
let browser: Browser;

beforeAll(async () => {
  stub = await startConsoleStub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await stub.close();
});

async function open(
  path: string,
  options: { width?: number } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${stub.origin}${path}`);
  return { context, page, problems };
}

async function signIn(page: Page, role: string): Promise<void> {
  await page.getByLabel('Email').fill(`${role}@stub.test`);
  await page.getByLabel('Password').fill(STUB_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const heading = (page: Page) => page.locator('h1').first().textContent();

describe('console pages', () => {
  it('shows a service member only customers and activity, and says so on other pages', async () => {
    const { context, page, problems } = await open('/console');
    await page.waitForURL('**/console/sign-in');
    await signIn(page, 'service');
    // Service may not read reports: the console starts on the customers list instead.
    await page.waitForURL('**/console/sites/site-1/customers');
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Customers', 'Live activity']);
    await page.goto(`${stub.origin}/console/sites/site-1/settings`);
    await expect.poll(() => heading(page), settle).toContain('does not allow');
    expect(stub.requests).not.toContain('GET /console/api/sites/site-1');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('sends an expired session to sign-in and back to the page it was on', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/sites/site-1');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => heading(page), settle).toBe('Audit log');
    stub.expireSessions();
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL('**/console/sign-in?next=%2Fconsole%2Fstaff');
    await expect.poll(() => heading(page), settle).toBe('Sign in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/staff');
    await expect.poll(() => heading(page), settle).toBe('Staff');
    // The back button walks the history the console pushed.
    await page.goBack();
    await page.waitForURL('**/console/audit');
    await context.close();
  });

  it('announces a refused sign-in and keeps focus on the form', async () => {
    const { context, page } = await open('/console/sign-in');
    await page.getByLabel('Email').fill('owner@stub.test');
    await page.getByLabel('Password').fill('wrong password!');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), settle).toContain('Email or password is wrong');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps the customer list in the URL: sort, paging, filters', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/sites/site-1');
    await page.goto(`${stub.origin}/console/sites/site-1/customers`);
    await expect.poll(() => page.locator('tbody tr').count(), settle).toBe(50);
    await page.getByRole('button', { name: 'Sort by Revenue' }).click();
    await page.waitForURL('**/customers?sort=revenue');
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Revenue' }).getAttribute('aria-sort'), settle)
      .toBe('descending');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL('**/customers?sort=revenue&cursor=50');
    await expect.poll(() => page.locator('tbody tr').count(), settle).toBe(10);
    await page.getByLabel('Identity').selectOption('no');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/customers?sort=revenue&identified=no');
    await expect.poll(() => page.locator('tbody tr').count(), settle).toBe(14);
    await context.close();
  });

  it('runs first-run setup and shows the snippet and the secrets once, in 繁體中文 on a tablet', async () => {
    const setup = await startConsoleStub({ setupNeeded: true });
    const context = await browser.newContext({ viewport: { width: 820, height: 1100 }, locale: 'zh-TW' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${setup.origin}/console`);
    await page.waitForURL('**/console/setup');
    await expect.poll(() => heading(page), settle).toBe('設定 CRM');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'zh-TW-820-setup');
    await page.getByLabel('設定權杖').fill('setup-token');
    await page.getByLabel('您的姓名').fill('Olivia Owner');
    await page.getByLabel('電子郵件').fill('owner@stub.test');
    await page.getByLabel('密碼').fill(STUB_PASSWORD);
    await page.getByLabel('網站名稱').fill('Paper & Lamp shop');
    await page.getByLabel('允許的來源').fill('https://shop.example/');
    await page.getByRole('button', { name: '建立擁有者和網站' }).click();
    await expect.poll(() => page.locator('pre').first().textContent(), settle).toContain('sk_stub_new');
    expect(await page.locator('pre').last().textContent()).toContain('<script type="module"');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'zh-TW-820-setup-done');
    await page.getByRole('button', { name: '進入控制台' }).click();
    await page.waitForURL('**/console/sites/site-1');
    await expect.poll(() => heading(page), settle).toBe('概覽');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
    await setup.close();
  });

  it('accepts an invitation from the link an owner made', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/sites/site-1');
    await page.goto(`${stub.origin}/console/staff`);
    await page.getByLabel('Email').fill('new@stub.test');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = page.locator('pre code');
    await expect.poll(() => link.textContent(), settle).toContain('/console/invite#');
    await screenshot(page, 'en-staff-invited');
    const invitation = (await link.textContent()) ?? '';
    await context.close();

    const guest = await open('/console/sign-in');
    await guest.page.goto(invitation);
    await expect.poll(() => heading(guest.page), settle).toBe('Join the console');
    expect(await seriousViolations(guest.page)).toEqual([]);
    await screenshot(guest.page, 'en-invite');
    await guest.page.getByLabel('Your name').fill('Nia New');
    await guest.page.getByLabel('Password').fill(STUB_PASSWORD);
    await guest.page.getByRole('button', { name: 'Create my account' }).click();
    await guest.page.waitForURL('**/console/sites/site-1/customers');
    await guest.context.close();
  });

  it('refreshes live activity on its own and can be paused', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/sites/site-1');
    await page.getByRole('link', { name: 'Live activity' }).click();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count(), settle).toBe(6);
    await expect.poll(() => rows.count(), settle).toBeGreaterThan(6);
    await page.getByRole('button', { name: 'Pause updates' }).click();
    const paused = await rows.count();
    await page.waitForTimeout(5000);
    expect(await rows.count()).toBe(paused);
    await context.close();
  }, 40_000);

  it('rotates the identity secret with a grace period after a confirmation', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page, 'owner');
    await page.waitForURL('**/console/sites/site-1');
    await page.getByRole('link', { name: 'Site settings' }).click();
    await page.getByLabel('Grace period (hours)').fill('48');
    await page.getByRole('button', { name: 'Rotate the identity secret' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), settle).toContain('48 more hours');
    // Escape cancels: nothing is rotated.
    await page.keyboard.press('Escape');
    expect(stub.requests).not.toContain('POST /console/api/sites/site-1/identity-secret');
    await page.getByRole('button', { name: 'Rotate the identity secret' }).click();
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await expect
      .poll(() => page.locator('.secret code').textContent(), settle)
      .toBe('is_stub_rotated_8b9c0d');
    await expect
      .poll(() => page.getByText(/previous identity secret verifies until/).count(), settle)
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'en-settings-rotated');
    await context.close();
  });
});
