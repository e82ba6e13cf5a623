import { sql } from 'drizzle-orm';
import { visitors, type Site, type Visitor } from '../../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from '../../contract/constants.ts';
import {
  trackedEvent,
  type EventBatchResponse,
  type EventStatus,
  type TrackedEvent,
} from '../../contract/events.ts';
import { describeIssue } from '../../contract/common.ts';
import { utf8Length } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { ingestionRollups } from '../reports/rollups.ts';
import {
  MS_PER_MINUTE,
  cappedDwell,
  INTEREST_WINDOW,
  addCategoryCounts,
  refreshTopCategories,
} from '../profiles/stats.ts';
import { jsonRows } from '../../../db/json.ts';

type Checked = { ok: true; event: TrackedEvent } | { ok: false; status: EventStatus };

/**
 * Whether a parsed JSON value nests deeper than `max`. Recursive, but it never descends past
 * `max` levels, so any depth is safe to ask (and it allocates nothing on the way).
 */
function nestsDeeperThan(value: unknown, max: number, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= max) return true;
  if (Array.isArray(value)) {
    for (const child of value as unknown[]) if (nestsDeeperThan(child, max, depth + 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (Object.hasOwn(object, key) && nestsDeeperThan(object[key], max, depth + 1)) return true;
  }
  return false;
}

/**
 * Whether `text` takes more than `max` bytes as UTF-8. A UTF-16 unit is 1 to 3 bytes, so the
 * length alone decides unless it lies between max/3 and max; only then is the text encoded.
 */
function longerThanUtf8(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return utf8Length(text) > max;
}

/** Validates one event on its own, so one bad event does not sink its batch. */
function check(raw: unknown): Checked {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id.slice(0, 64)
      : null;
  if (nestsDeeperThan(raw, MAX_EVENT_DEPTH)) {
    return {
      ok: false,
      status: { id, status: 'rejected', reason: `event is nested deeper than ${MAX_EVENT_DEPTH} levels` },
    };
  }
  if (longerThanUtf8(JSON.stringify(raw), MAX_EVENT_BYTES)) {
    return {
      ok: false,
      status: { id, status: 'rejected', reason: `event is larger than ${MAX_EVENT_BYTES} bytes` },
    };
  }
  const parsed = trackedEvent.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      status: { id, status: 'rejected', reason: describeIssue(parsed.error, 'invalid event') },
    };
  }
  return { ok: true, event: parsed.data };
}

/** Whether a write failed on a foreign key (SQLite's message, whichever driver wrapped it). */
function isForeignKeyFailure(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('FOREIGN KEY constraint failed')) return true;
  }
  return false;
}

/**
 * Stores a batch of events for one visitor in one transaction and answers per event.
 * De-duplication is the unique (site, event id) index inside that transaction; the
 * session, page-view dwell and profile counters are updated by SQL that reads back only
 * the rows this batch inserted (marked with its ingest id), so a re-sent batch changes nothing.
 */
export async function ingestEvents(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  rawEvents: unknown[],
  /** The page origin the batch came from (the request's `Origin`), for the install check. */
  origin?: string,
): Promise<EventBatchResponse> {
  const statuses: EventStatus[] = [];
  const fresh: TrackedEvent[] = [];
  const seen = new Set<string>();
  for (const raw of rawEvents) {
    const checked = check(raw);
    if (!checked.ok) statuses.push(checked.status);
    else if (seen.has(checked.event.id)) statuses.push({ id: checked.event.id, status: 'duplicate' });
    else {
      seen.add(checked.event.id);
      fresh.push(checked.event);
      statuses.push({ id: checked.event.id, status: 'accepted' });
    }
  }
  if (fresh.length > 0) {
    const inserted = await write(ctx, site, visitor, fresh, origin).catch(async (error: unknown) => {
      // Identify may have merged this visitor's anonymous profile into a customer between
      // reading the visitor and this commit: the old profile is gone (a foreign key failure).
      // The batch wrote nothing; it goes to the profile the visitor belongs to now.
      if (!isForeignKeyFailure(error)) throw error;
      const current = await ctx.db.query.visitors.findFirst({ where: eq(visitors.id, visitor.id) });
      if (!current || current.customerId === visitor.customerId) throw error;
      return write(ctx, site, current, fresh, origin);
    });
    for (const status of statuses) {
      if (status.status === 'accepted' && !inserted.has(status.id)) status.status = 'duplicate';
    }
  }
  const count = (s: EventStatus['status']) => statuses.filter((x) => x.status === s).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    results: statuses,
  };
}

