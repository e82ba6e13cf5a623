import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef } from './customers.ts';
import type { EventType } from '../../worker/contract/constants.ts';

/** Every contact the browser reports, de-duplicated by the client-made event id. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    eventId: text('event_id').notNull(),
    /** Marks the rows one ingestion batch inserted, so aggregates count only those. */
    ingestId: text('ingest_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    customerId: customerRef(),
    sessionId: text('session_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').$type<EventType>().notNull(),
    name: text('name'),
    url: text('url'),
    path: text('path'),
    title: text('title'),
    referrer: text('referrer'),
    /** Visible time: on a page_leave as sent, on a page_view the sum of the leaves that close it. */
    dwellMs: integer('dwell_ms'),
    /** On a page_leave: the event id of the page_view it closes. */
    viewId: text('view_id'),
    properties: text('properties', { mode: 'json' }).$type<Record<string, unknown>>(),
    clientTs: integer('client_ts').notNull(),
    serverTs: integer('server_ts').notNull(),
  },
  (t) => [
    uniqueIndex('events_site_event_uq').on(t.siteId, t.eventId),
    // Led by customer_id, not site_id: a customer id is unique across sites, and SQLite checks the
    // foreign key on deleting a profile (merge, erasure) only through an index led by that column.
    index('events_customer_idx').on(t.customerId, t.id),
    // Ingestion's aggregates read back the rows their batch inserted: one short range here,
    // instead of a probe of the (site, event id) index per event for each aggregate; with the
    // view id, a page_view finds the batch's leaves that close it directly.
    index('events_ingest_idx').on(t.ingestId, t.viewId),
  ],
);

export type EventRow = typeof events.$inferSelect;
