import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { customerStats, events, sessions, visitors } from '../../db/schema/index.ts';
import { countRows } from '../fixtures/assert.ts';
import { makeTestApp, pageLeave, pageView, productView, type TestApp } from '../fixtures/app.ts';
import { jwtPayload } from '../fixtures/tokens.ts';

interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { id: string | null; status: string; reason?: string }[];
}

let t: TestApp;
let token: string;

beforeEach(async () => {
  t = await makeTestApp();
  token = await t.newVisitor();
});

async function customerIdOf(visitorToken: string) {
  const visitorId = String(jwtPayload(visitorToken).sub);
  const row = await t.db.query.visitors.findFirst({ where: eq(visitors.id, visitorId) });
  if (!row) throw new Error('visitor row missing');
  return row.customerId;
}

async function statsOf(visitorToken: string) {
  const customerId = await customerIdOf(visitorToken);
  const row = await t.db.query.customerStats.findFirst({ where: eq(customerStats.customerId, customerId) });
  if (!row) throw new Error('stats row missing');
  return { pageViews: row.pageViews, totalDwellMs: row.totalDwellMs, sessions: row.sessions };
}

describe('POST /v1/events content types', () => {
  it('accepts a JSON body', async () => {
    const res = await t.track(token, [pageView('sess-json-1', 0, '/')]);
    expect(res.status).toBe(200);
    expect((await res.json<BatchResult>()).accepted).toBe(1);
    expect(await countRows(t.db, events)).toBe(1);
  });

  it('accepts a text/plain;charset=UTF-8 body, as navigator.sendBeacon sends it', async () => {
    const view = pageView('sess-text-1', 0, '/beacon');
    const res = await t.widget('POST', '/v1/events', {
      raw: JSON.stringify({ visitorToken: token, events: [view] }),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: 0,
      results: [{ id: view.id, status: 'accepted' }],
    });
    const [row] = await t.db.select().from(events);
    expect(row).toMatchObject({ eventId: view.id, path: '/beacon', type: 'page_view' });
  });

  it.each([
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/html',
    'application/xml',
  ])('refuses %s with 415 and stores nothing', async (type) => {
    const res = await t.widget('POST', '/v1/events', {
      raw: JSON.stringify({ visitorToken: token, events: [pageView('sess-ct-1', 0, '/')] }),
      headers: { 'Content-Type': type },
    });
    expect(res.status).toBe(415);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('unsupported_media_type');
    expect(await countRows(t.db, events)).toBe(0);
  });
});

