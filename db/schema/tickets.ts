import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  MessageKind,
  RatingKind,
  RoutingReason,
  SlaTargets,
  TicketChannel,
  TicketEventType,
  TicketPriority,
  TicketStatus,
} from '../../worker/contract/constants.ts';
import { customerRef } from './customers.ts';
import { orders } from './orders.ts';
import { siteRef } from './sites.ts';
import { staff } from './staff.ts';

/** A place that handles service cases (a repair shop, a branch); tickets are routed to the nearest. */
export const serviceSites = sqliteTable(
  'service_sites',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    /** Ticket categories it handles. */
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull(),
    /** Free text shown to customers and staff, e.g. "Mon–Fri 9–18". */
    openingHours: text('opening_hours').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Where a ticket goes when the customer's location is unknown. */
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // The routing prefilter: a latitude range, then longitude read from the same index entries.
    index('service_sites_site_lat_lng_idx').on(t.siteId, t.lat, t.lng),
    index('service_sites_site_name_idx').on(t.siteId, t.name),
    // Tickets without a location go to the default site.
    index('service_sites_site_default_idx').on(t.siteId, t.isDefault, t.active),
  ],
);

/** Postcodes and city names a site maps to coordinates, for customers who type rather than share. */
export const servicePostcodes = sqliteTable(
  'service_postcodes',
  {
    siteId: siteRef(),
    /** Upper-cased, spaces removed (see `normalizePostcode`). */
    code: text('code').notNull(),
    label: text('label').notNull().default(''),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.code] })],
);

/** A customer's case, from the first message to the rating. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    /** Short reference the customer quotes, unique per site. */
    reference: text('reference').notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<TicketStatus>().notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    /** 0 = urgent … 3 = low, so the queue sorts by an index. */
    priorityRank: integer('priority_rank').notNull(),
    channel: text('channel').$type<TicketChannel>().notNull(),
    orderId: text('order_id').references(() => orders.id, { onDelete: 'set null' }),
    productSku: text('product_sku'),
    serviceSiteId: text('service_site_id').references(() => serviceSites.id, { onDelete: 'set null' }),
    /** Great-circle distance to the service site, metres; null when routed without a location. */
    distanceM: integer('distance_m'),
    routingReason: text('routing_reason').$type<RoutingReason>().notNull(),
    assigneeId: text('assignee_id').references(() => staff.id, { onDelete: 'set null' }),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Given by an anonymous visitor; not verified, so never copied onto the profile. */
    contactEmail: text('contact_email'),
    contactName: text('contact_name'),
    /** SHA-256 of the private link's token; the token is shown once, to the customer. */
    accessTokenHash: text('access_token_hash').notNull(),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    /** Keyed hash of the creating connection's address, for the per-address creation limit. */
    creatorAddressHash: text('creator_address_hash'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    resolvedAt: integer('resolved_at'),
    closedAt: integer('closed_at'),
    firstResponseDueAt: integer('first_response_due_at').notNull(),
    resolutionDueAt: integer('resolution_due_at').notNull(),
    firstResponseBreached: integer('first_response_breached', { mode: 'boolean' }).notNull().default(false),
    resolutionBreached: integer('resolution_breached', { mode: 'boolean' }).notNull().default(false),
    /** Latest staff reply, and when the customer last read the thread: unread replies. */
    lastStaffReplyAt: integer('last_staff_reply_at'),
    customerReadAt: integer('customer_read_at'),
  },
  (t) => [
    uniqueIndex('tickets_site_reference_uq').on(t.siteId, t.reference),
    // "My tickets", the per-visitor creation limit and idempotent creation.
    index('tickets_customer_idx').on(t.customerId, t.createdAt),
    uniqueIndex('tickets_customer_idempotency_uq').on(t.customerId, t.idempotencyKey),
    index('tickets_site_address_idx').on(t.siteId, t.creatorAddressHash, t.createdAt),
    // The queue: priority then age, whole site or per status, service site or assignee.
    index('tickets_site_queue_idx').on(t.siteId, t.priorityRank, t.createdAt, t.id),
    index('tickets_site_status_queue_idx').on(t.siteId, t.status, t.priorityRank, t.createdAt, t.id),
    index('tickets_service_site_queue_idx').on(t.serviceSiteId, t.priorityRank, t.createdAt, t.id),
    index('tickets_assignee_queue_idx').on(t.assigneeId, t.priorityRank, t.createdAt, t.id),
    index('tickets_order_idx').on(t.orderId),
    // Reports read a time window.
    index('tickets_site_created_idx').on(t.siteId, t.createdAt),
  ],
);

