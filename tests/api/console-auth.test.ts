import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, sites, staff, staffSessions } from '../../db/schema/index.ts';
import { hashPassword, PASSWORD_ITERATIONS, verifyPassword } from '../../worker/modules/staff/passwords.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../worker/modules/staff/sessions.ts';
import { LOCK_MS } from '../../worker/modules/staff/accounts.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { consoleBrowser, signedInMember } from '../fixtures/console.ts';

const SETUP = 'setup-token-for-tests';
const OWNER = { email: 'Owner@Shop.example', name: 'Olive Owner', password: 'a long owner password' };
const SITE = { name: 'Shop', allowedOrigins: ['https://shop.example'] };

async function actions(t: TestApp) {
  return (await t.db.select().from(auditLog).orderBy(auditLog.id)).map((row) => row.action);
}

describe('first-run setup', () => {
  it('creates the owner and the first site once, with the one-time token, and signs the owner in', async () => {
    const t = await makeTestApp({ setupToken: SETUP });
    const browser = consoleBrowser(t);
    expect(await (await browser.call('GET', '/setup')).json()).toEqual({ needed: true });
    await expectError(
      await browser.call('POST', '/setup', { setupToken: 'wrong', owner: OWNER, site: SITE }),
      401,
      'invalid_setup_token',
    );
    expect(await countRows(t.db, staff)).toBe(0);

    const done = await browser.call('POST', '/setup', { setupToken: SETUP, owner: OWNER, site: SITE });
    expect(done.status).toBe(201);
    const keys = await done.json<{ publishableKey: string; secretKey: string; snippet: string }>();
    expect(keys.secretKey).toMatch(/^sk_/);
    expect(keys.snippet).toBe(
      `<script type="module" src="http://localhost/crm.js" data-site-key="${keys.publishableKey}"></script>`,
    );
    const me = await (await browser.call('GET', '/me')).json<{ member: { email: string; role: string } }>();
    expect(me.member).toMatchObject({ email: 'owner@shop.example', role: 'owner' });

    const again = consoleBrowser(t);
    await expectError(
      await again.call('POST', '/setup', {
        setupToken: SETUP,
        owner: { ...OWNER, email: 'x@y.example' },
        site: SITE,
      }),
      409,
      'setup_done',
    );
    expect(await (await again.call('GET', '/setup')).json()).toEqual({ needed: false });
    expect(await countRows(t.db, staff)).toBe(1);
    expect(await actions(t)).toEqual(['setup.owner_created', 'site.created']);
  });

  it('lets exactly one of two racing setups through', async () => {
    const t = await makeTestApp({ setupToken: SETUP });
    const results = await Promise.all(
      ['a@shop.example', 'b@shop.example'].map((email) =>
        consoleBrowser(t).call('POST', '/setup', {
          setupToken: SETUP,
          owner: { ...OWNER, email },
          site: SITE,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows(t.db, staff)).toBe(1);
  });

  it('is closed when the server has no setup token', async () => {
    const t = await makeTestApp();
    const res = await consoleBrowser(t).call('POST', '/setup', {
      setupToken: 'anything',
      owner: OWNER,
      site: SITE,
    });
    await expectError(res, 401, 'invalid_setup_token');
    expect(await countRows(t.db, sites)).toBe(1);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict cookie scoped to the console, and a new session each time', async () => {
    const t = await makeTestApp();
    const { email, password, browser } = await signedInMember(t, 'admin');
    const first = browser.cookie;
    const res = await browser.signIn(email, password);
    const header = res.headers.get('Set-Cookie') ?? '';
    expect(header).toMatch(/^crm_console=[\w-]{40,};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/console');
    expect(browser.cookie).not.toBe(first);
    // The token itself is never stored, only its hash.
    const ids = (await t.db.select().from(staffSessions)).map((s) => s.id);
    expect(ids.some((id) => first?.includes(id))).toBe(false);
    expect(ids).toHaveLength(2);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const t = await makeTestApp();
    const { email } = await signedInMember(t, 'service');
    const wrong = await consoleBrowser(t).signIn(email, 'not the password');
    const unknown = await consoleBrowser(t).signIn('nobody@staff.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
  });

  it('locks an account after five failures, whatever the address, until the lock ends', async () => {
    let address = 0;
    const t = await makeTestApp({ clientAddress: () => `10.0.0.${address}` });
    const { email, password } = await signedInMember(t, 'marketing');
    for (let i = 0; i < 5; i++) {
      address = i;
      expect((await consoleBrowser(t).signIn(email, 'guess')).status).toBe(401);
    }
    address = 99;
    const locked = await consoleBrowser(t).signIn(email, password);
    await expectError(locked, 401, 'invalid_credentials');
    t.clock.now += LOCK_MS + 1;
    expect((await consoleBrowser(t).signIn(email, password)).status).toBe(200);
  });

  it('throttles an address that keeps failing, across accounts', async () => {
    const t = await makeTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await consoleBrowser(t).signIn(`n${i}@x.example`, 'guess')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('stores passwords as salted PBKDF2-SHA256 with OWASP’s 600,000 iterations by default', async () => {
    expect(PASSWORD_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same passwore', a)).toBe(false);
  });
});

describe('sessions', () => {
  it('end after two idle hours', async () => {
    const t = await makeTestApp();
    const { browser } = await signedInMember(t, 'admin');
    t.clock.now += SESSION_IDLE_MS - 60_000;
    expect((await browser.call('GET', '/me')).status).toBe(200);
    t.clock.now += SESSION_IDLE_MS + 1;
    await expectError(await browser.call('GET', '/me'), 401, 'session_expired');
  });

  it('end twelve hours after sign-in however busy', async () => {
    const t = await makeTestApp();
    const { browser } = await signedInMember(t, 'admin');
    for (let hour = 1; hour < 12; hour++) {
      t.clock.now += 3600_000;
      expect((await browser.call('GET', '/me')).status).toBe(200);
    }
    t.clock.now = t.clock.now + 3600_000;
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3600_000);
    await expectError(await browser.call('GET', '/me'), 401, 'session_expired');
  });

  it('end at sign-out, and everywhere at once on request', async () => {
    const t = await makeTestApp();
    const { email, password, browser } = await signedInMember(t, 'owner');
    const other = consoleBrowser(t);
    await other.signIn(email, password);
    const stolen = browser.cookie;
    expect((await browser.call('POST', '/sign-out', {})).status).toBe(204);
    expect(browser.cookie).toBeUndefined();
    browser.cookie = stolen;
    await expectError(await browser.call('GET', '/me'), 401, 'session_expired');
    expect((await other.call('GET', '/me')).status).toBe(200);

    const third = consoleBrowser(t);
    await third.signIn(email, password);
    expect((await third.call('POST', '/sign-out/everywhere', {})).status).toBe(204);
    await expectError(await other.call('GET', '/me'), 401, 'session_expired');
  });

  it('end when the member is deactivated', async () => {
    const t = await makeTestApp();
    const owner = await signedInMember(t, 'owner');
    const staffer = await signedInMember(t, 'service');
    const res = await owner.browser.call('PATCH', `/staff/${staffer.member.id}`, { active: false });
    expect(res.status).toBe(200);
    await expectError(await staffer.browser.call('GET', '/me'), 401, 'session_expired');
    expect((await consoleBrowser(t).signIn(staffer.email, staffer.password)).status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['another port of the same host', 'http://localhost:8080'],
    ['no origin', null],
  ])('refuses console changes from %s and changes nothing', async (_label, origin) => {
    const t = await makeTestApp();
    const owner = await signedInMember(t, 'owner');
    const forged = consoleBrowser(t, origin);
    forged.cookie = owner.browser.cookie;
    const before = await t.db.select().from(sites);
    await expectError(
      await forged.call('POST', `/sites/${t.site.id}/secret-key`, { confirm: true }),
      403,
      'cross_origin',
    );
    await expectError(
      await forged.call('PATCH', `/sites/${t.site.id}`, { name: 'Pwned' }),
      403,
      'cross_origin',
    );
    expect(await t.db.select().from(sites)).toEqual(before);
    // Reads carry no side effects; the same cookie still reads.
    expect((await forged.call('GET', '/me')).status).toBe(200);
  });

  it('never lets the console be framed or cached', async () => {
    const t = await makeTestApp();
    const { browser } = await signedInMember(t, 'owner');
    const res = await browser.call('GET', '/me');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const page = await t.app.request('/console/customers/abc');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<crm-console>');
    const csp = page.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe');
  });
});

describe('invitations', () => {
  it('turn into an account once, with the role the owner chose', async () => {
    const t = await makeTestApp();
    const owner = await signedInMember(t, 'owner');
    const res = await owner.browser.call('POST', '/staff/invites', {
      email: 'New@Staff.example',
      role: 'content',
    });
    expect(res.status).toBe(201);
    const { inviteUrl } = await res.json<{ inviteUrl: string }>();
    expect(inviteUrl).toMatch(/^http:\/\/localhost\/console\/invite#[\w-]{40,}$/);
    const token = inviteUrl.split('#')[1] ?? '';
    const newcomer = consoleBrowser(t);
    const accepted = await newcomer.call('POST', '/invites/accept', {
      token,
      name: 'Nia',
      password: 'a long new password',
    });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ member: { email: 'new@staff.example', role: 'content' } });
    await expectError(
      await consoleBrowser(t).call('POST', '/invites/accept', {
        token,
        name: 'Eve',
        password: 'a long new password',
      }),
      401,
      'invalid_invite',
    );
    const [row] = await t.db.select().from(staff).where(eq(staff.email, 'new@staff.example'));
    expect(row?.role).toBe('content');
  });
});
