import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Metafile } from 'esbuild';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../examples/shop/seed.ts';
import { injectFaults } from '../../tests/fixtures/api-faults.ts';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';
import { recordRequests } from '../../tests/fixtures/network.ts';
import { IDEMPOTENCY_HEADER } from '../../worker/contract/orders.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import type { CrmEventMap } from '../core/events.ts';
import type { CrmCustomerCard } from './define.ts';

/** Unbroken text longer than a phone-wide card: a name, an order reference and a page path. */
const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwaren';
const LONG_REFERENCE = 'INV20261123000000000000000000000000000000000001';
const LONG_FILE = 'autumncollectionwalnutwritingdeskwithdrawers.html';
const CUSTOMER = 'cust-long-name';

const card = (lang: string) => `<h1>Account</h1><crm-customer-card lang="${lang}"></crm-customer-card>`;

/** The site identifies its customer on every page with a token signed for that page. */
const identifyScript = async () => {
  const exp = Math.floor(Date.now() / 1000) + 600;
  const token = await signHs256({ sub: CUSTOMER, name: LONG_NAME, exp }, DEMO_SITE.identitySecret);
  return `await window.crm.identify(${JSON.stringify(token)});`;
};

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'card-en.html': { title: 'Account', main: card('en') },
      'signed-in-en.html': { title: 'Account', main: card('en'), script: identifyScript },
      'signed-in-zh-cn.html': { title: '账户', main: card('zh-CN'), script: identifyScript },
      // No title: the card shows the page's path.
      [LONG_FILE]: { title: '', main: '<h1>Desk</h1>' },
      'late-kit.html': { title: 'Late kit', main: card('en'), kitTags: [] },
    },
  });
});

afterAll(async () => {
  await kit.close();
});

/** The card's base part, found the way assistive technology finds it: a region named by its heading. */
function cardRegion(page: Page, heading = 'Your profile'): Locator {
  return page.getByRole('region', { name: heading });
}

/** The card's state (`initial`, `pending`, `complete`, `error`) once its update has rendered. */
function stateOf(page: Page): () => Promise<string | undefined> {
  return () =>
    page.evaluate(async () => {
      const element = document.querySelector<CrmCustomerCard>('crm-customer-card');
      await element?.updateComplete;
      return element?.shadowRoot?.querySelector<HTMLElement>('[part~="base"]')?.dataset.state;
    });
}

/** Resolves once the card shows a profile (its name part is rendered). */
function profileShown(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => document.querySelector('crm-customer-card')?.shadowRoot?.querySelector('[part~="name"]'),
    undefined,
    settle,
  );
}

/** Serious and critical accessibility violations inside the card, as `rule: target`. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('crm-customer-card').analyze();
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${JSON.stringify(node.target)}`));
}

/** Every widget event that reaches `document`, with the element it came from. */
async function recordWidgetEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { widgetEvents: unknown[] }).widgetEvents = seen;
    for (const type of ['crm-load', 'crm-error'] as const) {
      document.addEventListener(type, (event) => {
        seen.push({ type, from: (event.target as Element).localName, detail: event.detail });
      });
    }
  });
}

function widgetEvents(page: Page) {
  return page.evaluate(() => (window as unknown as { widgetEvents: unknown[] }).widgetEvents);
}

