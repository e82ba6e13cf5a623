import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  customers,
  ratings,
  serviceSites,
  staffServiceSites,
  ticketAttachments,
  tickets,
} from '../../db/schema/index.ts';
import type { AttachmentView, QueuePage, ServiceReport, StaffTicket } from '../../worker/contract/tickets.ts';
import type { TicketPriority, TicketStatus } from '../../worker/contract/constants.ts';
import { expectError } from '../fixtures/assert.ts';
import type { TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';
import { FILES, makeTicketApp, ticketVisitor } from '../fixtures/tickets.ts';

let t: TestApp;
const HOUR = 3600 * 1000;
let customerId = '';

beforeEach(async () => {
  t = await makeTicketApp();
  customerId = 'cust-fixed-000001';
  await t.db
    .insert(customers)
    .values({ id: customerId, siteId: t.site.id, name: 'Ada', firstSeenAt: 0, lastSeenAt: 0 });
  await t.db.insert(serviceSites).values(
    ['north', 'south'].map((name) => ({
      id: `svc-${name}-000001`,
      siteId: t.site.id,
      name: `Site ${name}`,
      lat: name === 'north' ? 53.5 : 48.1,
      lng: 10,
      categories: ['repair', 'returns'],
      createdAt: 0,
      updatedAt: 0,
    })),
  );
});

interface Spec {
  id: string;
  site: 'north' | 'south';
  category: string;
  priority?: TicketPriority;
  status?: TicketStatus;
  /** Hours before the test clock's now. */
  ageHours: number;
  /** Hours after creation. */
  firstResponseHours?: number;
  resolvedHours?: number;
  firstResponseBreached?: boolean;
  resolutionBreached?: boolean;
  stars?: number;
}

const rank = { urgent: 0, high: 1, normal: 2, low: 3 };

async function insert(specs: Spec[]) {
  const now = t.clock.now;
  for (const s of specs) {
    const createdAt = now - s.ageHours * HOUR;
    const priority = s.priority ?? 'normal';
    await t.db.insert(tickets).values({
      id: s.id,
      siteId: t.site.id,
      customerId,
      reference: `T-${s.id.toUpperCase()}`,
      category: s.category,
      subject: `Subject ${s.id}`,
      body: 'Body',
      status: s.status ?? 'open',
      priority,
      priorityRank: rank[priority],
      channel: 'web',
      serviceSiteId: `svc-${s.site}-000001`,
      routingReason: 'shared',
      accessTokenHash: 'x',
      createdAt,
      updatedAt: createdAt,
      firstResponseAt: s.firstResponseHours === undefined ? null : createdAt + s.firstResponseHours * HOUR,
      resolvedAt: s.resolvedHours === undefined ? null : createdAt + s.resolvedHours * HOUR,
      firstResponseDueAt: createdAt + 24 * HOUR,
      resolutionDueAt: createdAt + 72 * HOUR,
      firstResponseBreached: s.firstResponseBreached ?? false,
      resolutionBreached: s.resolutionBreached ?? false,
    });
    if (s.stars !== undefined) {
      await t.db.insert(ratings).values({
        id: `rating-${s.id}`,
        siteId: t.site.id,
        customerId,
        kind: 'ticket',
        ticketId: s.id,
        serviceSiteId: `svc-${s.site}-000001`,
        category: s.category,
        stars: s.stars,
        createdAt: now - HOUR,
      });
    }
  }
}

describe('the queue', () => {
  beforeEach(async () => {
    await insert([
      { id: 'tk-normal-old-01', site: 'north', category: 'repair', ageHours: 50 },
      { id: 'tk-normal-new-01', site: 'south', category: 'repair', ageHours: 2 },
      { id: 'tk-urgent-new-01', site: 'south', category: 'returns', priority: 'urgent', ageHours: 1 },
      { id: 'tk-low-older-001', site: 'north', category: 'returns', priority: 'low', ageHours: 90 },
      {
        id: 'tk-resolved-0001',
        site: 'north',
        category: 'repair',
        status: 'resolved',
        ageHours: 10,
        firstResponseHours: 1,
        resolvedHours: 5,
      },
    ]);
  });

  const ids = (page: QueuePage) => page.tickets.map((x) => x.id);

  it('sorts by priority then age, counts per status, and filters', async () => {
    const { browser } = await signedInMember(t, 'service');
    const q = async (query: string) =>
      (await browser.call('GET', `/sites/${t.site.id}/tickets?${query}`)).json<QueuePage>();
    const all = await q('status=open,pending');
    expect(ids(all)).toEqual([
      'tk-urgent-new-01',
      'tk-normal-old-01',
      'tk-normal-new-01',
      'tk-low-older-001',
    ]);
    expect(all.counts).toEqual({ open: 4, pending: 0, resolved: 1, closed: 0 });
    expect(ids(await q('serviceSiteId=svc-north-000001'))).toEqual([
      'tk-normal-old-01',
      'tk-resolved-0001',
      'tk-low-older-001',
    ]);
    expect(ids(await q('category=returns'))).toEqual(['tk-urgent-new-01', 'tk-low-older-001']);
    expect(ids(await q('priority=low'))).toEqual(['tk-low-older-001']);
    expect(ids(await q('olderThanHours=24&status=open'))).toEqual(['tk-normal-old-01', 'tk-low-older-001']);
    // Older than 24 h with no first response: past the 24 h target.
    expect(ids(await q('breached=yes'))).toEqual(['tk-normal-old-01', 'tk-low-older-001']);
    expect(ids(await q('assignee=none&status=resolved'))).toEqual(['tk-resolved-0001']);
  });

  it('pages with a cursor without losing or repeating a row', async () => {
    const { browser } = await signedInMember(t, 'admin');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await browser.call(
        'GET',
        `/sites/${t.site.id}/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page: QueuePage = await res.json<QueuePage>();
      seen.push(...ids(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([
      'tk-urgent-new-01',
      'tk-normal-old-01',
      'tk-resolved-0001',
      'tk-normal-new-01',
      'tk-low-older-001',
    ]);
  });

  it('a service member limited to one site never sees another site’s tickets', async () => {
    const { browser, member } = await signedInMember(t, 'service');
    await t.db
      .insert(staffServiceSites)
      .values({ staffId: member.id, serviceSiteId: 'svc-north-000001', siteId: t.site.id });
    const page = await (await browser.call('GET', `/sites/${t.site.id}/tickets`)).json<QueuePage>();
    expect(ids(page)).toEqual(['tk-normal-old-01', 'tk-resolved-0001', 'tk-low-older-001']);
    expect(page.counts).toEqual({ open: 2, pending: 0, resolved: 1, closed: 0 });
    const asked = await (
      await browser.call('GET', `/sites/${t.site.id}/tickets?serviceSiteId=svc-south-000001`)
    ).json<QueuePage>();
    expect(asked.tickets).toEqual([]);
    const path = `/sites/${t.site.id}/tickets/tk-urgent-new-01`;
    await expectError(await browser.call('GET', path), 404);
    await expectError(await browser.call('POST', `${path}/messages`, { body: 'hi' }), 404);
    await expectError(await browser.call('PATCH', path, { status: 'closed' }), 404);
    const report = await (
      await browser.call('GET', `/sites/${t.site.id}/service-reports?days=30`)
    ).json<ServiceReport>();
    expect(report.tickets).toBe(3);
  });

  it('roles without the tickets permission are refused', async () => {
    for (const role of ['marketing', 'content'] as const) {
      const { browser } = await signedInMember(t, role);
      await expectError(await browser.call('GET', `/sites/${t.site.id}/tickets`), 403, 'forbidden');
    }
  });
});

describe('working a ticket', () => {
  it('reply, internal note, assign, tags, status; every event lands in the customer’s timeline', async () => {
    const v = await ticketVisitor(t, 'cust-work');
    const { ticket } = await v.openOk({ location: { lat: 53.5, lng: 10 } });
    const { browser, member } = await signedInMember(t, 'service');
    const path = `/sites/${t.site.id}/tickets/${ticket.id}`;
    t.clock.now += HOUR;
    await browser.call('POST', `${path}/messages`, { body: 'Note to self', internal: true });
    t.clock.now += 60_000;
    await browser.call('POST', `${path}/messages`, { body: 'We are on it' });
    const patched = await browser.call('PATCH', path, {
      assigneeId: member.id,
      tags: ['lamp', 'warranty', 'lamp'],
      priority: 'high',
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const updated = await patched.json<StaffTicket>();
    expect(updated.tags).toEqual(['lamp', 'warranty']);
    expect(updated.assigneeId).toBe(member.id);
    expect(updated.firstResponseAt).toBe(t.clock.now);
    expect(updated.firstResponseBreached).toBe(false);
    expect(updated.status).toBe('pending');
    expect(updated.messages.map((m) => m.kind)).toEqual(['note', 'staff']);
    const resolved = await (await browser.call('PATCH', path, { status: 'resolved' })).json<StaffTicket>();
    expect(resolved.resolvedAt).toBe(t.clock.now);
    expect(resolved.events.map((e) => e.type)).toEqual([
      'opened',
      'staff_replied',
      'status_changed',
      'assigned',
      'resolved',
    ]);
    const owner = await signedInMember(t, 'owner');
    const customer = await owner.browser.call('GET', `/sites/${t.site.id}/customers/${resolved.customerId}`);
    const profile = await customer.json<{
      service: { tickets: { handledBy: string | null }[]; events: { type: string }[] };
    }>();
    expect(profile.service.tickets[0]?.handledBy).toBe(member.name);
    expect(profile.service.events.map((e) => e.type).sort()).toEqual([
      'assigned',
      'opened',
      'resolved',
      'staff_replied',
      'status_changed',
    ]);
  });
});

describe('the service report', () => {
  it('equals hand-computed CSAT, medians and breaches on a fixed dataset', async () => {
    await insert([
      {
        id: 'rp-a-0000000001',
        site: 'north',
        category: 'repair',
        status: 'resolved',
        ageHours: 40,
        firstResponseHours: 1,
        resolvedHours: 5,
        stars: 5,
      },
      {
        id: 'rp-b-0000000001',
        site: 'north',
        category: 'repair',
        status: 'resolved',
        ageHours: 40,
        firstResponseHours: 2,
        resolvedHours: 8,
        stars: 3,
      },
      {
        id: 'rp-c-0000000001',
        site: 'south',
        category: 'returns',
        status: 'closed',
        ageHours: 60,
        firstResponseHours: 4,
        resolvedHours: 30,
        stars: 4,
      },
      {
        id: 'rp-d-0000000001',
        site: 'south',
        category: 'repair',
        status: 'pending',
        ageHours: 30,
        firstResponseHours: 10,
        firstResponseBreached: false,
      },
      // No response after 30 h: past its 24 h first-response target.
      { id: 'rp-e-0000000001', site: 'north', category: 'returns', ageHours: 30 },
      // Resolved late, flagged when it happened.
      {
        id: 'rp-f-0000000001',
        site: 'south',
        category: 'returns',
        status: 'resolved',
        ageHours: 100,
        firstResponseHours: 30,
        firstResponseBreached: true,
        resolvedHours: 80,
        resolutionBreached: true,
        stars: 1,
      },
      // Outside a 3-day window.
      { id: 'rp-g-0000000001', site: 'south', category: 'repair', ageHours: 24 * 10, stars: 2 },
    ]);
    const { browser } = await signedInMember(t, 'owner');
    const report = await (
      await browser.call('GET', `/sites/${t.site.id}/service-reports?days=5`)
    ).json<ServiceReport>();
    // Window: the 5 UTC days up to the end of today; now is 12:00, so 100 h ago is inside, 240 h not.
    expect(report.tickets).toBe(6);
    // 1, 2, 4, 10, 30 h → 4 h. Resolutions: 5, 8, 30, 80 h → (8 + 30) / 2 = 19 h.
    expect(report.medianFirstResponseMs).toBe(4 * HOUR);
    expect(report.medianResolutionMs).toBe(19 * HOUR);
    expect(report.breaches).toEqual({ firstResponse: 2, resolution: 1 });
    // Ratings in the window: north 5, 3 → 1/2; south 4, 1, 2 → 1/3 (the old ticket's rating is recent).
    expect(report.csatBySite).toEqual([
      { key: 'svc-south-000001', label: 'Site south', ratings: 3, csat: 1 / 3, meanStars: 7 / 3 },
      { key: 'svc-north-000001', label: 'Site north', ratings: 2, csat: 0.5, meanStars: 4 },
    ]);
    expect(report.csatByCategory).toEqual([
      { key: 'repair', label: 'repair', ratings: 3, csat: 1 / 3, meanStars: 10 / 3 },
      { key: 'returns', label: 'returns', ratings: 2, csat: 0.5, meanStars: 2.5 },
    ]);
    const total = report.volume.reduce((n, v) => n + v.count, 0);
    expect(total).toBe(6);
  });
});

describe('files staff attach from the console', () => {
  /** Sends a file's bytes as the console does: same origin, the session cookie, the name in the query. */
  const attach = (
    browser: { cookie: string | undefined },
    ticket: string,
    name: string,
    bytes: Uint8Array,
    origin = 'http://localhost',
  ) =>
    t.app.request(
      `/console/api/sites/${t.site.id}/tickets/${ticket}/attachments?name=${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: {
          Origin: origin,
          'Content-Type': 'application/octet-stream',
          ...(browser.cookie ? { Cookie: browser.cookie } : {}),
        },
        body: new Blob([new Uint8Array(bytes)]),
      },
    );

  it('stores a member’s file with the ticket, for staff and for the customer', async () => {
    const v = await ticketVisitor(t, 'cust-files');
    const { ticket } = await v.openOk();
    const { browser } = await signedInMember(t, 'service');
    const res = await attach(browser, ticket.id, 'Repair guide.pdf', FILES.pdf);
    expect(res.status).toBe(201);
    const file = await res.json<AttachmentView>();
    expect(file).toMatchObject({ fileName: 'Repair guide.pdf', contentType: 'application/pdf' });
    const [row] = await t.db.select().from(ticketAttachments).where(eq(ticketAttachments.id, file.id));
    expect(row?.uploadedBy).toBe('staff');
    const staffView = await (
      await browser.call('GET', `/sites/${t.site.id}/tickets/${ticket.id}`)
    ).json<StaffTicket>();
    expect(staffView.attachments.map((a) => a.fileName)).toEqual(['Repair guide.pdf']);
    const mine = await v.readOk(ticket.id);
    expect(mine.attachments.map((a) => a.fileName)).toEqual(['Repair guide.pdf']);
    const url = new URL(mine.attachments[0]?.url ?? '');
    const served = await t.app.request(url.pathname + url.search);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(FILES.pdf);
  });

  it('refuses what a customer’s upload would refuse, and writes nothing', async () => {
    const v = await ticketVisitor(t, 'cust-files-bad');
    const { ticket } = await v.openOk();
    const { browser } = await signedInMember(t, 'service');
    await expectError(
      await attach(browser, ticket.id, 'photo.jpg', FILES.fakeJpeg),
      415,
      'unsupported_file_type',
    );
    await expectError(await attach(browser, ticket.id, 'big.png', new Uint8Array(10 * 1024 * 1024 + 1)), 413);
    await expectError(await attach(browser, ticket.id, '', FILES.png), 400);
    await expectError(await attach(browser, 'no-such-ticket-01', 'a.png', FILES.png), 404);
    // A change from another origin is refused before anything is read.
    await expectError(await attach(browser, ticket.id, 'a.png', FILES.png, 'https://evil.example'), 403);
    const marketing = await signedInMember(t, 'marketing');
    await expectError(await attach(marketing.browser, ticket.id, 'a.png', FILES.png), 403, 'forbidden');
    expect((await v.readOk(ticket.id)).attachments).toEqual([]);
  });

  it('keeps a member limited to one service site away from the others’ tickets', async () => {
    await insert([{ id: 'tk-south-files-1', site: 'south', category: 'repair', ageHours: 1 }]);
    const { browser, member } = await signedInMember(t, 'service');
    await t.db
      .insert(staffServiceSites)
      .values({ staffId: member.id, serviceSiteId: 'svc-north-000001', siteId: t.site.id });
    await expectError(await attach(browser, 'tk-south-files-1', 'a.png', FILES.png), 404);
  });
});
