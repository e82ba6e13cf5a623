import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld } from '../fixtures/demo.ts';
import { customers, sites, staff, staffSessions } from '../../db/schema/index.ts';
import { DEMO_CUSTOMERS, DEMO_OWNER, DEMO_SITE } from '../../examples/shop/seed.ts';
import { IDENTITY_HEADER } from '../../worker/contract/constants.ts';
import { SESSION_IDLE_MS } from '../../worker/modules/staff/sessions.ts';
import { start, type RunningServer } from '../../worker/node.ts';
import { watchForProblems } from '../fixtures/browser.ts';
import { focusedLabel, screenshot, seriousViolations, unexpected } from '../fixtures/console-browser.ts';
import { settle } from '../fixtures/embedded-kit.ts';
import { recordRequests } from '../fixtures/network.ts';
import { handMadeJwt } from '../fixtures/tokens.ts';

// The console's pages against the real server: the demo's Node entry over an embedded database
// in a temporary folder, and for first-run setup a fresh installation with no staff. Members,
// expired sessions, customers and live events are made the way they happen in production:
// through the services on the same database, by aging a session's row, and over the widget API.

let world: Awaited<ReturnType<typeof startDemoWorld>>;
let server: RunningServer;
let browser: Browser;
let siteId: string;

/** A service-role member, made like the command line's `staff add` (a low work factor for speed). */
const SERVICE = { email: 'sam@demo.example', name: 'Sam Service', password: 'service-member-password' };

beforeAll(async () => {
  world = await startDemoWorld('console-pages', [{ ...SERVICE, role: 'service' }]);
  ({ server, browser } = world);
  siteId = world.site.id;
});

afterAll(() => world.close());

async function open(
  path: string,
  options: { width?: number } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${server.origin}${path}`);
  return { context, page, problems };
}

async function signIn(page: Page, member: { email: string; password: string } = DEMO_OWNER): Promise<void> {
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const heading = (page: Page) => page.locator('h1').first().textContent();
const siteUrl = (path = '') => `${server.origin}/console/sites/${siteId}${path}`;

/** A request to the widget API with the demo site's publishable key, from the demo's own origin. */
async function widget(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${server.origin}${path}?key=${DEMO_SITE.publishableKey}`, {
    method: 'POST',
    headers: { Origin: server.origin, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return res;
}

/** A new anonymous visitor (and with it a customer profile), as the kit makes on a first visit. */
async function newVisitor(): Promise<string> {
  const res = await widget('/v1/visitors', {});
  expect(res.status).toBe(201);
  return (await res.json<{ visitorToken: string }>()).visitorToken;
}

/** A page view by a new visitor on `path`, sent the way the tracker sends it. */
async function visit(path: string): Promise<void> {
  const visitorToken = await newVisitor();
  const res = await widget('/v1/events', {
    visitorToken,
    events: [{ id: randomUUID(), type: 'page_view', sessionId: randomUUID(), seq: 0, ts: Date.now(), path }],
  });
  expect(await res.json()).toMatchObject({ accepted: 1 });
}

/** `POST /v1/identify` for a new visitor with an identity token signed with `secret`. */
async function identify(sub: string, secret: string): Promise<number> {
  const visitorToken = await newVisitor();
  const token = handMadeJwt(
    { alg: 'HS256', typ: 'JWT' },
    { sub, exp: Math.floor(Date.now() / 1000) + 600 },
    secret,
  );
  const res = await widget(
    '/v1/identify',
    {},
    { Authorization: `Bearer ${visitorToken}`, [IDENTITY_HEADER]: token },
  );
  return res.status;
}

/** The session row behind the browser's cookie: only the token's SHA-256 is stored. */
async function sessionIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'crm_console');
  if (!cookie) throw new Error('the browser holds no console session');
  return createHash('sha256').update(cookie.value).digest('hex');
}