/** A message on a ticket: the customer's, a staff reply, or an internal note only staff see. */
export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<MessageKind>().notNull(),
    staffId: text('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** A file on a ticket; the bytes live in the blob storage under `storageKey`. */
export const ticketAttachments = sqliteTable(
  'ticket_attachments',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    /** As sniffed from the bytes, never as the browser claimed. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by').$type<'customer' | 'staff'>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_attachments_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** What happened on a ticket, for the customer's timeline and the ticket's history. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    customerId: customerRef(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type').$type<TicketEventType>().notNull(),
    staffId: text('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    detail: text('detail'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('ticket_events_customer_idx').on(t.customerId, t.at),
    index('ticket_events_ticket_idx').on(t.ticketId, t.id),
  ],
);

/** A customer's rating: of a resolved ticket, or of a purchase (the satisfaction follow-up). */
export const ratings = sqliteTable(
  'ratings',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    kind: text('kind').$type<RatingKind>().notNull(),
    ticketId: text('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    orderId: text('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    /** Copied from the ticket so the CSAT report reads one table. */
    serviceSiteId: text('service_site_id'),
    category: text('category'),
    stars: integer('stars').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ratings_ticket_uq').on(t.ticketId),
    uniqueIndex('ratings_order_uq').on(t.orderId),
    index('ratings_customer_idx').on(t.customerId, t.createdAt),
    index('ratings_site_kind_idx').on(t.siteId, t.kind, t.createdAt),
  ],
);

/** The satisfaction follow-up of one order: made by the job, answered once through its signed link. */
export const satisfactionSurveys = sqliteTable(
  'satisfaction_surveys',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    answeredAt: integer('answered_at'),
  },
  (t) => [
    uniqueIndex('satisfaction_surveys_order_uq').on(t.orderId),
    index('satisfaction_surveys_customer_idx').on(t.customerId, t.createdAt),
    index('satisfaction_surveys_site_idx').on(t.siteId, t.createdAt),
  ],
);

/** Per-site service settings; a site without a row uses the defaults in the contract's constants. */
export const serviceSettings = sqliteTable('service_settings', {
  siteId: siteRef().primaryKey(),
  reopenDays: integer('reopen_days').notNull(),
  /** Hours to first response and to resolution, per priority. */
  sla: text('sla', { mode: 'json' }).$type<SlaTargets>().notNull(),
  surveyDelayDays: integer('survey_delay_days').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A saved answer staff insert into a reply. */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('canned_replies_site_idx').on(t.siteId, t.title)],
);

/** The service sites a service-role member is limited to; none means every site. */
export const staffServiceSites = sqliteTable(
  'staff_service_sites',
  {
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    serviceSiteId: text('service_site_id')
      .notNull()
      .references(() => serviceSites.id, { onDelete: 'cascade' }),
    siteId: siteRef(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.serviceSiteId] }),
    index('staff_service_sites_service_site_idx').on(t.serviceSiteId),
  ],
);

export type ServiceSite = typeof serviceSites.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type TicketMessage = typeof ticketMessages.$inferSelect;
export type TicketAttachment = typeof ticketAttachments.$inferSelect;
