import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitors } from '../../db/schema/index.ts';
import { injectFaults, type Fault } from '../fixtures/api-faults.ts';
import { countRows } from '../fixtures/assert.ts';
import {
  cspViolations,
  eventsUnder,
  flush,
  kitStorageKeys,
  openPage,
  settle,
  startEmbeddedKit,
  type EmbeddedKit,
} from '../fixtures/embedded-kit.ts';

let kit: EmbeddedKit;

beforeAll(async () => {
  kit = await startEmbeddedKit();
});

afterAll(async () => {
  await kit.close();
});

/** Clicks a link and waits for the page it leads to. */
async function follow(page: Page, name: string, file: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await page.waitForURL(`**/${file}`);
}

/** The page_views of a test's folder, oldest first. */
async function views(scope: string) {
  return (await eventsUnder(kit, scope)).filter((event) => event.type === 'page_view');
}

/** Events still queued in the page's storage, not yet confirmed by the API. */
function queued(page: Page): Promise<{ id: string; type: string; path?: string }[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('crm:pk_demo_shop:queue') ?? '[]') as []);
}

/** Flushes until the queue is empty: a flush makes one attempt, and a failure waits for a retry. */
async function drain(page: Page) {
  await expect
    .poll(async () => {
      await flush(page);
      return (await queued(page)).length;
    }, settle)
    .toBe(0);
}

