import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerScores, sites } from '../../db/schema/index.ts';
import { startDemo } from '../../examples/demo.ts';
import { DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import { seedScoringDemo } from '../../examples/shop/seed-scoring.ts';
import type { RunningServer } from '../../worker/node.ts';
import { launchBrowser, watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

// The customer-intelligence page and the 360's scores card on the demo: shoppers seeded and
// scored twice (a month ago and now), signed in as the demo owner, in English and Chinese.

let server: RunningServer;
let browser: Browser;
let dir: string;
let siteId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-e2e-scoring-'));
  server = await startDemo({ dbUrl: `file:${join(dir, 'crm.db')}`, port: 0 });
  await seedScoringDemo(server.database.db, DEMO_SITE.publishableKey);
  const [demo] = await server.database.db
    .select()
    .from(sites)
    .where(eq(sites.publishableKey, DEMO_SITE.publishableKey));
  siteId = demo?.id ?? '';
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(locale: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${server.origin}/console/sign-in`);
  await page.locator('input[type=email]').fill(DEMO_OWNER.email);
  await page.locator('input[type=password]').fill(DEMO_OWNER.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/sites\//);
  return { page, problems };
}

describe('customer intelligence in the console', () => {
  it('shows the dashboard with movement, a filtered list and the rules, accessibly, in English', async () => {
    const { page, problems } = await signedIn('en-US');
    await page.goto(`${server.origin}/console/sites/${siteId}/scoring`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Customer intelligence');
    await page.getByRole('heading', { name: 'Recency × frequency' }).waitFor();
    // Two full runs: the charts compare now with the previous run.
    await page.locator('.legend li', { hasText: 'Previous run' }).first().waitFor();
    await page.getByRole('heading', { name: 'Bought together' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'en-scoring');
    // The value × risk grid links to its list: tier A at critical risk, riskiest first.
    await page.locator('select[name=filter]').selectOption('tier:A');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/tier=A/);
    // The page keeps the last list on screen while the filtered one loads.
    const tiers = page.locator('#list-heading ~ div table tbody tr td:nth-child(3)');
    await expect
      .poll(async () => [...new Set((await tiers.allTextContents()).map((s) => s.trim()))], settle)
      .toEqual(['A']);
    expect(unexpected(problems)).toEqual([]);
  }, 90_000);

  it('shows a customer’s badges, churn reasons, value and next products on the 360, in Chinese', async () => {
    const [risky] = await server.database.db
      .select({ id: customerScores.customerId })
      .from(customerScores)
      .where(and(eq(customerScores.siteId, siteId), isNotNull(customerScores.churnRisk)))
      .orderBy(customerScores.churnRisk)
      .limit(1);
    const { page, problems } = await signedIn('zh-CN');
    await page.goto(`${server.origin}/console/sites/${siteId}/customers/${risky?.id ?? ''}`);
    await page.getByRole('heading', { name: '评分' }).waitFor();
    await page.getByText('流失风险').first().waitFor();
    await page.getByRole('heading', { name: '推荐的下一件商品' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'zh-CN-customer-scores');
    await page.goto(`${server.origin}/console/sites/${siteId}/scoring`);
    await page.getByRole('heading', { name: '最近 × 频率' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'zh-CN-scoring');
    expect(unexpected(problems)).toEqual([]);
  }, 90_000);
});
