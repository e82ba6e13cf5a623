import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpArticles, sites } from '../../db/schema/index.ts';
import { startDemo } from '../../examples/demo.ts';
import { DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import { launchBrowser, watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

let server: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let dir: string;
let siteId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-e2e-console-help-'));
  server = await startDemo({ dbUrl: `file:${join(dir, 'crm.db')}`, port: 0 });
  const [demo] = await server.database.db
    .select()
    .from(sites)
    .where(eq(sites.publishableKey, DEMO_SITE.publishableKey));
  siteId = demo?.id ?? '';
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${server.origin}/console/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(DEMO_OWNER.email);
  await page.getByLabel('Password').fill(DEMO_OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems };
}

const h1 = (page: Page) => page.locator('h1').first();

describe('console help center', () => {
  it('writes a draft with a live preview, publishes it, and visitors find it', async () => {
    const { page, problems } = await signedIn(`/console/sites/${siteId}/help`);
    await expect.poll(() => h1(page).textContent(), settle).toBe('Help center');
    await expect
      .poll(() => page.getByRole('link', { name: 'How to request a return' }).count(), settle)
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'help-articles');

    await page.getByRole('link', { name: 'New article' }).click();
    await expect.poll(() => h1(page).textContent(), settle).toBe('New article');
    await page.getByLabel('Title').fill('Gift wrapping');
    await page.getByLabel('Slug (shared by translations)').fill('gift-wrapping');
    await page.getByLabel('Text (Markdown)').fill('We wrap gifts for **free**. <script>alert(1)</script>');
    const preview = page.locator('.preview');
    await expect.poll(() => preview.locator('strong').textContent(), settle).toBe('free');
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => h1(page).textContent(), settle).toBe('Edit article');
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).count(), settle).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'help-editor');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Unpublish' }).count(), settle).toBe(1);
    const [row] = await server.database.db
      .select()
      .from(helpArticles)
      .where(eq(helpArticles.slug, 'gift-wrapping'));
    expect(row?.status).toBe('published');
    const res = await fetch(`${server.origin}/v1/help/search?q=gift&key=${DEMO_SITE.publishableKey}`);
    const { results } = await res.json<{ results: { slug: string }[] }>();
    expect(results.map((r) => r.slug)).toEqual(['gift-wrapping']);

    // An earlier revision comes back as a new one.
    await page.getByLabel('Title').fill('Gift wrap');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Restore/ }).count(), settle).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Restore: Gift wrapping' }).first().click();
    await expect.poll(() => page.getByLabel('Title').inputValue(), settle).toBe('Gift wrapping');
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });

  it('shows the report with the deflection rate, in English and Chinese', async () => {
    const { page, problems } = await signedIn(`/console/sites/${siteId}/help?tab=report`);
    await expect.poll(() => page.getByText('Deflection rate').count(), settle).toBeGreaterThan(0);
    await expect.poll(() => page.locator('figure.chart svg').count(), settle).toBe(2);
    expect(await page.getByRole('heading', { name: /Searches without a result/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'help-report');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => h1(page).textContent(), settle).toBe('帮助中心');
    await expect.poll(() => page.getByText('自助解决率').count(), settle).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'help-report-zh');
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });
});
