import { AxeBuilder } from '@axe-core/playwright';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRIGERATOR } from '../../examples/shop/refrigerator.ts';
import { DEMO_SITE } from '../../examples/shop/seed.ts';
import { configurationOf } from '../../tests/fixtures/configurator.ts';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';
import type { EvaluateResponse } from '../../worker/contract/configurator.ts';
import {
  evaluate,
  type Configuration,
  type Evaluation,
} from '../../worker/contract/shared/configurator/index.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import type { CrmOrderBuilder } from './define.ts';

const builder = (attrs: string) =>
  `<h1>Design</h1><crm-order-builder product="FRIDGE-CFG" ${attrs}></crm-order-builder>`;
const identifyScript = (sub: string) => async () => {
  const exp = Math.floor(Date.now() / 1000) + 600;
  const token = await signHs256({ sub, name: 'Builder Customer', exp }, DEMO_SITE.identitySecret);
  return `await window.crm.identify(${JSON.stringify(token)});`;
};

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'builder-en.html': { title: 'Design', main: builder('lang="en"') },
      'builder-steps-zh.html': { title: '设计', main: builder('lang="zh-CN" layout="steps"') },
      'builder-signed-in.html': {
        title: 'Design',
        main: builder('lang="en"'),
        script: identifyScript('cust-builder'),
      },
    },
  });
});

afterAll(async () => {
  await kit.close();
});

/** Resolves once the builder shows its model. */
function shown(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => document.querySelector('crm-order-builder')?.shadowRoot?.querySelector('[part~="price"]'),
    undefined,
    settle,
  );
}