/** Records an order for the long-named customer, as the site's server would. */
async function placeOrder(): Promise<void> {
  const res = await fetch(`${kit.crm.origin}/v1/orders`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${DEMO_SITE.secretKey}`,
      'Content-Type': 'application/json',
      [IDEMPOTENCY_HEADER]: `order-${CUSTOMER}`,
    },
    body: JSON.stringify({
      customer: { externalId: CUSTOMER, name: LONG_NAME },
      reference: LONG_REFERENCE,
      items: [{ sku: 'LAMP-01', quantity: 1, unitPriceCents: 4900 }],
    }),
  });
  expect(res.status).toBeLessThan(300);
}

describe('<crm-customer-card>', () => {
  it('shows a returning visitor their profile after one API request and no preflight', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('returning', 'card-en.html'));
    await profileShown(page);
    expect(await stateOf(page)()).toBe('complete');
    await page.evaluate(() => window.crm.flush());

    const requests = await recordRequests(page, `${kit.crm.origin}/v1/`);
    await page.goto(kit.site.url('returning', 'card-en.html'));
    await profileShown(page);
    expect(requests).toEqual(['GET /v1/me']);

    // The page view of this visit reaches the card once the tracker has sent it.
    await expect
      .poll(() => cardRegion(page).locator('[part~="stats"]').textContent(), settle)
      .toContain('2 pages viewed');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('does not identify again when the site signs a new token for the same customer', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('identified', 'signed-in-en.html'));
    await expect.poll(() => cardRegion(page).locator('[part~="name"]').textContent(), settle).toBe(LONG_NAME);
    await page.evaluate(() => window.crm.flush());

    const requests = await recordRequests(page, `${kit.crm.origin}/v1/`);
    await page.goto(kit.site.url('identified', 'signed-in-en.html'));
    await profileShown(page);
    expect(requests).toEqual(['GET /v1/me']);
    expect(await cardRegion(page).locator('[part~="name"]').textContent()).toBe(LONG_NAME);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers preflights with a two-hour cache lifetime', async () => {
    const res = await fetch(`${kit.crm.origin}/v1/me?key=${DEMO_SITE.publishableKey}`, {
      method: 'OPTIONS',
      headers: { Origin: kit.site.origin, 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Max-Age')).toBe('7200');
  });

  it.each([
    { lang: 'en', file: 'signed-in-en.html', heading: 'Your profile' },
    { lang: 'zh-CN', file: 'signed-in-zh-cn.html', heading: '我的资料' },
  ])('keeps long unbroken text inside a phone-wide card ($lang)', async ({ lang, file, heading }) => {
    await placeOrder();
    const { context, page, problems } = await openPage(kit.browser);
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(kit.site.url(`long-${lang.toLowerCase()}`, LONG_FILE));
    await page.evaluate(() => window.crm.flush());
    await page.goto(kit.site.url(`long-${lang.toLowerCase()}`, file));

    const region = cardRegion(page, heading);
    await expect
      .poll(() => region.locator('[part~="orders"]').textContent(), settle)
      .toContain(LONG_REFERENCE);
    await expect.poll(() => region.locator('[part~="pages"]').textContent(), settle).toContain(LONG_FILE);
    expect(await region.locator('[part~="name"]').textContent()).toBe(LONG_NAME);

    const overflow = await region.evaluate((base) => {
      const right = base.getBoundingClientRect().right;
      const outside = [...base.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > right + 0.5)
        .map((element) => element.outerHTML.slice(0, 80));
      return { scroll: base.scrollWidth - base.clientWidth, outside, pageRight: right };
    });
    expect(overflow).toEqual({ scroll: 0, outside: [], pageRight: expect.any(Number) as number });
    expect(overflow.pageRight).toBeLessThanOrEqual(360);
    await region.screenshot({ path: `test-results/customer-card-${lang}.png` });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reports an error from the element, and recovers from it with the keyboard', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await injectFaults(page, `${kit.crm.origin}/v1/me**`, [503], kit.site.origin);
    await page.goto(kit.site.url('keyboard', 'card-en.html'));
    await recordWidgetEvents(page);

    await expect.poll(stateOf(page), settle).toBe('error');
    expect(await seriousViolations(page)).toEqual([]);
    const retry = cardRegion(page).getByRole('button', { name: 'Try again' });
    const retryFocused = () =>
      retry.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button);
    for (let presses = 0; presses < 5 && !(await retryFocused()); presses++) await page.keyboard.press('Tab');
    expect(await retryFocused()).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(stateOf(page), settle).toBe('complete');
    expect(await seriousViolations(page)).toEqual([]);
    const expected: { type: keyof CrmEventMap; from: string; detail: unknown }[] = [
      { type: 'crm-error', from: 'crm-customer-card', detail: { code: 'test_503' } },
      { type: 'crm-load', from: 'crm-customer-card', detail: {} },
    ];
    expect(await widgetEvents(page)).toEqual(expected);
    expect(problems.filter((problem) => !problem.includes('status of 503'))).toEqual([]);
    await context.close();
  });

  it('finds the kit when crm.js starts after the element', async () => {
    const meta = JSON.parse(await readFile('dist/meta.json', 'utf8')) as Metafile;
    const chunk = Object.entries(meta.outputs).find(
      ([, output]) => output.entryPoint === 'widgets/customer-card/define.ts',
    )?.[0];
    expect(chunk).toBeDefined();
    // Loading the widget and the kit by hand needs scripts the strict CSP would refuse.
    const context = await kit.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(kit.site.url('late', 'late-kit.html'));
    const chunkUrl = `${kit.crm.origin}/${(chunk ?? '').replace(/^dist\//, '')}`;
    // A string, so the test runner does not rewrite the browser's import().
    await page.evaluate(`import(${JSON.stringify(chunkUrl)})`);
    expect(await stateOf(page)()).toBe('initial');
    expect(await cardRegion(page).getByRole('status').textContent()).toBe('Loading your profile…');

    await page.evaluate(
      ({ src, endpoint, siteKey }) => {
        const script = Object.assign(document.createElement('script'), { type: 'module', src });
        Object.assign(script.dataset, { siteKey, endpoint });
        document.head.appendChild(script);
      },
      { src: `${kit.crm.origin}/crm.js`, endpoint: kit.crm.origin, siteKey: DEMO_SITE.publishableKey },
    );
    await expect.poll(stateOf(page), settle).toBe('complete');
    expect(await cardRegion(page).locator('[part~="name"]').textContent()).toBe('Guest');
    await context.close();
  });
});
