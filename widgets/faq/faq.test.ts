import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';
import { recordRequests } from '../../tests/fixtures/network.ts';

// <crm-faq> on another site (cross-origin to the CRM) under its strict CSP and Trusted Types
// policy, against the demo's seeded knowledge base.

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'faq.html': { title: 'Help', main: '<h1>Help</h1><crm-faq lang="en"></crm-faq>' },
      'faq-consent.html': {
        title: 'Help',
        main: '<h1>Help</h1><crm-faq lang="zh-CN"></crm-faq>',
        consentRequired: true,
      },
      'faq-themed.html': {
        title: 'Help',
        main: '<h1>Help</h1><crm-faq lang="en" class="themed"></crm-faq>',
      },
    },
  });
});

afterAll(async () => {
  await kit.close();
});

const input = (page: Page) => page.locator('crm-faq').getByRole('combobox');
const options = (page: Page) => page.locator('crm-faq').getByRole('option');

describe('<crm-faq> on a third-party site', () => {
  it('searches as you type with one request per pause, and the newest query wins', async () => {
    const { page, problems } = await openPage(kit.browser);
    const requests = await recordRequests(page, `${kit.crm.origin}/v1/help/search`);
    await page.goto(kit.site.url('faq-typing', 'faq.html'));
    await expect
      .poll(
        () =>
          page
            .locator('crm-faq')
            .getByRole('button', { name: /Shipping/ })
            .count(),
        settle,
      )
      .toBe(1);
    // Typed faster than the pause: one search for the whole word.
    await input(page).pressSequentially('shipping', { delay: 20 });
    await expect.poll(() => options(page).count(), settle).toBe(1);
    expect(requests.filter((r) => r.startsWith('GET')).length).toBe(1);
    // A query replaced right after its request left: its task is aborted, the newer one shown.
    await input(page).fill('password');
    await page.waitForTimeout(210);
    await input(page).fill('refund');
    await expect
      .poll(() => options(page).first().locator('.title').textContent(), settle)
      .toBe('When will I get my refund?');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems.filter((p) => !p.includes('ERR_ABORTED'))).toEqual([]);
    await page.context().close();
  });

  it('still searches and reads when tracking is off, and says a vote could not be recorded', async () => {
    const { page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('faq-consent', 'faq-consent.html'));
    await input(page).fill('退货');
    await expect.poll(() => options(page).count(), settle).toBeGreaterThan(0);
    await options(page).first().click();
    await expect
      .poll(() => page.locator('crm-faq').getByRole('heading', { name: '如何申请退货' }).count(), settle)
      .toBe(1);
    await page.locator('crm-faq').getByRole('button', { name: '有帮助' }).click();
    await expect.poll(() => page.locator('crm-faq').getByText('无法记录您的反馈。').count(), settle).toBe(1);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('is themeable through custom properties and parts', async () => {
    const { page } = await openPage(kit.browser);
    await page.goto(kit.site.url('faq-theme', 'faq-themed.html'));
    await page.evaluate(() => {
      const element = document.querySelector('crm-faq');
      element?.style.setProperty('--crm-color-highlight', 'rgb(1, 2, 3)');
    });
    await input(page).fill('refund');
    await expect.poll(() => options(page).count(), settle).toBeGreaterThan(0);
    const background = await options(page)
      .first()
      .locator('mark')
      .first()
      .evaluate((mark) => getComputedStyle(mark).backgroundColor);
    expect(background).toBe('rgb(1, 2, 3)');
    await page.context().close();
  });
});