const totalText = (page: Page) =>
  page.locator('crm-order-builder [part~="price"] .total strong').textContent();

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('crm-order-builder').analyze();
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${JSON.stringify(node.target)}`));
}

describe('<crm-order-builder>', () => {
  it('explains blocked choices, follows the keyboard, updates price and preview, and is axe-clean', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('keys', 'builder-en.html'));
    await shown(page);
    expect(await totalText(page)).toBe('$963.00');
    const ice = page.getByRole('checkbox', { name: /Ice maker/ });
    await expect.poll(() => ice.isDisabled()).toBe(true);
    expect(await ice.getAttribute('aria-describedby')).toBe('compartments--ice--reason');
    expect(await page.locator('crm-order-builder #compartments--ice--reason').textContent()).toBe(
      'needs: Freezer at the bottom',
    );
    expect(await page.locator('crm-order-builder [data-layer^="bottom"]').count()).toBe(0);

    // Radio semantics: the arrow keys move the door layout from "Freezer on top" to the next one.
    await page.getByRole('radio', { name: /Freezer on top/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.getByRole('radio', { name: /Freezer at the bottom/ }).isChecked())
      .toBe(true);
    expect(await totalText(page)).toBe('$1,063.00');
    expect(await page.locator('crm-order-builder [data-layer^="bottom"]').count()).toBeGreaterThan(0);
    await expect.poll(() => ice.isDisabled()).toBe(false);
    await ice.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => ice.isChecked()).toBe(true);
    expect(await totalText(page)).toBe('$1,192.00');
    // Now the top freezer is what a rule blocks.
    expect(await page.locator('crm-order-builder #layout--top--reason').textContent()).toBe(
      'needs: Freezer at the bottom',
    );
    expect(await page.locator('crm-order-builder [part~="price"] .total').getAttribute('aria-live')).toBe(
      'polite',
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the design through a reload', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('reload', 'builder-en.html'));
    await shown(page);
    await page.getByRole('radio', { name: /Matte black/ }).check();
    await page.getByRole('checkbox', { name: /Wi-Fi control/ }).check();
    const before = await totalText(page);
    await page.reload();
    await shown(page);
    expect(await page.getByRole('radio', { name: /Matte black/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Wi-Fi control/ }).isChecked()).toBe(true);
    expect(await totalText(page)).toBe(before);
    await context.close();
  });

  it('runs the same engine as the server: the built chunk agrees on generated configurations', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('agree', 'builder-en.html'));
    await shown(page);
    const configs = fc.sample(configurationOf(REFRIGERATOR), { numRuns: 60, seed: 42 });
    const inBrowser = await page.evaluate(async (list: Configuration[]) => {
      const element = document.querySelector<CrmOrderBuilder>('crm-order-builder');
      const out: (Evaluation | undefined)[] = [];
      for (const configuration of list) {
        if (!element) break;
        element.configuration = configuration;
        await element.updateComplete;
        out.push(element.evaluation);
      }
      return out;
    }, configs);
    expect(inBrowser).toEqual(configs.map((c) => evaluate(REFRIGERATOR, c, 'en')));
    for (const configuration of configs.slice(0, 10)) {
      const res = await fetch(
        `${kit.crm.origin}/v1/configurator/products/FRIDGE-CFG/evaluate?key=${DEMO_SITE.publishableKey}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ configuration }),
        },
      );
      const { version, ...server } = await res.json<EvaluateResponse>();
      expect(version).toBeGreaterThan(0);
      expect(server).toEqual(inBrowser[configs.indexOf(configuration)]);
    }
    await context.close();
  });

  it('shares a design by a link that others open read-only and may copy', async () => {
    const owner = await openPage(kit.browser);
    await owner.page.goto(kit.site.url('share', 'builder-en.html'));
    await shown(owner.page);
    await owner.page.getByRole('radio', { name: /Brushed steel/ }).check();
    await owner.page.getByRole('button', { name: 'Share link' }).click();
    const link = owner.page.locator('crm-order-builder .share output');
    await expect.poll(() => link.textContent(), settle).toContain('crm-design=');
    const url = (await link.textContent()) ?? '';

    const other = await openPage(kit.browser);
    await other.page.goto(url);
    await shown(other.page);
    const steel = other.page.getByRole('radio', { name: /Brushed steel/ });
    expect(await steel.isChecked()).toBe(true);
    expect(await steel.isDisabled()).toBe(true);
    expect(await other.page.getByRole('button', { name: 'Place order' }).count()).toBe(0);
    expect(await seriousViolations(other.page)).toEqual([]);
    await other.page.getByRole('button', { name: 'Copy to my designs' }).click();
    await expect.poll(() => steel.isDisabled(), settle).toBe(false);
    await other.page.getByRole('radio', { name: /Matte black/ }).check();
    // A reload reopens the copy, still theirs to change.
    expect(other.page.url()).not.toContain('crm-design=');
    await other.page.reload();
    await shown(other.page);
    expect(await other.page.getByRole('radio', { name: /Matte black/ }).isChecked()).toBe(true);
    // The owner's design is unchanged by the copy being changed.
    await owner.page.reload();
    await shown(owner.page);
    expect(await owner.page.getByRole('radio', { name: /Brushed steel/ }).isChecked()).toBe(true);
    await other.context.close();
    await owner.context.close();
  });

  it('goes step by step in Chinese, and places an order only for a signed-in shopper', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('steps', 'builder-steps-zh.html'));
    await shown(page);
    expect(await page.locator('crm-order-builder .step').textContent()).toContain('第 1 步，共 4 步：颜色');
    for (let i = 0; i < 4; i++) await page.locator('crm-order-builder .buttons button').last().click();
    expect(await page.locator('crm-order-builder .step').textContent()).toContain('您的设计');
    expect(await totalText(page)).toBe('US$963.00');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '下单' }).click();
    await expect
      .poll(() => page.locator('crm-order-builder [role="alert"]').textContent(), settle)
      .toContain('请先登录再下单');

    await page.goto(kit.site.url('steps', 'builder-signed-in.html'));
    await shown(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect
      .poll(() => page.locator('crm-order-builder [part~="result"]').textContent(), settle)
      .toMatch(/Your order CO-[A-Z0-9]{8} is placed\.\s+Received/);
    await context.close();
  });
});
