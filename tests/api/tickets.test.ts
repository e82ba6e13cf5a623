import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  customers,
  ratings,
  serviceSites,
  ticketAttachments,
  ticketEvents,
  ticketMessages,
  tickets,
} from '../../db/schema/index.ts';
import type { AttachmentView, MyTicket, UploadLink } from '../../worker/contract/tickets.ts';
import { expectError, snapshotCounts } from '../fixtures/assert.ts';
import type { TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';
import { FILES, makeTicketApp, ticketVisitor } from '../fixtures/tickets.ts';

let t: TestApp;
const tables = { tickets, ticketMessages, ticketEvents, ticketAttachments, ratings };

beforeEach(async () => {
  t = await makeTicketApp();
  await t.db.insert(serviceSites).values([
    {
      id: 'svc-frankfurt-0001',
      siteId: t.site.id,
      name: 'Frankfurt repair',
      address: 'Zeil 1',
      lat: 50.1109,
      lng: 8.6821,
      categories: ['repair'],
      createdAt: 0,
      updatedAt: 0,
    },
    {
      id: 'svc-hamburg-00001',
      siteId: t.site.id,
      name: 'Hamburg',
      lat: 53.55,
      lng: 9.99,
      categories: ['repair'],
      isDefault: true,
      createdAt: 0,
      updatedAt: 0,
    },
  ]);
});

/** Uploads `bytes` to a ticket through the link the API hands out. */
async function upload(
  v: Awaited<ReturnType<typeof ticketVisitor>>,
  id: string,
  bytes: Uint8Array,
  size = bytes.byteLength,
) {
  const res = await v.call('POST', `/v1/tickets/${id}/attachments`, {
    body: { fileName: 'photo.jpg', size },
  });
  if (res.status !== 201) return res;
  const { uploadUrl } = await res.json<UploadLink>();
  const url = new URL(uploadUrl);
  return t.app.request(url.pathname + url.search, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', Origin: 'https://shop.example' },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

/** A staff member's reply through the console. */
async function staffReply(id: string, body: string, extra: Record<string, unknown> = {}) {
  const { browser } = await signedInMember(t, 'service');
  const res = await browser.call('POST', `/sites/${t.site.id}/tickets/${id}/messages`, { body, ...extra });
  expect(res.status).toBe(201);
  return browser;
}

describe('opening a ticket', () => {
  it('routes it to the nearest site and answers the reference, the site and its distance', async () => {
    const v = await ticketVisitor(t, 'cust-ada');
    const { ticket, accessToken } = await v.openOk({ location: { lat: 50.1, lng: 8.7 } });
    expect(ticket.reference).toMatch(/^T-[0-9A-Z]{8}$/);
    expect(ticket.serviceSite?.name).toBe('Frankfurt repair');
    expect(ticket.routingReason).toBe('shared');
    expect(ticket.distanceM).toBeGreaterThan(1000);
    expect(ticket.distanceM).toBeLessThan(2000);
    expect(ticket.status).toBe('open');
    expect(accessToken.length).toBeGreaterThan(20);
    const events = await t.db.select().from(ticketEvents);
    expect(events.map((e) => e.type)).toEqual(['opened']);
  });

  it('needs an email from an anonymous visitor and never copies it onto the profile', async () => {
    const v = await ticketVisitor(t);
    const before = await snapshotCounts(t.db, tables);
    await expectError(await v.open(), 400, 'email_required');
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
    const { ticket } = await v.openOk({ email: 'guest@example.com' });
    const row = await t.db.query.tickets.findFirst({ where: eq(tickets.id, ticket.id) });
    expect(row?.contactEmail).toBe('guest@example.com');
    const profile = await t.db.query.customers.findFirst({ where: eq(customers.id, row?.customerId ?? '') });
    expect(profile?.email).toBeNull();
  });

  it('replays a retry with the same key, and refuses the key with another body', async () => {
    const v = await ticketVisitor(t, 'cust-retry');
    const first = await v.open({}, 'retry-key-0001');
    const again = await v.open({}, 'retry-key-0001');
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await again.json<{ ticket: MyTicket }>()).ticket.id).toBe(
      (await first.json<{ ticket: MyTicket }>()).ticket.id,
    );
    await expectError(await v.open({ subject: 'Another' }, 'retry-key-0001'), 409, 'idempotency_conflict');
    expect(await snapshotCounts(t.db, { tickets })).toEqual({ tickets: 1 });
  });

  it.each([
    ['the honeypot filled in', { website: 'http://spam.example' }, 400, 'spam_suspected'],
    ['a subject too long', { subject: 'x'.repeat(201) }, 400, 'validation_failed'],
    ['a body too long', { body: 'x'.repeat(5001) }, 400, 'validation_failed'],
    ['an empty subject', { subject: '   ' }, 400, 'validation_failed'],
    ['another customer’s order', { orderId: 'not-my-order-01' }, 400, 'unknown_order'],
    ['coordinates off the earth', { location: { lat: 91, lng: 0 } }, 400, 'validation_failed'],
  ])('refuses %s and writes nothing', async (_name, body, status, code) => {
    const v = await ticketVisitor(t, 'cust-refused');
    const before = await snapshotCounts(t.db, tables);
    await expectError(await v.open(body), status, code);
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
  });

  it('limits creation per visitor and per address', async () => {
    const v = await ticketVisitor(t, 'cust-busy');
    for (let i = 0; i < 5; i++) expect((await v.open()).status).toBe(201);
    await expectError(await v.open(), 429, 'rate_limited');
    // Other visitors on the same address share the address budget of 20 an hour.
    for (let i = 0; i < 15; i++)
      expect((await (await ticketVisitor(t, `cust-addr-${i}`)).open()).status).toBe(201);
    await expectError(await (await ticketVisitor(t, 'cust-addr-last')).open(), 429, 'rate_limited');
    t.clock.now += 3600 * 1000 + 1;
    expect((await v.open()).status).toBe(201);
  });
});

describe('the customer’s side of a ticket', () => {
  it('lists mine, reads the thread without internal notes, and marks staff replies unread until read', async () => {
    const v = await ticketVisitor(t, 'cust-thread');
    const { ticket } = await v.openOk();
    const browser = await staffReply(ticket.id, 'Please send a photo.');
    expect(
      (
        await browser.call('POST', `/sites/${t.site.id}/tickets/${ticket.id}/messages`, {
          body: 'VIP, be nice',
          internal: true,
        })
      ).status,
    ).toBe(201);
    const list = await (await v.call('GET', '/v1/tickets')).json<{ tickets: MyTicket[] }>();
    expect(list.tickets.map((x) => [x.id, x.unread, x.status])).toEqual([[ticket.id, true, 'pending']]);
    const read = await v.readOk(ticket.id);
    expect(read.messages.map((m) => [m.kind, m.body])).toEqual([['staff', 'Please send a photo.']]);
    expect(JSON.stringify(read)).not.toContain('VIP');
    const again = await (await v.call('GET', '/v1/tickets')).json<{ tickets: MyTicket[] }>();
    expect(again.tickets[0]?.unread).toBe(false);
  });

  it('a reply puts a pending ticket back to open; after resolution it reopens within the window only', async () => {
    const v = await ticketVisitor(t, 'cust-reopen');
    const { ticket } = await v.openOk();
    await staffReply(ticket.id, 'Try a new bulb.');
    let res = await v.call('POST', `/v1/tickets/${ticket.id}/messages`, { body: { body: 'Still broken.' } });
    expect((await res.json<MyTicket>()).status).toBe('open');
    await staffReply(ticket.id, 'Replaced under warranty.', { status: 'resolved' });
    t.clock.now += 13 * 24 * 3600 * 1000;
    res = await v.call('POST', `/v1/tickets/${ticket.id}/messages`, { body: { body: 'It broke again.' } });
    const reopened = await res.json<MyTicket>();
    expect(reopened.status).toBe('open');
    expect(await t.db.select({ type: ticketEvents.type }).from(ticketEvents)).toContainEqual({
      type: 'reopened',
    });
    await staffReply(ticket.id, 'Fixed for good.', { status: 'resolved' });
    t.clock.now += 15 * 24 * 3600 * 1000;
    const before = await snapshotCounts(t.db, tables);
    await expectError(
      await v.call('POST', `/v1/tickets/${ticket.id}/messages`, { body: { body: 'Late' } }),
      409,
      'reopen_window_passed',
    );
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
  });

  it('rates only once, and only when resolved', async () => {
    const v = await ticketVisitor(t, 'cust-rate');
    const { ticket } = await v.openOk();
    await expectError(
      await v.call('POST', `/v1/tickets/${ticket.id}/rating`, { body: { stars: 5 } }),
      409,
      'not_resolved',
    );
    await staffReply(ticket.id, 'Done.', { status: 'resolved' });
    const rated = await v.call('POST', `/v1/tickets/${ticket.id}/rating`, {
      body: { stars: 4, comment: 'Quick' },
    });
    expect(rated.status).toBe(201);
    expect((await rated.json<MyTicket>()).rating).toEqual({ stars: 4, comment: 'Quick' });
    await expectError(
      await v.call('POST', `/v1/tickets/${ticket.id}/rating`, { body: { stars: 1 } }),
      409,
      'already_rated',
    );
    expect(await snapshotCounts(t.db, { ratings })).toEqual({ ratings: 1 });
    await expectError(
      await v.call('POST', `/v1/tickets/${ticket.id}/rating`, { body: { stars: 6 } }),
      400,
      'validation_failed',
    );
  });
});

describe('attachments', () => {
  it('stores a photo checked by its bytes and serves it through a short-lived signed link', async () => {
    const v = await ticketVisitor(t, 'cust-photo');
    const { ticket } = await v.openOk();
    const res = await upload(v, ticket.id, FILES.jpeg);
    expect(res.status).toBe(201);
    const file = await res.json<AttachmentView>();
    expect(file.contentType).toBe('image/jpeg');
    const url = new URL(file.url);
    const served = await t.app.request(url.pathname + url.search);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(FILES.jpeg);
    t.clock.now += 11 * 60 * 1000;
    await expectError(await t.app.request(url.pathname + url.search), 404, 'not_found');
    expect((await v.readOk(ticket.id)).attachments.map((a) => a.fileName)).toEqual(['photo.jpg']);
  });

  it.each([
    ['a script named .jpg', FILES.fakeJpeg, undefined, 415, 'unsupported_file_type'],
    ['a size other than announced', FILES.png, 99, 413, 'size_mismatch'],
  ])('refuses %s', async (_name, bytes, size, status, code) => {
    const v = await ticketVisitor(t, 'cust-bad-file');
    const { ticket } = await v.openOk();
    await expectError(await upload(v, ticket.id, bytes, size), status, code);
    expect(await snapshotCounts(t.db, { ticketAttachments })).toEqual({ ticketAttachments: 0 });
  });

  it('refuses to announce more than 10 MB, and an upload link works once', async () => {
    const v = await ticketVisitor(t, 'cust-big');
    const { ticket } = await v.openOk();
    await expectError(
      await v.call('POST', `/v1/tickets/${ticket.id}/attachments`, {
        body: { fileName: 'big.pdf', size: 10 * 1024 * 1024 + 1 },
      }),
      400,
      'validation_failed',
    );
    const link = await (
      await v.call('POST', `/v1/tickets/${ticket.id}/attachments`, {
        body: { fileName: 'r.pdf', size: FILES.pdf.byteLength },
      })
    ).json<UploadLink>();
    const url = new URL(link.uploadUrl);
    const send = () =>
      t.app.request(url.pathname + url.search, {
        method: 'POST',
        headers: { 'Content-Type': 'application/pdf' },
        body: new Blob([FILES.pdf]),
      });
    expect((await send()).status).toBe(201);
    await expectError(await send(), 409, 'upload_used');
  });
});

describe('isolation: a visitor reaches only their own tickets', () => {
  async function victimTicket() {
    const victim = await ticketVisitor(t, 'cust-victim');
    const { ticket, accessToken } = await victim.openOk();
    const browser = await staffReply(ticket.id, 'Public answer');
    await browser.call('POST', `/sites/${t.site.id}/tickets/${ticket.id}/messages`, {
      body: 'secret note',
      internal: true,
    });
    const file = await (await upload(victim, ticket.id, FILES.png)).json<AttachmentView>();
    return { victim, ticket, accessToken, file };
  }

  it('another customer gets 404 on every route of the ticket, and nothing changes', async () => {
    const { ticket } = await victimTicket();
    const other = await ticketVisitor(t, 'cust-attacker');
    const before = await snapshotCounts(t.db, tables);
    await expectError(await other.read(ticket.id), 404, 'not_found');
    await expectError(
      await other.call('POST', `/v1/tickets/${ticket.id}/messages`, { body: { body: 'hi' } }),
      404,
    );
    await expectError(
      await other.call('POST', `/v1/tickets/${ticket.id}/rating`, { body: { stars: 1 } }),
      404,
    );
    await expectError(
      await other.call('POST', `/v1/tickets/${ticket.id}/attachments`, {
        body: { fileName: 'a.png', size: 10 },
      }),
      404,
    );
    const list = await (await other.call('GET', '/v1/tickets')).json<{ tickets: unknown[] }>();
    expect(list.tickets).toEqual([]);
    expect(await snapshotCounts(t.db, tables)).toEqual(before);
  });

  it('an anonymous visitor sees nothing of an identified customer’s tickets, a guessed id answers like a missing one', async () => {
    const { ticket } = await victimTicket();
    const anon = await ticketVisitor(t);
    await expectError(await anon.read(ticket.id), 404, 'not_found');
    await expectError(await anon.read('guessed-ticket-id-0001'), 404, 'not_found');
    await expectError(
      await anon.read(ticket.id.slice(0, -1) + (ticket.id.endsWith('A') ? 'B' : 'A')),
      404,
      'not_found',
    );
  });

  it('the private link token opens only its own ticket; a wrong token opens nothing', async () => {
    const { ticket, accessToken } = await victimTicket();
    const stranger = await ticketVisitor(t);
    const withToken = (id: string, token: string) =>
      stranger.call('GET', `/v1/tickets/${id}`, { headers: { 'X-Crm-Ticket-Token': token } });
    const ok = await withToken(ticket.id, accessToken);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).not.toContain('secret note');
    await expectError(await withToken(ticket.id, accessToken.slice(0, -2) + 'xx'), 404);
    const mine = await stranger.openOk({ email: 's@example.com' });
    await expectError(await withToken(mine.ticket.id, accessToken), 404);
  });

  it('another site’s key reaches nothing, not even with the right token', async () => {
    const { ticket, accessToken, file } = await victimTicket();
    const other = await t.addSite('Other shop');
    const v = await ticketVisitor(other, 'cust-victim');
    await expectError(await v.read(ticket.id), 404);
    await expectError(
      await v.call('GET', `/v1/tickets/${ticket.id}`, { headers: { 'X-Crm-Ticket-Token': accessToken } }),
      404,
    );
    const url = new URL(file.url);
    await expectError(await t.app.request(`${url.pathname}?key=${other.key}`), 404);
  });

  it('after logout the visitor token opens nothing', async () => {
    const { victim, ticket } = await victimTicket();
    expect((await victim.call('POST', '/v1/me/logout', { body: {} })).status).toBe(204);
    await expectError(await victim.read(ticket.id), 401, 'invalid_visitor_token');
    await expectError(await victim.call('GET', '/v1/tickets'), 401, 'invalid_visitor_token');
  });

  it('an identified customer’s visitor token alone is not enough', async () => {
    const { victim, ticket } = await victimTicket();
    const res = await t.widget('GET', `/v1/tickets/${ticket.id}`, {
      headers: { Authorization: `Bearer ${victim.token}` },
    });
    await expectError(res, 401, 'identity_required');
  });

  it('a file link is bound to its site and its signature; a tampered link is refused', async () => {
    const { file } = await victimTicket();
    const url = new URL(file.url);
    const [, , , , token = ''] = url.pathname.split('/');
    const [body = '', sig = ''] = token.split('.');
    const forged = `${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    await expectError(await t.app.request(`/v1/tickets/files/${forged}${url.search}`), 404);
    // An upload link's token is no download link, and the reverse.
    await expectError(
      await t.app.request(`/v1/tickets/uploads/${token}${url.search}`, {
        method: 'POST',
        headers: { 'Content-Type': 'image/png' },
        body: FILES.png,
      }),
      404,
    );
  });
});