/** The API's requests a page made, by URL, from the moment this is called. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${kit.crm.origin}/v1/`)) seen.push(request.url());
  });
  return seen;
}

describe('the kit embedded on another site', () => {
  it('tracks browsing across pages in one session, with dwell time, under a strict CSP', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    await page.goto(kit.site.url('browse', 'a.html'));
    await follow(page, 'Page B', 'b.html');
    await follow(page, 'Page C', 'c.html');
    await flush(page);

    const stored = await eventsUnder(kit, 'browse');
    const pageViews = stored.filter((event) => event.type === 'page_view');
    expect(pageViews.map((event) => event.path)).toEqual([
      '/browse/a.html',
      '/browse/b.html',
      '/browse/c.html',
    ]);
    // One session, and no two events share a place in it.
    expect(new Set(stored.map((event) => event.sessionId)).size).toBe(1);
    expect(new Set(stored.map((event) => event.seq)).size).toBe(stored.length);
    // Time-ordered UUIDv7 ids, so the server's unique indexes grow at their right edge.
    const uuidv7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const { eventId, sessionId } of stored)
      expect([eventId, sessionId]).toEqual([expect.stringMatching(uuidv7), expect.stringMatching(uuidv7)]);
    const viewIds = pageViews.map((event) => event.eventId);
    expect([...viewIds].sort()).toEqual(viewIds);
    expect(pageViews[1]?.referrer).toBe(kit.site.url('browse', 'a.html'));
    expect(pageViews[1]?.title).toBe('Page B');

    // Each page left has its leave, and the leave's visible time is copied onto its view.
    const leaves = stored.filter((event) => event.type === 'page_leave');
    expect(leaves.map((event) => event.path)).toEqual(['/browse/a.html', '/browse/b.html']);
    for (const [index, leave] of leaves.entries()) {
      expect(leave.viewId).toBe(pageViews[index]?.eventId);
      expect(leave.dwellMs).toBeGreaterThan(0);
      expect(pageViews[index]?.dwellMs).toBe(leave.dwellMs);
    }
    expect(pageViews[2]?.dwellMs).toBeNull();
    expect(await cspViolations(page)).toEqual([]);

    // Leaving the site: no later page of it will flush, so only the beacon can carry C's leave.
    await page.goto('about:blank');
    await expect
      .poll(
        async () => (await eventsUnder(kit, 'browse')).filter((e) => e.type === 'page_leave').length,
        settle,
      )
      .toBe(3);
    const leaveOfC = (await eventsUnder(kit, 'browse')).find(
      (event) => event.type === 'page_leave' && event.path === '/browse/c.html',
    );
    expect(leaveOfC?.dwellMs).toBeGreaterThan(0);
    expect((await views('browse'))[2]?.dwellMs).toBe(leaveOfC?.dwellMs);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('loses nothing and stores nothing twice when sending fails and is retried', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    // Cut connections, an answer lost after the server committed, a real 503; then the network heals.
    const plan: Fault[] = ['abort', 'lose-answer', 503, 'abort', 'lose-answer', 'abort'];
    const seen = await injectFaults(page, `${kit.crm.origin}/v1/events**`, plan, kit.site.origin);
    // The pages visited after the first, by the link followed to each.
    const links = [
      ['Page B', 'b.html'],
      ['Page C', 'c.html'],
      ['Page A', 'a.html'],
      ['Page B', 'b.html'],
    ] as const;

    await page.goto(kit.site.url('retry', 'a.html'));
    await flush(page);
    for (const [name, file] of links) {
      await follow(page, name, file);
      await flush(page);
    }
    await drain(page);
    const driven = ['a.html', ...links.map(([, file]) => file)];

    expect(plan).toEqual([]);
    expect(seen.filter((request) => request.fault === 'pass').length).toBeGreaterThan(0);
    const stored = await eventsUnder(kit, 'retry');
    expect(new Set(stored.map((event) => event.eventId)).size).toBe(stored.length);
    const pageViews = stored.filter((event) => event.type === 'page_view');
    expect(pageViews.map((event) => event.path)).toEqual(driven.map((file) => `/retry/${file}`));
    // Every page left has exactly one leave, and a re-sent leave did not add its dwell twice.
    const leaves = stored.filter((event) => event.type === 'page_leave');
    expect(leaves.map((event) => event.viewId)).toEqual(pageViews.slice(0, -1).map((view) => view.eventId));
    for (const [index, leave] of leaves.entries()) expect(pageViews[index]?.dwellMs).toBe(leave.dwellMs);

    // The only console errors are the failed requests themselves.
    expect(problems.filter((problem) => !problem.startsWith('console: Failed to load resource'))).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('drops a batch the API refuses with a 4xx instead of retrying it', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const plan: Fault[] = [400];
    const seen = await injectFaults(page, `${kit.crm.origin}/v1/events**`, plan, kit.site.origin);

    await page.goto(kit.site.url('refused', 'a.html'));
    await flush(page);
    await flush(page);
    expect(seen.map((request) => request.fault)).toEqual([400]);
    expect(await queued(page)).toEqual([]);

    await follow(page, 'Page B', 'b.html');
    await drain(page);
    const refusedIds = seen[0]?.eventIds ?? [];
    expect(refusedIds.length).toBeGreaterThan(0);
    // No later request carried the refused events again, and none of them was stored.
    expect(
      seen.slice(1).flatMap((request) => request.eventIds.filter((id) => refusedIds.includes(id))),
    ).toEqual([]);
    expect((await views('refused')).map((event) => event.path)).toEqual(['/refused/b.html']);

    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    await context.close();
  });

  it('tracks client-side routes of a single-page app, driven by the keyboard', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const stored = async () => {
      await flush(page);
      return (await views('router')).map((event) => `${event.path} ${event.title ?? ''}`);
    };

    await page.goto(kit.site.url('router', 'spa'));
    await page.getByRole('button', { name: 'Route one' }).focus();
    await page.keyboard.press('Enter');
    // The view of a client-side route waits a moment for the router to set the title.
    await expect.poll(stored, settle).toEqual(['/router/spa Single-page app', '/router/spa/one Route one']);
    await page.getByRole('button', { name: 'Route two' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(stored, settle)
      .toEqual(['/router/spa Single-page app', '/router/spa/one Route one', '/router/spa/two Route two']);

    const events = await eventsUnder(kit, 'router');
    expect(new Set(events.map((event) => event.sessionId)).size).toBe(1);
    const pageViews = events.filter((event) => event.type === 'page_view');
    const leaves = events.filter((event) => event.type === 'page_leave');
    expect(leaves.map((event) => event.path)).toEqual(['/router/spa', '/router/spa/one']);
    for (const [index, leave] of leaves.entries()) {
      expect(leave.viewId).toBe(pageViews[index]?.eventId);
      expect(leave.dwellMs).toBeGreaterThan(0);
      expect(pageViews[index]?.dwellMs).toBe(leave.dwellMs);
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with consent required, stores nothing anywhere until the visitor agrees', async () => {
    const { context, page, problems } = await openPage(kit.browser);
    const requests = apiRequests(page);
    const visitorsBefore = await countRows(kit.crm.database.db, visitors);

    await page.goto(kit.site.url('consent', 'consent-a.html'));
    await follow(page, 'Consent B', 'consent-b.html');
    await flush(page);
    expect(await eventsUnder(kit, 'consent')).toEqual([]);
    expect(await countRows(kit.crm.database.db, visitors)).toBe(visitorsBefore);
    expect(await kitStorageKeys(page)).toEqual([]);
    expect(requests).toEqual([]);

    // The kit asks for a visitor and records the choice on it; leaving before that answer
    // arrived would make a second visitor on the next page.
    const recorded = page.waitForResponse((response) => response.url().includes('/v1/me/consent'));
    await page.evaluate(() => {
      window.crm.consent(true);
    });
    expect((await recorded).ok()).toBe(true);
    await follow(page, 'Consent A', 'consent-a.html');
    await flush(page);
    expect((await views('consent')).map((event) => event.path)).toEqual([
      '/consent/consent-b.html',
      '/consent/consent-a.html',
    ]);
    expect(await countRows(kit.crm.database.db, visitors)).toBe(visitorsBefore + 1);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('honours Do-Not-Track: nothing is sent or kept', async () => {
    const { context, page, problems } = await openPage(kit.browser, () => {
      Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' });
    });
    const requests = apiRequests(page);
    const visitorsBefore = await countRows(kit.crm.database.db, visitors);

    await page.goto(kit.site.url('dnt', 'a.html'));
    await follow(page, 'Page B', 'b.html');
    // The kit is running; it just does nothing.
    expect(await page.evaluate(() => typeof window.crm.flush)).toBe('function');
    await flush(page);

    expect(await eventsUnder(kit, 'dnt')).toEqual([]);
    expect(await countRows(kit.crm.database.db, visitors)).toBe(visitorsBefore);
    expect(await kitStorageKeys(page)).toEqual([]);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['two identical tags', 'twice.html', [`/crm.js`]],
    ['two copies from different URLs', 'two-copies.html', [`/crm.js`, `/crm.js?copy=2`]],
  ])('records one page view when the kit is pasted twice (%s)', async (_, file, scripts) => {
    const { context, page, problems } = await openPage(kit.browser);
    const loaded: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(`${kit.crm.origin}/crm.js`)) loaded.push(url.slice(kit.crm.origin.length));
    });

    await page.goto(kit.site.url('twice', file));
    await flush(page);

    expect(loaded.sort()).toEqual(scripts);
    expect((await views('twice')).filter((event) => event.path === `/twice/${file}`)).toHaveLength(1);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