async function write(
  ctx: ServiceContext,
  site: Site,
  visitor: Visitor,
  batch: TrackedEvent[],
  origin: string | undefined,
): Promise<Set<string>> {
  // Events alone take relaxed commits: the tracker re-sends what a lost commit did not
  // acknowledge only until it sees the 2xx, which is the trade SECURITY.md allows for events.
  const db = ctx.eventDb ?? ctx.db;
  const now = ctx.now();
  const ingestId = ctx.newId();
  const siteId = site.id;
  const customerId = visitor.customerId;
  // The events travel as they came; a leave's missing dwell counts as none in the INSERT.
  const rows = jsonRows(batch, [
    'id',
    'sessionId',
    'seq',
    'type',
    'name',
    'url',
    'path',
    'title',
    'referrer',
    'dwellMs',
    'viewId',
    'properties',
    'ts',
  ]);
  // Every statement below finds the rows this batch inserted (not its duplicates) through the
  // ingest id index: one short range, so the work follows the batch's size, never the length
  // of the customer's history.
  const mine = sql`ingest_id = ${ingestId} AND site_id = ${siteId}`;
  // The same rows by the ingest id alone (a fresh random id, only ever this site's): read from
  // the index without visiting the rows, where only their ids or their number are wanted.
  const batchRows = sql`ingest_id = ${ingestId}`;
  const lastSeen = Math.max(...batch.map((e) => Math.min(e.ts, now)));

  // In batch order, so row ids follow the order the events were sent. `WHERE true` lets
  // SQLite tell the upsert's ON CONFLICT from a join constraint.
  const insert = db.all<{ event_id: string }>(sql`
    INSERT INTO events (site_id, event_id, ingest_id, visitor_id, customer_id, session_id, seq, type,
      name, url, path, title, referrer, dwell_ms, view_id, properties, client_ts, server_ts)
    SELECT ${siteId}, e.id, ${ingestId}, ${visitor.id}, ${customerId}, e.sessionId, e.seq, e.type,
      e.name, e.url, e.path, e.title, e.referrer,
      CASE WHEN e.type = 'page_leave' THEN coalesce(e.dwellMs, 0) END, e.viewId, e.properties, e.ts, ${now}
    FROM ${rows} AS e WHERE true ORDER BY e.ord
    ON CONFLICT (site_id, event_id) DO NOTHING
    RETURNING event_id`);

  // Before the sessions upsert: a session counts when this batch is the first to bring it.
  // One pass over the batch's rows for the three counters.
  const counters = db.run(sql`
    UPDATE customer_stats SET (page_views, total_dwell_ms, sessions) = (
      SELECT customer_stats.page_views + count(CASE WHEN type = 'page_view' THEN 1 END),
        customer_stats.total_dwell_ms + coalesce(sum(CASE WHEN type = 'page_leave' THEN dwell_ms END), 0),
        customer_stats.sessions + count(DISTINCT CASE WHEN NOT EXISTS (
          SELECT 1 FROM sessions s WHERE s.site_id = events.site_id AND s.id = events.session_id) THEN session_id END)
      FROM events WHERE ${mine})
    WHERE customer_id = ${customerId}`);

  const sessionsUpsert = db.run(sql`
    INSERT INTO sessions (site_id, id, visitor_id, customer_id, started_at, last_seen_at, page_views, dwell_ms)
    SELECT site_id, session_id, visitor_id, customer_id, min(client_ts), max(client_ts),
           sum(type = 'page_view'), coalesce(sum(CASE WHEN type = 'page_leave' THEN dwell_ms END), 0)
    FROM events WHERE ${mine} GROUP BY session_id
    ON CONFLICT (site_id, id) DO UPDATE SET
      started_at = min(sessions.started_at, excluded.started_at),
      last_seen_at = max(sessions.last_seen_at, excluded.last_seen_at),
      page_views = sessions.page_views + excluded.page_views,
      dwell_ms = sessions.dwell_ms + excluded.dwell_ms
    WHERE sessions.visitor_id = excluded.visitor_id`);

  // A page_leave carries the visible time of the page_view it closes; add it onto the view.
  // The unary + keeps SQLite on the event id index instead of walking the customer's events.
  const viewDwell = db.run(sql`
    UPDATE events SET dwell_ms = coalesce(dwell_ms, 0) + (
      SELECT coalesce(sum(l.dwell_ms), 0) FROM events l
      WHERE l.ingest_id = ${ingestId} AND l.view_id = events.event_id AND l.site_id = ${siteId}
    )
    WHERE site_id = ${siteId} AND +customer_id = ${customerId} AND type = 'page_view' AND event_id IN (
      SELECT view_id FROM events WHERE ${mine} AND type = 'page_leave' AND view_id IS NOT NULL
    )`);

  // Plain SQL rather than query builders: a builder costs several times as much to turn into
  // SQL, on every request.
  const touchCustomer = db.run(
    sql`UPDATE customers SET last_seen_at = max(last_seen_at, ${lastSeen}) WHERE id = ${customerId}`,
  );
  const touchVisitor = db.run(sql`UPDATE visitors SET last_seen_at = ${now} WHERE id = ${visitor.id}`);
  // The install check: when each origin last sent something, counted from this batch's own rows.
  const originSeen = db.run(sql`
    INSERT INTO site_origins (site_id, origin, first_event_at, last_event_at, events)
    SELECT ${siteId}, ${origin ?? null}, ${now}, ${now}, count(*) FROM events WHERE ${mine} HAVING count(*) > 0
    ON CONFLICT (site_id, origin) DO UPDATE SET
      last_event_at = excluded.last_event_at, events = site_origins.events + excluded.events`);
  const tail = [
    touchCustomer,
    touchVisitor,
    ...ingestionRollups(db, siteId, now, mine),
    ...(origin ? [originSeen] : []),
  ];

  // Interest in categories, before viewDwell adds this batch's leaves onto their page views:
  // this batch's product views count with their page's minutes so far, then the leaves add
  // the minutes they bring to every product view of their page, earlier batches' included.
  //
  // A product view's page is the latest page view of its session (by seq) among the customer's
  // INTEREST_WINDOW events before it. The batch's rows are the customer's latest and follow each
  // other (one INSERT above), so the batch's rows and the window events before the first of them
  // are read once, numbered (`rn`), and each product view looks through that list's page views
  // only, rather than reading its own window of events from the table again.
  const interests = [
    ...(batch.some((e) => e.type === 'product_view')
      ? [
          addCategoryCounts(
            db,
            sql`SELECT ${customerId}, p.category, ${siteId}, count(*),
              sum(1 + ${cappedDwell(sql`e.dwell`)} / ${MS_PER_MINUTE})
            FROM (
              WITH recent AS MATERIALIZED (
                SELECT id, type, session_id, seq, dwell_ms, row_number() OVER (ORDER BY id) AS rn FROM (
                  SELECT id, type, session_id, seq, dwell_ms FROM events
                  WHERE customer_id = ${customerId} AND id <= (SELECT max(id) FROM events WHERE ${batchRows})
                  ORDER BY id DESC LIMIT (SELECT count(*) FROM events WHERE ${batchRows}) + ${INTEREST_WINDOW})),
              pages AS MATERIALIZED (SELECT rn, session_id, seq, dwell_ms FROM recent WHERE type = 'page_view')
              SELECT x.properties, (
                -- The dwell of the page view with the highest seq (SQLite takes a bare column from max()'s row).
                SELECT dwell_ms FROM (
                  SELECT v.dwell_ms, max(v.seq) FROM pages v
                  WHERE v.session_id = r.session_id AND v.seq < r.seq
                    AND v.rn < r.rn AND v.rn >= r.rn - ${INTEREST_WINDOW})) AS dwell
              FROM recent r JOIN events x ON x.id = r.id
              WHERE r.type = 'product_view' AND r.id >= (SELECT min(id) FROM events WHERE ${batchRows})) e
            JOIN products p ON p.site_id = ${siteId} AND p.sku = json_extract(e.properties, '$.sku')
            GROUP BY p.category`,
          ),
          refreshTopCategories(db, sql`${customerId}`),
        ]
      : []),
    // The leaves' pages are found through the event id index: `CROSS JOIN` keeps the leaves the
    // outer loop, where a plain join let SQLite walk the customer's whole history for them.
    // A product view belongs to a page when no page view of its session lies between them in the
    // later events: one window pass marks each event with the last such page view before it.
    ...(batch.some((e) => e.type === 'page_leave' && e.viewId)
      ? [
          addCategoryCounts(
            db,
            sql`SELECT ${customerId}, p.category, ${siteId}, 0, sum(pv.minutes) FROM (
              WITH leaves AS (
                SELECT view_id, sum(dwell_ms) AS added FROM events
                WHERE ${mine} AND type = 'page_leave' AND view_id IS NOT NULL GROUP BY view_id),
              pages AS MATERIALIZED (
                SELECT v.id, v.session_id, v.seq,
                  (${cappedDwell(sql`coalesce(v.dwell_ms, 0) + leaves.added`)}
                    - ${cappedDwell(sql`v.dwell_ms`)}) / ${MS_PER_MINUTE} AS minutes
                FROM leaves CROSS JOIN events v ON v.site_id = ${siteId} AND v.event_id = leaves.view_id
                WHERE v.type = 'page_view' AND v.customer_id = ${customerId}),
              later AS MATERIALIZED (
                SELECT session_id, seq, type, properties FROM events
                WHERE customer_id = ${customerId} AND id > (SELECT min(id) FROM pages)
                ORDER BY id LIMIT ${INTEREST_WINDOW}),
              -- Each later event with the highest seq of a page view before it in its session.
              marked AS MATERIALIZED (
                SELECT session_id, seq, type, properties, max(CASE WHEN type = 'page_view' THEN seq END) OVER (
                  PARTITION BY session_id ORDER BY seq RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                ) AS page_before
                FROM later)
              SELECT marked.properties, pages.minutes FROM pages
              JOIN marked ON marked.session_id = pages.session_id AND marked.seq > pages.seq
                AND (marked.page_before IS NULL OR marked.page_before <= pages.seq)
              WHERE pages.minutes > 0 AND marked.type = 'product_view'
            ) pv
            JOIN products p ON p.site_id = ${siteId} AND p.sku = json_extract(pv.properties, '$.sku')
            GROUP BY p.category`,
          ),
        ]
      : []),
  ];
  const [inserted] = await db.batch([insert, counters, sessionsUpsert, ...interests, viewDwell, ...tail]);
  return new Set(inserted.map((r) => r.event_id));
}
