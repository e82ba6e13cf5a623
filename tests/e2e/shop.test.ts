import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, like, not } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, events } from '../../db/schema/index.ts';
import { startDemo } from '../../examples/demo.ts';
import { launchBrowser, watchForProblems } from '../fixtures/browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

let server: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-e2e-'));
  server = await startDemo({ dbUrl: `file:${join(dir, 'crm.db')}`, port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** The page views the browser's visits produced (the seed's own events excluded), in order. */
async function visitedPages() {
  return server.database.db
    .select({ path: events.path, seq: events.seq, dwellMs: events.dwellMs, customerId: events.customerId })
    .from(events)
    .where(and(eq(events.type, 'page_view'), not(like(events.eventId, 'seed-%'))))
    .orderBy(asc(events.sessionId), asc(events.seq));
}

describe('the example shop in a real browser', () => {
  it('records browsing in order with dwell time, and the card shows the profile', async () => {
    const page = await browser.newPage();
    const problems = watchForProblems(page);

    await page.goto(`${server.origin}/`);
    await page.waitForTimeout(300);
    await page.getByRole('link', { name: 'Paper desk lamp' }).click();
    await page.waitForURL('**/lamp.html');
    await page.waitForTimeout(300);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.waitForURL('**/account.html');
    await page.evaluate(() => window.crm.flush());

    const pages = await visitedPages();
    expect(pages.map((p) => p.path)).toEqual(['/', '/lamp.html', '/account.html']);
    expect(pages[0]?.dwellMs).toBeGreaterThan(0);
    expect(pages[1]?.dwellMs).toBeGreaterThan(0);
    expect(new Set(pages.map((p) => p.customerId)).size).toBe(1);

    // Anonymous: the card shows the pages this browser viewed.
    const card = page.locator('crm-customer-card');
    await expect
      .poll(() => card.locator('[part~="pages"]').textContent(), settle)
      .toContain('Paper desk lamp');

    // Sign in as a seeded customer: the shop's server signs the identity token, the page identifies.
    await page.getByLabel('Demo customer').selectOption('cust-1001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account.html');
    await expect.poll(() => card.locator('[part~="name"]').textContent(), settle).toContain('Ada Lin');
    await expect.poll(() => card.locator('[part~="orders"]').textContent(), settle).toContain('#');

    // The anonymous history was merged into the known customer, once.
    const ada = await server.database.db.query.customers.findFirst({
      where: eq(customers.externalId, 'cust-1001'),
    });
    const merged = await visitedPages();
    expect(merged.length).toBeGreaterThanOrEqual(3);
    expect(merged.every((p) => p.customerId === ada?.id)).toBe(true);

    expect(problems).toEqual([]);
    await page.close();
  });
});
