import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../fixtures/demo.ts';
import { DEMO_OWNER } from '../../examples/shop/seed.ts';
import { watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

/** A real (tiny) PNG: the signature and an IHDR chunk header. */
const PHOTO = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1,
]);

/** A PDF's first bytes, as the server checks them. */
const LABEL = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');

let world: Awaited<ReturnType<typeof startDemoWorld>>;
let server: typeof world.server;
let browser: Browser;

beforeAll(async () => {
  world = await startDemoWorld('tickets');
  ({ server, browser } = world);
});

afterAll(() => world.close());

/** The console's figure for a total on the service report. */
async function reportFigure(page: Page, label: string): Promise<string> {
  const item = page.locator('crm-console').locator('.totals li', { hasText: label });
  return ((await item.locator('.total').textContent()) ?? '').trim();
}

/** The card of CSAT per service site: its chart and its table. */
function csatSection(page: Page) {
  return page.locator('crm-console').getByRole('region', { name: 'Satisfaction per service site' });
}

async function signInToConsole(page: Page): Promise<string> {
  await page.goto(`${server.origin}/console/sign-in`);
  const shell = page.locator('crm-console');
  await shell.getByLabel('Email').fill(DEMO_OWNER.email);
  await shell.getByLabel('Password').fill(DEMO_OWNER.password);
  await shell.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/console\/sites\/[^/]+/);
  // Leaving a console page while its chunk or data is still loading aborts those requests (and
  // logs it); the home page shows its figures first.
  await expect.poll(() => shell.locator('.totals li').count(), settle).toBeGreaterThan(0);
  return new URL(page.url()).pathname.split('/')[3] ?? '';
}

describe('the service desk end to end', () => {
  it('a customer opens a ticket with a photo; staff answer in the console; the customer rates; the report moves', async () => {
    // Staff sign in and read the service report as it is before.
    const staff = await (await browser.newContext({ viewport: { width: 1300, height: 1000 } })).newPage();
    const staffProblems = watchForProblems(staff);
    const siteId = await signInToConsole(staff);
    const shell = staff.locator('crm-console');
    await staff.goto(`${server.origin}/console/sites/${siteId}/service-reports?days=30`);
    await expect.poll(() => reportFigure(staff, 'Tickets opened'), settle).not.toBe('');
    const openedBefore = Number(await reportFigure(staff, 'Tickets opened'));
    expect(await csatSection(staff).textContent()).not.toContain('Toronto service centre');

    // The customer, signed in to the shop, opens a ticket from the help page.
    const shop = await (await browser.newContext()).newPage();
    const shopProblems = watchForProblems(shop);
    await shop.goto(`${server.origin}/account.html`);
    await shop.getByRole('button', { name: 'Sign in' }).click();
    await shop.waitForURL('**/account.html');
    // The kit keeps the identity for the next page once its identify is answered; leaving
    // before that, the next page's widgets would ask as the anonymous visitor (and be refused).
    await expect
      .poll(() => shop.evaluate(() => sessionStorage.getItem('crm:pk_demo_shop:identity') !== null), settle)
      .toBe(true);
    await shop.getByRole('link', { name: 'Contact us' }).click();
    await shop.waitForURL('**/contact.html');
    const form = shop.locator('crm-ticket-form');
    await expect.poll(() => form.getByLabel('Order (optional)').count(), settle).toBe(1);
    await form.getByLabel('Topic').selectOption('Repair');
    await form.getByLabel('Subject').fill('Cracked lamp shade');
    await form.getByLabel('Describe the problem').fill('The shade arrived with a crack along the seam.');
    await form.getByLabel('Order (optional)').selectOption({ index: 1 });
    await form.getByLabel('Postcode or city').fill('M5V');
    await form
      .getByLabel('Photos or receipt (optional)')
      .setInputFiles({ name: 'crack.png', mimeType: 'image/png', buffer: PHOTO });
    await form.getByRole('button', { name: 'Send request' }).click();
    const result = form.locator('[part="result"]');
    await expect.poll(() => result.textContent(), settle).toContain('Handled by Toronto service centre');
    const reference = /T-[0-9A-Z]{8}/.exec((await result.textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');

    // Staff find the ticket in the queue and answer it.
    await staff.goto(`${server.origin}/console/sites/${siteId}/tickets`);
    await shell.getByRole('link', { name: 'Cracked lamp shade' }).click();
    await expect
      .poll(() => shell.getByRole('heading', { level: 1 }).textContent(), settle)
      .toContain(reference);
    expect(await shell.getByRole('link', { name: 'crack.png' }).count()).toBe(1);
    // The customer 360 beside it: the order the ticket is about.
    await expect.poll(() => shell.locator('aside').textContent(), settle).toContain('Orders');
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'ticket');
    await shell.getByLabel('Internal note (only staff see it)').check();
    await shell.getByLabel('Message').fill('Customer since 2026, replace without questions.');
    await shell.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => shell.locator('#thread').locator('..').textContent(), settle)
      .toContain('replace without questions');
    await shell.getByLabel('Message').fill('A new shade is on its way to you.');
    await shell.getByRole('button', { name: 'Send and resolve' }).click();
    await expect
      .poll(() => shell.locator('#details').locator('..').textContent(), settle)
      .toContain('Resolved');
    // And attach a file for the customer.
    await shell
      .getByLabel('Attach a file')
      .setInputFiles({ name: 'Return label.pdf', mimeType: 'application/pdf', buffer: LABEL });
    await shell.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect.poll(() => shell.getByRole('link', { name: 'Return label.pdf' }).count(), settle).toBe(1);
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'ticket-files');
    // The same in Chinese, then back.
    await shell.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => shell.getByLabel('附加文件').count(), settle).toBe(1);
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'zh-CN-ticket-files');
    await shell.getByLabel('语言').selectOption('en');
    await expect.poll(() => shell.getByLabel('Attach a file').count(), settle).toBe(1);

    // The customer sees the reply (never the note), marked new, and rates it.
    await shop.reload();
    await form.getByRole('button', { name: 'My requests' }).click();
    const item = form.getByRole('button', { name: /Cracked lamp shade/ });
    await expect.poll(() => item.textContent(), settle).toContain('New reply');
    await item.click();
    const thread = form.locator('[part="thread"]');
    await expect.poll(() => thread.textContent(), settle).toContain('A new shade is on its way to you.');
    expect(await thread.textContent()).not.toContain('replace without questions');
    expect(await thread.getByRole('link', { name: 'Return label.pdf' }).count()).toBe(1);
    await form.getByLabel('5 stars').check();
    await form.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => thread.textContent(), settle).toContain('You rated this 5 of 5.');

    // The report moved: one more ticket, and the Toronto site now has a rating.
    await staff.goto(`${server.origin}/console/sites/${siteId}/service-reports?days=30`);
    await expect
      .poll(async () => Number(await reportFigure(staff, 'Tickets opened')), settle)
      .toBe(openedBefore + 1);
    await expect.poll(() => csatSection(staff).textContent(), settle).toContain('Toronto service centre');
    expect(await seriousViolations(staff)).toEqual([]);
    expect(unexpected(staffProblems)).toEqual([]);
    expect(shopProblems).toEqual([]);
  });
});