describe('console pages on the real server', () => {
  it('shows a service member only customers, activity, the service desk, the help center and custom orders, and says so on other pages', async () => {
    const { context, page, problems } = await open('/console');
    const api = await recordRequests(page, `${server.origin}/console/api/`);
    await page.waitForURL('**/console/sign-in');
    await signIn(page, SERVICE);
    // Service may not read reports: the console starts on the customers list instead.
    await page.waitForURL(`**/console/sites/${siteId}/customers`);
    await expect.poll(() => heading(page), settle).toBe('Customers');
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Customers',
      'Live activity',
      'Service queue',
      'Service sites',
      'Service reports',
      'Help center',
      'Custom orders',
      'Configurator',
    ]);
    await page.goto(siteUrl('/settings'));
    await expect.poll(() => heading(page), settle).toContain('does not allow');
    expect(api).not.toContain(`GET /console/api/sites/${siteId}`);
    // The console hides only what the server refuses anyway.
    const status = await page.evaluate(
      async (url) => (await fetch(url)).status,
      `/console/api/sites/${siteId}`,
    );
    expect(status).toBe(403);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('sends an expired session to sign-in and back to the page it was on', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page);
    await page.waitForURL(`**/console/sites/${siteId}`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => heading(page), settle).toBe('Audit log');
    // Two idle hours pass for this browser's session, as the server's clock would see them.
    await server.database.db
      .update(staffSessions)
      .set({ lastSeenAt: Date.now() - SESSION_IDLE_MS - 60_000 })
      .where(eq(staffSessions.id, await sessionIdOf(context)));
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL('**/console/sign-in?next=%2Fconsole%2Fstaff');
    await expect.poll(() => heading(page), settle).toBe('Sign in');
    await signIn(page);
    await page.waitForURL('**/console/staff');
    await expect.poll(() => heading(page), settle).toBe('Staff');
    await expect.poll(() => page.getByRole('cell', { name: SERVICE.email }).count(), settle).toBe(1);
    // The back button walks the history the console pushed.
    await page.goBack();
    await page.waitForURL('**/console/audit');
    await expect.poll(() => heading(page), settle).toBe('Audit log');
    await context.close();
  });

  it('announces a refused sign-in and keeps focus on the form', async () => {
    const { context, page } = await open('/console/sign-in');
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), settle).toContain('Email or password is wrong');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedLabel(page)).toBe('Password');
    expect(await seriousViolations(page)).toEqual([]);
    // The server counted the failure against the account.
    const [owner] = await server.database.db.select().from(staff).where(eq(staff.email, DEMO_OWNER.email));
    expect(owner?.failedSignIns).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/console\/sign-in$/);
    await context.close();
  });

  it('keeps the customer list in the URL: sort, paging, filters', async () => {
    // More visitors than a page holds: each first visit makes an anonymous customer.
    await Promise.all(Array.from({ length: 55 }, () => newVisitor()));
    const db = server.database.db;
    const [all] = await db.select({ n: count() }).from(customers).where(eq(customers.siteId, siteId));
    const total = all?.n ?? 0;
    expect(total).toBeGreaterThan(50);
    const [known] = await db
      .select({ n: count() })
      .from(customers)
      .where(and(eq(customers.siteId, siteId), isNotNull(customers.externalId)));

    const { context, page } = await open('/console/sign-in');
    await signIn(page);
    await page.waitForURL(`**/console/sites/${siteId}`);
    await page.goto(siteUrl('/customers'));
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count(), settle).toBe(50);
    await page.getByRole('button', { name: 'Sort by Revenue' }).click();
    await page.waitForURL('**/customers?sort=revenue');
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Revenue' }).getAttribute('aria-sort'), settle)
      .toBe('descending');
    // The shop's paying customers lead, the largest first.
    const revenue = async () =>
      (await page.locator('tbody tr td:last-child').allTextContents()).map((text) =>
        Number(text.replace(/[^\d]/g, '')),
      );
    await expect.poll(async () => (await revenue())[0] ?? 0, settle).toBeGreaterThan(0);
    const amounts = await revenue();
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\/customers\?sort=revenue&cursor=[^&]+$/);
    await expect.poll(() => rows.count(), settle).toBe(total - 50);
    await page.getByLabel('Identity').selectOption('yes');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/customers?sort=revenue&identified=yes');
    await expect.poll(() => rows.count(), settle).toBe(known?.n);
    // A reload shows the same list: all of it is in the URL.
    await page.reload();
    await expect.poll(() => rows.count(), settle).toBe(known?.n);
    expect(await page.getByLabel('Identity').inputValue()).toBe('yes');
    const names = await page.locator('tbody tr td:first-child a').allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual(
      expect.arrayContaining(DEMO_CUSTOMERS.map((c) => c.name)),
    );
    await context.close();
  });

  it('runs first-run setup and shows the snippet and the secrets once, in 繁體中文 on a tablet', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'crm-e2e-console-setup-'));
    const setup = await start({ dbUrl: `file:${join(fresh, 'crm.db')}`, port: 0 });
    try {
      expect(setup.setupToken).toBeTruthy();
      const context = await browser.newContext({ viewport: { width: 820, height: 1100 }, locale: 'zh-TW' });
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(`${setup.origin}/console`);
      await page.waitForURL('**/console/setup');
      await expect.poll(() => heading(page), settle).toBe('設定 CRM');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'zh-TW-820-setup');
      await page.getByLabel('設定權杖').fill(setup.setupToken ?? '');
      await page.getByLabel('您的姓名').fill('Olivia Owner');
      await page.getByLabel('電子郵件').fill('olivia@shop.example');
      await page.getByLabel('密碼').fill('a long first-owner password');
      await page.getByLabel('網站名稱').fill('Paper & Lamp shop');
      await page.getByLabel('允許的來源').fill('https://shop.example/');
      await page.getByRole('button', { name: '建立擁有者和網站' }).click();
      const secretKey = page.getByRole('group', { name: '私密金鑰' }).locator('code');
      await expect.poll(() => secretKey.textContent(), settle).toMatch(/^sk_/);
      expect(await page.getByRole('group', { name: '身分密鑰' }).locator('code').textContent()).toBeTruthy();
      expect(await page.locator('pre').last().textContent()).toContain('<script type="module"');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'zh-TW-820-setup-done');
      // The secret key shown is the site's real one, and setup is closed now.
      const lookup = await fetch(`${setup.origin}/v1/customers`, {
        headers: { Authorization: `Bearer ${await secretKey.textContent()}` },
      });
      expect(lookup.status).toBe(200);
      expect(await (await fetch(`${setup.origin}/console/api/setup`)).json()).toEqual({ needed: false });
      await page.getByRole('button', { name: '進入控制台' }).click();
      await page.waitForURL(/\/console\/sites\/[^/]+$/);
      await expect.poll(() => heading(page), settle).toBe('概覽');
      const [created] = await setup.database.db.select().from(sites);
      expect(page.url()).toBe(`${setup.origin}/console/sites/${created?.id}`);
      expect(created?.allowedOrigins).toEqual(['https://shop.example']);
      expect(unexpected(problems)).toEqual([]);
      await context.close();
    } finally {
      await setup.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('accepts an invitation from the link an owner made', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page);
    await page.waitForURL(`**/console/sites/${siteId}`);
    await page.goto(`${server.origin}/console/staff`);
    await page.getByLabel('Email').fill('nia@demo.example');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = page.locator('pre code');
    await expect.poll(() => link.textContent(), settle).toContain('/console/invite#');
    await screenshot(page, 'en-staff-invited');
    const invitation = (await link.textContent()) ?? '';
    expect(invitation.startsWith(`${server.origin}/console/invite#`)).toBe(true);
    await context.close();

    const guest = await open('/console/sign-in');
    await guest.page.goto(invitation);
    await expect.poll(() => heading(guest.page), settle).toBe('Join the console');
    expect(await seriousViolations(guest.page)).toEqual([]);
    await screenshot(guest.page, 'en-invite');
    await guest.page.getByLabel('Your name').fill('Nia New');
    await guest.page.getByLabel('Password').fill('nia-new-password');
    await guest.page.getByRole('button', { name: 'Create my account' }).click();
    // The invitation's role (service, the form's default) starts on the customers list.
    await guest.page.waitForURL(`**/console/sites/${siteId}/customers`);
    await expect.poll(() => heading(guest.page), settle).toBe('Customers');
    const [nia] = await server.database.db.select().from(staff).where(eq(staff.email, 'nia@demo.example'));
    expect(nia).toMatchObject({ name: 'Nia New', role: 'service', active: true });
    await guest.context.close();
  });

  it('refreshes live activity on its own and can be paused', async () => {
    const { context, page } = await open('/console/sign-in');
    await signIn(page);
    await page.waitForURL(`**/console/sites/${siteId}`);
    await page.getByRole('link', { name: 'Live activity' }).click();
    const firstRow = page.locator('tbody tr').first();
    await expect.poll(() => page.locator('tbody tr').count(), settle).toBeGreaterThan(0);

    // A visitor browses the shop while the page is open: the page shows it on its own.
    await visit('/live-while-watching.html');
    await expect.poll(() => firstRow.textContent(), settle).toContain('/live-while-watching.html');

    await page.getByRole('button', { name: 'Pause updates' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Resume updates' }).count(), settle).toBe(1);
    const before = await page.locator('tbody tr').allTextContents();
    await visit('/live-while-paused.html');

    // A second window on the same session keeps polling: once it has shown the new event and
    // polled twice more, a paused page that still polled would have shown it too.
    const watcher = await browser.newContext({ storageState: await context.storageState() });
    const watching = await watcher.newPage();
    const polls = await recordRequests(watching, `${server.origin}/console/api/sites/${siteId}/activity`);
    await watching.goto(siteUrl('/activity'));
    await expect
      .poll(() => watching.locator('tbody tr').first().textContent(), settle)
      .toContain('/live-while-paused.html');
    const seen = polls.length;
    await expect.poll(() => polls.length, settle).toBeGreaterThanOrEqual(seen + 2);
    await watcher.close();
    expect(await page.locator('tbody tr').allTextContents()).toEqual(before);

    // Resuming fetches what came in meanwhile.
    await page.getByRole('button', { name: 'Resume updates' }).click();
    await expect.poll(() => firstRow.textContent(), settle).toContain('/live-while-paused.html');
    await context.close();
  }, 40_000);

  it('rotates the identity secret with a grace period after a confirmation', async () => {
    const db = server.database.db;
    const { context, page } = await open('/console/sign-in');
    const api = await recordRequests(page, `${server.origin}/console/api/`);
    await signIn(page);
    await page.waitForURL(`**/console/sites/${siteId}`);
    await page.getByRole('link', { name: 'Site settings' }).click();
    await page.getByLabel('Grace period (hours)').fill('48');
    await page.getByRole('button', { name: 'Rotate the identity secret' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), settle).toContain('48 more hours');
    // Escape cancels: nothing is rotated.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), settle).toBe(0);
    expect(api).not.toContain(`POST /console/api/sites/${siteId}/identity-secret`);
    const [unchanged] = await db.select().from(sites).where(eq(sites.id, siteId));
    expect(unchanged?.identitySecret).toBe(DEMO_SITE.identitySecret);

    await page.getByRole('button', { name: 'Rotate the identity secret' }).click();
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    const secret = page.locator('.secret code');
    await expect.poll(() => secret.textContent(), settle).toMatch(/\S{16,}/);
    const rotated = (await secret.textContent()) ?? '';
    expect(rotated).not.toBe(DEMO_SITE.identitySecret);
    await expect
      .poll(() => page.getByText(/previous identity secret verifies until/).count(), settle)
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'en-settings-rotated');

    // The site's servers may sign with either secret for the next 48 hours, with no other.
    const [site] = await db.select().from(sites).where(eq(sites.id, siteId));
    expect(site?.identitySecret).toBe(rotated);
    const grace = (site?.previousIdentitySecretUntil ?? 0) - Date.now();
    expect(grace).toBeGreaterThan(47 * 3600_000);
    expect(grace).toBeLessThanOrEqual(48 * 3600_000);
    expect(await identify('rotated-old', DEMO_SITE.identitySecret)).toBe(200);
    expect(await identify('rotated-new', rotated)).toBe(200);
    expect(await identify('rotated-other', 'a secret this site never had')).toBe(401);
    await context.close();
  });
});
