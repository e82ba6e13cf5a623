import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sites } from '../../db/schema/index.ts';
import { DEMO_SITE } from '../../examples/shop/seed.ts';
import { screenshot } from '../../tests/fixtures/console-browser.ts';
import {
  cspViolations,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../../tests/fixtures/embedded-kit.ts';
import { recordRequests } from '../../tests/fixtures/network.ts';
import { newId } from '../../worker/lib/crypto.ts';
import { signHs256 } from '../../worker/lib/jwt.ts';
import { scoreSite } from '../../worker/modules/scoring/pass.ts';

// The staff mode of <crm-customer-card> on a third-party page under a strict CSP: the host's
// server signs a staff token into the page, and the card shows the customer's 360 with scores.

/** What the host's server does for its staff: a 5-minute staff token signed with the site's secret. */
const staffToken = (claims: Record<string, unknown> = {}, secret = DEMO_SITE.identitySecret) =>
  signHs256(
    {
      typ: 'crm-staff',
      aud: 'crm-staff',
      sub: 'helpdesk-agent',
      exp: Math.floor(Date.now() / 1000) + 300,
      ...claims,
    },
    secret,
  );

/** A page script that hands the card a token made when the page is served. */
const withToken = (token: () => Promise<string>) => async () =>
  `document.querySelector('crm-customer-card').setAttribute('staff-token', ${JSON.stringify(await token())});`;

const staffCard = (lang: string) =>
  `<h1>Helpdesk</h1><crm-customer-card lang="${lang}" customer="cust-1002"></crm-customer-card>`;

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit({
    pages: {
      'staff-en.html': { title: 'Helpdesk', main: staffCard('en'), script: withToken(() => staffToken()) },
      'staff-zh.html': { title: '客服', main: staffCard('zh-CN'), script: withToken(() => staffToken()) },
      'staff-identity.html': {
        title: 'Helpdesk',
        main: staffCard('en'),
        // An identity token for the very customer: still not a staff token.
        script: withToken(() =>
          signHs256({ sub: 'cust-1002', exp: Math.floor(Date.now() / 1000) + 300 }, DEMO_SITE.identitySecret),
        ),
      },
      'visitor.html': { title: 'Account', main: staffCard('en') },
    },
  });
  const db = kit.crm.database.db;
  const [demo] = await db.select().from(sites).where(eq(sites.publishableKey, DEMO_SITE.publishableKey));
  await scoreSite({ db, now: Date.now, newId }, demo?.id ?? '', 'full');
}, 120_000);

afterAll(async () => {
  await kit.close();
});

const shadowText = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('crm-customer-card');
    const staff = card?.shadowRoot?.querySelector('crm-customer-staff-view');
    return `${card?.shadowRoot?.textContent ?? ''} ${staff?.shadowRoot?.textContent ?? ''}`;
  });

describe('<crm-customer-card> staff mode', () => {
  it('shows the customer’s 360 with scores for a staff token, and no visitor profile', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const requests = await recordRequests(page, `${kit.crm.origin}/v1/`);
    await page.goto(kit.site.url('staff', 'staff-en.html'));
    const region = page.getByRole('region', { name: 'Customer 360' });
    await expect.poll(() => region.locator('[part~="name"]').textContent(), settle).toBe('王小明');
    await expect.poll(() => region.locator('[part~="scores"]').textContent(), settle).toContain('Churn risk');
    expect(await region.locator('[part~="badges"]').textContent()).toMatch(/Value tier [ABC]/);
    const { violations } = await new AxeBuilder({ page }).include('crm-customer-card').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await screenshot(page, 'en-staff-card');
    // The staff view asks for the one customer, and never for the profile of whoever browses.
    expect(requests.filter((r) => r.startsWith('GET /v1/staff/customer'))).toHaveLength(1);
    expect(requests.filter((r) => r.includes('/v1/me'))).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('speaks Chinese', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('staff-zh', 'staff-zh.html'));
    const region = page.getByRole('region', { name: '客户 360' });
    await expect.poll(() => region.locator('[part~="scores"]').textContent(), settle).toContain('流失风险');
    await screenshot(page, 'zh-CN-staff-card');
    await context.close();
  });

  it('shows nothing of the customer to an identity token set as the staff token', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('staff-identity', 'staff-identity.html'));
    await page.getByRole('alert').getByText('The staff token was refused').waitFor(settle);
    const text = await shadowText(page);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('Churn');
    await context.close();
  });

  it('never shows scores in a visitor’s card, whatever attributes it has', async () => {
    const { context, page } = await openPage(kit.browser);
    await page.goto(kit.site.url('visitor', 'visitor.html'));
    await page.getByRole('region', { name: 'Your profile' }).locator('[part~="name"]').waitFor(settle);
    const text = await shadowText(page);
    expect(text).toContain('Guest');
    for (const word of ['Churn', 'tier', 'Segment', '王小明']) expect(text).not.toContain(word);
    await context.close();
  });
});
