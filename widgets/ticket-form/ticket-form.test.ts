import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sites, staff, tickets } from '../../db/schema/index.ts';
import { DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import { staffMessage } from '../../worker/modules/tickets/staff.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const form = (lang: string) =>
  `<h1>Help</h1><crm-ticket-form lang="${lang}" categories="Repair,Returns"></crm-ticket-form>`;
const identifyScript = async () => {
  const exp = Math.floor(Date.now() / 1000) + 600;
  const token = await signHs256({ sub: 'cust-1001', name: 'Ada Lin', exp }, DEMO_SITE.identitySecret);
  return `await window.crm.identify(${JSON.stringify(token)});`;
};

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'help-en.html': { title: 'Help', main: form('en') },
      'help-zh.html': { title: '帮助', main: form('zh-CN') },
      'help-signed-in.html': { title: 'Help', main: form('en'), script: identifyScript },
    },
  });
});

afterAll(async () => {
  await kit.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('crm-ticket-form').analyze();
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${JSON.stringify(node.target)}`));
}

/** The staff side, straight through the service: a reply, optionally resolving the ticket. */
async function staffAnswers(reference: string, body: string, resolve = false) {
  const db = kit.crm.database.db;
  const [site] = await db.select().from(sites).where(eq(sites.publishableKey, DEMO_SITE.publishableKey));
  const owner = await db.query.staff.findFirst({ where: eq(staff.email, DEMO_OWNER.email) });
  const ticket = await db.query.tickets.findFirst({ where: eq(tickets.reference, reference) });
  if (!site || !owner || !ticket) throw new Error('demo data missing');
  await staffMessage(
    { db, now: Date.now, newId },
    site,
    null,
    owner,
    ticket.id,
    { body, internal: false, ...(resolve ? { status: 'resolved' as const } : {}) },
    { origin: kit.crm.origin },
  );
}

describe('<crm-ticket-form>', () => {
  it('an anonymous visitor opens a ticket with a photo by keyboard; errors are announced first', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('anon', 'help-en.html'));
    const widget = page.locator('crm-ticket-form');
    await expect.poll(() => widget.getByLabel('Email').count(), settle).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await widget.getByRole('button', { name: 'Send request' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => widget.getByRole('alert').textContent(), settle)
      .toContain('Please correct 4 fields.');
    expect(
      await page.evaluate(() => document.querySelector('crm-ticket-form')?.shadowRoot?.activeElement?.id),
    ).toBe('category');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lamp flickers');
    await page.keyboard.press('Tab');
    await page.keyboard.type('It flickers after ten minutes.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('guest@example.com');
    await widget.getByLabel('Postcode or city').fill('V6B');
    await widget
      .getByLabel('Photos or receipt (optional)')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await widget.getByRole('button', { name: 'Send request' }).click();

    const result = widget.locator('[part="result"]');
    await expect.poll(() => result.textContent(), settle).toContain('Your reference: T-');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Handled by Vancouver workshop');
    expect(text).toMatch(/km from you/);
    const link = await widget.getByLabel('Your private link').inputValue();
    expect(link).toMatch(/#crm-ticket=[\w-]+\.[\w-]+$/);
    expect(await seriousViolations(page)).toEqual([]);

    // The reply shows on the private link, in a browser that never saw the ticket, marked new.
    const reference = /T-[0-9A-Z]{8}/.exec(text)?.[0] ?? '';
    await staffAnswers(reference, 'Could you try another bulb?');
    const other = await openPage(kit.browser);
    await other.page.goto(link);
    const thread = other.page.locator('crm-ticket-form [part="thread"]');
    await expect.poll(() => thread.textContent(), settle).toContain('Could you try another bulb?');
    expect(await thread.textContent()).toContain('lamp.png');
    await other.page.locator('crm-ticket-form').getByLabel('Your reply').fill('Tried it, still flickers.');
    await other.page.locator('crm-ticket-form').getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => thread.textContent(), settle).toContain('Tried it, still flickers.');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('a signed-in customer sees the new reply marked, reads it and rates once resolved', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('signed', 'help-signed-in.html'));
    const widget = page.locator('crm-ticket-form');
    await expect.poll(() => widget.getByLabel('Order (optional)').count(), settle).toBe(1);
    await widget.getByLabel('Topic').selectOption('Returns');
    await widget.getByLabel('Subject').fill('Wrong colour');
    await widget.getByLabel('Describe the problem').fill('The mug is blue, I ordered green.');
    await widget.getByRole('button', { name: 'Send request' }).click();
    await expect
      .poll(() => widget.locator('[part="result"]').textContent(), settle)
      .toContain('Your reference');
    const reference =
      /T-[0-9A-Z]{8}/.exec((await widget.locator('[part="result"]').textContent()) ?? '')?.[0] ?? '';
    await staffAnswers(reference, 'A green one is on its way.', true);

    await widget.getByRole('button', { name: 'My requests' }).click();
    const item = widget.getByRole('button', { name: /Wrong colour/ });
    await expect.poll(() => item.textContent(), settle).toContain('New reply');
    await item.click();
    await expect
      .poll(() => widget.locator('[part="thread"]').textContent(), settle)
      .toContain('A green one is on its way.');
    await widget.getByLabel('4 stars').check();
    await widget.getByLabel('Comment (optional)').fill('Thanks!');
    await widget.getByRole('button', { name: 'Send rating' }).click();
    await expect
      .poll(() => widget.locator('[part="thread"]').textContent(), settle)
      .toContain('You rated this 4 of 5.');
    expect(await widget.getByRole('button', { name: 'Send rating' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps what the customer typed when the server refuses, and speaks Chinese', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('zh', 'help-zh.html'));
    const widget = page.locator('crm-ticket-form');
    await expect.poll(() => widget.getByLabel('电子邮箱').count(), settle).toBe(1);
    await widget.getByLabel('主题').selectOption('Repair');
    await widget.getByLabel('标题').fill('灯坏了');
    await widget.getByLabel('问题描述').fill('灯一直闪。');
    await widget.getByLabel('电子邮箱').fill('wang@example.com');
    // What a form-filling bot does: the honeypot gets a value, and the server refuses.
    await page.evaluate(() => {
      const input = document
        .querySelector('crm-ticket-form')
        ?.shadowRoot?.querySelector<HTMLInputElement>('#website');
      if (!input) throw new Error('no honeypot');
      input.value = 'http://spam.example';
      input.dispatchEvent(new Event('input'));
    });
    await widget.getByRole('button', { name: '提交请求' }).click();
    await expect.poll(() => widget.getByRole('alert').textContent(), settle).toContain('疑似自动发送');
    expect(await widget.getByLabel('标题').inputValue()).toBe('灯坏了');
    expect(await widget.getByLabel('问题描述').inputValue()).toBe('灯一直闪。');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('checks files before sending: size and type', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('files', 'help-en.html'));
    const widget = page.locator('crm-ticket-form');
    const input = widget.getByLabel('Photos or receipt (optional)');
    await expect.poll(() => input.count(), settle).toBe(1);
    await input.setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
      { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) },
    ]);
    const errors = (await widget.locator('#files-error').textContent()) ?? '';
    expect(errors).toContain('notes.txt is not a picture or a PDF.');
    expect(errors).toContain('huge.pdf is larger than 10 MB.');
    await context.close();
  });
});