describe('POST /v1/events per-event results', () => {
  it('answers accepted, duplicate and rejected with a reason, in order', async () => {
    const a = pageView('sess-mix-1', 0, '/a');
    const bad = { ...pageView('sess-mix-1', 1, '/b'), seq: -1 };
    const res = await t.track(token, [a, bad, { ...a, path: '/changed' }, 'not an event']);
    expect(res.status).toBe(200);
    const body = await res.json<BatchResult>();
    expect(body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 2 });
    expect(body.results[0]).toEqual({ id: a.id, status: 'accepted' });
    expect(body.results[1]).toMatchObject({ id: bad.id, status: 'rejected' });
    expect(body.results[1]?.reason).toMatch(/^seq: /);
    expect(body.results[2]).toEqual({ id: a.id, status: 'duplicate' });
    expect(body.results[3]).toMatchObject({ id: null, status: 'rejected' });
    const rows = await t.db.select().from(events);
    expect(rows.map((r) => [r.eventId, r.path])).toEqual([[a.id, '/a']]);
  });

  it('stores nothing twice when a whole batch is re-sent', async () => {
    const view = pageView('sess-resend-1', 0, '/a');
    const batch = [
      view,
      pageLeave('sess-resend-1', 1, view.id, 4000),
      pageView('sess-resend-1', 2, '/b'),
      productView('sess-resend-1', 3, 'LAMP-01'),
    ];
    const first = await (await t.track(token, batch)).json<BatchResult>();
    expect(first).toMatchObject({ accepted: 4, duplicates: 0, rejected: 0 });
    const counts = { events: await countRows(t.db, events), sessions: await countRows(t.db, sessions) };
    const stats = await statsOf(token);
    expect(counts).toEqual({ events: 4, sessions: 1 });
    expect(stats).toEqual({ pageViews: 2, totalDwellMs: 4000, sessions: 1 });

    const again = await t.track(token, batch);
    expect(again.status).toBe(200);
    const second = await again.json<BatchResult>();
    expect(second).toMatchObject({ accepted: 0, duplicates: 4, rejected: 0 });
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect({ events: await countRows(t.db, events), sessions: await countRows(t.db, sessions) }).toEqual(
      counts,
    );
    expect(await statsOf(token)).toEqual(stats);
    const [session] = await t.db.select().from(sessions);
    expect(session).toMatchObject({ pageViews: 2, dwellMs: 4000 });
    const [viewRow] = await t.db.select().from(events).where(eq(events.eventId, view.id));
    expect(viewRow?.dwellMs).toBe(4000);
  });

  it('counts only the new events of a partly re-sent batch', async () => {
    const a = pageView('sess-part-1', 0, '/a');
    await t.track(token, [a]);
    const b = pageView('sess-part-1', 1, '/b');
    const body = await (await t.track(token, [a, b])).json<BatchResult>();
    expect(body.results).toEqual([
      { id: a.id, status: 'duplicate' },
      { id: b.id, status: 'accepted' },
    ]);
    expect(await statsOf(token)).toEqual({ pageViews: 2, totalDwellMs: 0, sessions: 1 });
  });

  it('stores a duplicate id inside one batch once', async () => {
    const view = pageView('sess-dup-1', 0, '/a');
    const body = await (await t.track(token, [view, view, view])).json<BatchResult>();
    expect(body).toMatchObject({ accepted: 1, duplicates: 2, rejected: 0 });
    expect(await countRows(t.db, events)).toBe(1);
    expect(await statsOf(token)).toEqual({ pageViews: 1, totalDwellMs: 0, sessions: 1 });
  });

  it('puts the dwell of a page_leave onto its page_view, also from a later batch', async () => {
    const view = pageView('sess-dwell-1', 0, '/a');
    await t.track(token, [view]);
    await t.track(token, [pageLeave('sess-dwell-1', 1, view.id, 7500)]);
    const [viewRow] = await t.db.select().from(events).where(eq(events.eventId, view.id));
    expect(viewRow?.dwellMs).toBe(7500);
    expect(await statsOf(token)).toEqual({ pageViews: 1, totalDwellMs: 7500, sessions: 1 });
  });

  it("does not put dwell onto another visitor's page_view", async () => {
    const other = await t.newVisitor();
    const view = pageView('sess-other-1', 0, '/theirs');
    await t.track(other, [view]);
    await t.track(token, [pageLeave('sess-mine-1', 0, view.id, 9999)]);
    const [viewRow] = await t.db.select().from(events).where(eq(events.eventId, view.id));
    expect(viewRow?.dwellMs).toBeNull();
  });

  it('keeps page order by seq whatever order events arrive in', async () => {
    const views = [0, 1, 2, 3].map((seq) => pageView('sess-order-1', seq, `/p${seq}`));
    const [v0, v1, v2, v3] = views;
    if (!v0 || !v1 || !v2 || !v3) throw new Error('views');
    await t.track(token, [v2, v0]);
    await t.track(token, [v3, v1]);
    const rows = await t.db
      .select({ path: events.path, seq: events.seq })
      .from(events)
      .where(eq(events.sessionId, 'sess-order-1'))
      .orderBy(asc(events.seq));
    expect(rows).toEqual([
      { path: '/p0', seq: 0 },
      { path: '/p1', seq: 1 },
      { path: '/p2', seq: 2 },
      { path: '/p3', seq: 3 },
    ]);
  });
});
