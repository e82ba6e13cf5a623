import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../fixtures/demo.ts';
import { customOrders } from '../../db/schema/index.ts';
import { watchForProblems } from '../fixtures/browser.ts';
import { screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';

// The whole journey in real Chromium against the demo (Node entry, embedded database, example
// shop): a shopper designs the refrigerator, reloads, orders; staff move the order on in the
// console; the shopper sees it on their card.

let world: Awaited<ReturnType<typeof startDemoWorld>>;
let server: typeof world.server;
let browser: Browser;
let siteId: string;
const STAFF = { email: 'factory@demo.example', name: 'Fay Factory', password: 'factory-member-password' };

beforeAll(async () => {
  world = await startDemoWorld('configurator', [{ ...STAFF, role: 'admin' }]);
  ({ server, browser } = world);
  siteId = world.site.id;
});

afterAll(() => world.close());

describe('custom orders in the example shop', () => {
  it('designs, survives a reload, orders, and follows production into the card', async () => {
    const shop = await browser.newContext();
    const page = await shop.newPage();
    const problems = watchForProblems(page);

    // Sign in as a demo customer first: only a known customer may order.
    await page.goto(`${server.origin}/account.html`);
    await page.getByLabel('Demo customer').selectOption('cust-1003');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account.html');
    await page.goto(`${server.origin}/`);
    await page.getByRole('link', { name: 'Made-to-order refrigerator' }).click();
    await page.waitForURL('**/configure.html');

    const builder = page.locator('crm-order-builder');
    const total = builder.locator('[part~="price"] .total strong');
    await expect.poll(() => total.textContent(), settle).toBe('$963.00');

    // A blocked choice explains itself; picking what it needs unblocks it, and price and preview follow.
    const ice = page.getByRole('checkbox', { name: /Ice maker/ });
    expect(await ice.isDisabled()).toBe(true);
    expect(await builder.locator('#compartments--ice--reason').textContent()).toBe(
      'needs: Freezer at the bottom',
    );
    expect(await builder.locator('[data-layer^="bottom"]').count()).toBe(0);
    await page.getByRole('radio', { name: /Freezer at the bottom/ }).check();
    await expect.poll(() => total.textContent()).toBe('$1,063.00');
    expect(await builder.locator('[data-layer^="bottom"]').count()).toBeGreaterThan(0);
    await ice.check();
    await page.getByRole('radio', { name: /Sage green/ }).check();
    expect(await builder.locator('[data-layer^="body"]').getAttribute('fill')).toBe('#9caf88');
    await expect.poll(() => total.textContent()).toBe('$1,261.00');
    expect(await builder.locator('#layout--top--reason').textContent()).toBe('needs: Freezer at the bottom');

    // A reload (or a stray click away and back) finds the design intact.
    await page.reload();
    await expect.poll(() => total.textContent(), settle).toBe('$1,261.00');
    expect(await page.getByRole('radio', { name: /Sage green/ }).isChecked()).toBe(true);
    expect(await ice.isChecked()).toBe(true);
    await screenshot(page, 'configurator-shop');

    await page.getByRole('button', { name: 'Place order' }).click();
    const result = builder.locator('[part~="result"]');
    await expect.poll(() => result.textContent(), settle).toMatch(/Your order CO-[A-Z0-9]{8} is placed/);
    const reference = /CO-[A-Z0-9]{8}/.exec((await result.textContent()) ?? '')?.[0] ?? '';
    const stored = await server.database.db.query.customOrders.findFirst({
      where: eq(customOrders.reference, reference),
    });
    expect(stored?.breakdown).toMatchObject({ total: 126_100 });

    // The card shows it, received.
    await page.goto(`${server.origin}/account.html`);
    const card = page.locator('crm-customer-card');
    await expect
      .poll(() => card.locator('[part~="orders"]').textContent(), settle)
      .toContain(`Order ${reference}`);
    expect(await card.locator('[part~="production"]').first().textContent()).toContain('Received');

    // Staff find it in the console, read the build sheet, and move it to shipped.
    const consoleContext = await browser.newContext();
    const staff = await consoleContext.newPage();
    const staffProblems = watchForProblems(staff);
    await staff.goto(`${server.origin}/console/sites/${siteId}/custom-orders`);
    await staff.getByLabel('Email').fill(STAFF.email);
    await staff.getByLabel('Password').fill(STAFF.password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.getByRole('link', { name: reference }).click();
    await expect.poll(() => staff.locator('h1').first().textContent(), settle).toContain(reference);
    const sheet = await staff.locator('crm-console').locator('table').first().textContent();
    expect(sheet).toContain('Sage green');
    expect(sheet).toContain('Ice maker');
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByLabel('New status').selectOption('shipped');
    await staff.getByLabel('Note (optional)').fill('Truck 7');
    await staff.getByRole('button', { name: 'Move production on' }).click();
    await expect
      .poll(() => staff.getByRole('status').last().textContent(), settle)
      .toContain('Status changed');
    expect(await staff.locator('ol.log').textContent()).toContain('Truck 7');
    await screenshot(staff, 'configurator-order');

    // The customer sees it shipped.
    await page.reload();
    await expect
      .poll(() => card.locator('[part~="production"]').first().textContent(), settle)
      .toContain('Shipped');

    expect(problems).toEqual([]);
    expect(unexpected(staffProblems)).toEqual([]);
    await consoleContext.close();
    await shop.close();
  });

  it('opens the model editor, refuses an impossible model with the reason, and previews as shoppers see it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const staff = await context.newPage();
    await staff.goto(`${server.origin}/console/sites/${siteId}/custom-orders`);
    await staff.getByLabel('Email').fill(STAFF.email);
    await staff.getByLabel('Password').fill(STAFF.password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.getByRole('link', { name: 'Configurator' }).click();
    const preview = staff.locator('crm-order-builder');
    await expect
      .poll(() => preview.locator('[part~="price"] .total strong').textContent(), settle)
      .toBe('$963.00');
    const editor = staff.getByRole('textbox', { name: 'Product model (JSON)' });
    const model = JSON.parse(await editor.inputValue()) as { rules: unknown[] };
    model.rules.push({
      id: 'wine-needs-ice',
      kind: 'requires',
      when: { group: 'compartments', choice: 'wine' },
      needs: [{ group: 'compartments', choice: 'ice' }],
    });
    await editor.fill(JSON.stringify(model, null, 2));
    await staff.getByRole('button', { name: 'Check and preview' }).click();
    await expect
      .poll(() => staff.getByRole('alert').first().textContent(), settle)
      .toContain('“Wine rack” (compartments) can never be picked');
    expect(await seriousViolations(staff)).toEqual([]);
    // The server refuses it too, with the same reason.
    await staff.getByRole('button', { name: 'Save model' }).click();
    await expect
      .poll(() => staff.getByRole('alert').first().textContent(), settle)
      .toContain('can never be picked');
    expect(await preview.locator('[part~="price"] .total strong').textContent()).toBe('$963.00');
    await screenshot(staff, 'configurator-products');
    await context.close();
  });
});
