import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema/index.ts';
import { countRows, expectError } from '../fixtures/assert.ts';
import { makeTestApp, pageView } from '../fixtures/app.ts';

interface BatchResult {
  accepted: number;
  rejected: number;
  results: { id: string | null; status: string; reason?: string }[];
}

describe('batch limits', () => {
  it('rejects an event over 32 KB on its own and stores the rest', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const small = pageView('sess-big-01', 0, '/small');
    const big = pageView('sess-big-01', 1, '/big', { properties: { blob: 'x'.repeat(33 * 1024) } });
    const after = pageView('sess-big-01', 2, '/after');
    const res = await t.track(token, [small, big, after]);
    expect(res.status).toBe(200);
    const body = await res.json<BatchResult>();
    expect(body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(body.results[1]).toEqual({
      id: big.id,
      status: 'rejected',
      reason: 'event is larger than 32768 bytes',
    });
    const rows = await t.db.select({ id: events.eventId }).from(events);
    expect(rows.map((r) => r.id).sort()).toEqual([small.id, after.id].sort());
  });

  it('accepts an event just under 32 KB', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const view = pageView('sess-big-02', 0, '/', { properties: { blob: 'x'.repeat(31 * 1024) } });
    const body = await (await t.track(token, [view])).json<BatchResult>();
    expect(body.accepted).toBe(1);
    const [row] = await t.db.select().from(events).where(eq(events.eventId, view.id));
    expect(row?.properties).toEqual({ blob: 'x'.repeat(31 * 1024) });
  });

  it('refuses a batch of 101 events with 400 and stores none of them', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const batch = Array.from({ length: 101 }, (_, i) => pageView('sess-many-1', i, `/p${i}`));
    await expectError(await t.track(token, batch), 400, 'validation_failed');
    expect(await countRows(t.db, events)).toBe(0);
    const ok = await t.track(token, batch.slice(0, 100));
    expect((await ok.json<BatchResult>()).accepted).toBe(100);
  });

  it('refuses an empty batch with 400', async () => {
    const t = await makeTestApp();
    await expectError(await t.track(await t.newVisitor(), []), 400, 'validation_failed');
  });

  it('answers a body over 500 KB with a 413 JSON error and stores nothing', async () => {
    const t = await makeTestApp();
    const token = await t.newVisitor();
    const batch = Array.from({ length: 20 }, (_, i) =>
      pageView('sess-huge-1', i, '/', { properties: { blob: 'y'.repeat(30 * 1024) } }),
    );
    const raw = JSON.stringify({ visitorToken: token, events: batch });
    expect(raw.length).toBeGreaterThan(500 * 1024);
    await expectError(await t.widget('POST', '/v1/events', { raw }), 413, 'payload_too_large');
    const withLength = await t.widget('POST', '/v1/events', {
      raw,
      headers: { 'Content-Type': 'text/plain', 'Content-Length': String(raw.length) },
    });
    await expectError(withLength, 413, 'payload_too_large');
    expect(await countRows(t.db, events)).toBe(0);
  });

  it('answers a body over 64 KB on other widget routes with 413', async () => {
    const t = await makeTestApp();
    const raw = JSON.stringify({ visitorToken: 'z'.repeat(70 * 1024) });
    await expectError(await t.widget('POST', '/v1/visitors', { raw }), 413, 'payload_too_large');
  });

  it.each(['{', '{"visitorToken":', 'undefined', "{'a':1}", '', '\u0000'])(
    'answers invalid JSON %j with 400 invalid_json',
    async (raw) => {
      const t = await makeTestApp();
      await expectError(await t.widget('POST', '/v1/events', { raw }), 400, 'invalid_json');
      expect(await countRows(t.db, events)).toBe(0);
    },
  );
});

describe('rate limit', () => {
  it('answers the 6th request in a minute with 429 and Retry-After', async () => {
    const t = await makeTestApp({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i += 1) {
      expect((await t.widget('POST', '/v1/visitors', { body: {} })).status).toBe(201);
    }
    const limited = await t.widget('POST', '/v1/visitors', { body: {} });
    await expectError(limited, 429, 'rate_limited');
    expect(limited.headers.get('Retry-After')).toBe('12');
    t.clock.now += 12_000;
    expect((await t.widget('POST', '/v1/visitors', { body: {} })).status).toBe(201);
  });

  it('keys on the connection address, never on X-Forwarded-For', async () => {
    const t = await makeTestApp({
      rateLimitPerMinute: 5,
      clientAddress: (c) => c.req.header('X-Test-Socket') ?? '10.0.0.1',
    });
    const from = (socket: string, forwarded: string) =>
      t.widget('POST', '/v1/visitors', {
        body: {},
        headers: { 'X-Test-Socket': socket, 'X-Forwarded-For': forwarded },
      });
    for (let i = 0; i < 5; i += 1) expect((await from('10.0.0.1', `192.0.2.${i}`)).status).toBe(201);
    await expectError(await from('10.0.0.1', '198.51.100.7'), 429, 'rate_limited');
    await expectError(await from('10.0.0.1', '203.0.113.9, 10.0.0.2'), 429, 'rate_limited');
    // Another connection address has its own bucket.
    expect((await from('10.0.0.2', '198.51.100.7')).status).toBe(201);
  });

  it('limits the staff routes too', async () => {
    const t = await makeTestApp({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i += 1) expect((await t.staff('GET', '/v1/customers')).status).toBe(200);
    const limited = await t.staff('GET', '/v1/customers', { headers: { 'X-Forwarded-For': '192.0.2.1' } });
    await expectError(limited, 429, 'rate_limited');
    expect(limited.headers.get('Retry-After')).toBe('12');
  });

  it('charges one request to the widget profile route once', async () => {
    const t = await makeTestApp({ rateLimitPerMinute: 5 });
    const token = await t.newVisitor();
    const me = () => t.widget('GET', '/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < 4; i += 1) expect((await me()).status).toBe(200);
    await expectError(await me(), 429, 'rate_limited');
  });

  it('throttles an address guessing secret keys, whatever key it makes up', async () => {
    const t = await makeTestApp({
      rateLimitPerMinute: 1000,
      clientAddress: (c) => c.req.header('X-Test-Socket') ?? '10.0.0.1',
    });
    const guess = (n: number, socket = '10.0.0.1') =>
      t.app.request('/v1/customers', {
        headers: { Authorization: `Bearer sk_guess_${n}_${Math.random()}`, 'X-Test-Socket': socket },
      });
    const statuses: number[] = [];
    for (let n = 0; n < 40; n += 1) statuses.push((await guess(n)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Once throttled, even the right key waits: the address, not the key, is limited.
    const right = await t.app.request('/v1/customers', {
      headers: { Authorization: `Bearer ${t.created.secretKey}`, 'X-Test-Socket': '10.0.0.1' },
    });
    await expectError(right, 429, 'rate_limited');
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another address is not affected, and the guesser is let in again once its bucket refills.
    expect((await guess(99, '10.0.0.9')).status).toBe(401);
    t.clock.now += 60_000;
    expect((await guess(100)).status).toBe(401);
  });

  it('throttles guessed visitor tokens the same way', async () => {
    const t = await makeTestApp({ rateLimitPerMinute: 1000 });
    const statuses: number[] = [];
    for (let n = 0; n < 35; n += 1) {
      const res = await t.widget('GET', '/v1/me', { headers: { Authorization: `Bearer forged.${n}.token` } });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });
});
