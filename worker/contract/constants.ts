/**
 * Plain runtime constants the server, the database schema and the widgets share. This file
 * (and `shared/`) is all of `worker/` that may reach the browser bundle: it imports nothing,
 * so the widget build can include it without pulling in zod or server code.
 */

/** Header that carries the host site's identity token (an HS256 JWT) next to the visitor token. */
export const IDENTITY_HEADER = 'X-Crm-Identity';

/** Query parameter that carries the publishable key, so CORS preflights can be answered per site. */
export const SITE_KEY_PARAM = 'key';

/** Event types the tracker and the JS API send. */
export const EVENT_TYPES = [
  'page_view',
  'page_leave',
  'product_view',
  'add_to_cart',
  'purchase',
  'custom',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event types a page may report by name through `crm.track(name)`; any other name is `custom`. */
export const NAMED_EVENT_TYPES = ['add_to_cart', 'product_view'] as const satisfies readonly EventType[];

/** A visitor's tracking choice as stored on the profile; `unknown` until the site says. */
export const CONSENT_STATES = ['unknown', 'granted', 'denied'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** Most events one batch may carry. */
export const MAX_EVENTS_PER_BATCH = 100;
/** Largest serialized event, in bytes. */
export const MAX_EVENT_BYTES = 32 * 1024;
/**
 * Deepest nesting of objects and arrays in one event. Deeper values would overflow
 * `JSON.stringify` and SQLite's JSON functions (1000 levels), failing the whole batch.
 */
export const MAX_EVENT_DEPTH = 32;
/** Largest batch body, in bytes. */
export const MAX_BATCH_BYTES = 500 * 1024;
/** Longest custom event name. */
export const MAX_EVENT_NAME_LENGTH = 100;
/** Longest URL, path or referrer an event carries. */
export const MAX_URL_LENGTH = 2048;
/** Longest page title an event carries. */
export const MAX_TITLE_LENGTH = 512;
/** Longest product sku. */
export const MAX_SKU_LENGTH = 64;
/** Highest event number within a session. */
export const MAX_SEQ = 1_000_000;
/** Longest visible time one page_leave may report: a day. */
export const MAX_DWELL_MS = 24 * 3600 * 1000;

/** Error codes the widgets act on. */
export const ERROR_CODES = {
  /** The visitor token is unknown, revoked or rotated: start a new visitor. */
  invalidVisitorToken: 'invalid_visitor_token',
  /** An identified profile needs the identity token too. */
  identityRequired: 'identity_required',
} as const;

/** Most rows one page of a staff list returns (SECURITY.md). */
export const MAX_PAGE_SIZE = 100;

/**
 * Staff roles, most powerful first: owner (everything, staff, keys), admin (everything but staff
 * and keys), marketing (customers, segments, offers, reports), service (customers, tickets),
 * content (help articles).
 */
export const STAFF_ROLES = ['owner', 'admin', 'marketing', 'service', 'content'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What each role may do. Every console route declares one permission; a site's secret key
 * holds `customers.read` and `orders.write` (see `worker/modules/staff/permissions.ts`). The
 * console reads this table only to hide what the API would refuse anyway.
 */
export const STAFF_PERMISSIONS = {
  /** Customer lists, the customer 360, live activity. */
  'customers.read': ['owner', 'admin', 'marketing', 'service'],
  /** The home page's figures and charts. */
  'reports.read': ['owner', 'admin', 'marketing'],
  /** Site settings: name, origins, the snippet, the install check. */
  'settings.read': ['owner', 'admin'],
  'settings.write': ['owner', 'admin'],
  /** Rotating the secret key or the identity secret; creating sites. */
  'keys.manage': ['owner'],
  /** Inviting, changing and deactivating members; reading the audit log. */
  'staff.manage': ['owner'],
  /** Re-scoring a site now and changing its scoring thresholds. */
  'scores.run': ['owner', 'admin', 'marketing'],
  /** Offers and their reports; editing, launching and pausing them. */
  'offers.read': ['owner', 'admin', 'marketing'],
  'offers.write': ['owner', 'admin', 'marketing'],
  /** Recording orders: the site's own servers only. */
  'orders.write': [],
  /** The ticket queue, tickets, replies and notes (service staff may be limited to their service sites). */
  'tickets.read': ['owner', 'admin', 'service'],
  'tickets.write': ['owner', 'admin', 'service'],
  /** Service sites, postcodes, canned replies, service settings and staff's service-site limits. */
  'service.manage': ['owner', 'admin'],
  /** Service reports: CSAT, response and resolution times, SLA breaches, volume. */
  'service.reports': ['owner', 'admin', 'service'],
  /** Help center: reading articles, drafts and the help report. */
  'help.read': ['owner', 'admin', 'marketing', 'service', 'content'],
  /** Help center: writing, publishing, importing articles and categories. */
  'help.write': ['owner', 'admin', 'content'],
  /** Configurable products' models and custom orders: reading them, and editing or moving them on. */
  'configurator.read': ['owner', 'admin', 'service'],
  'configurator.write': ['owner', 'admin'],
  /** Moving custom orders through production (received → … → delivered, or cancelled). */
  'production.write': ['owner', 'admin', 'service'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Permission = keyof typeof STAFF_PERMISSIONS;

/** Path the staff console and its API live under; the session cookie is scoped to it. */
export const CONSOLE_PATH = '/console';

/** A ticket's life: open → pending (waiting on the customer) → resolved → closed. */
export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Ticket priorities, most urgent first (the queue's order). */
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Where a ticket came from. */
export const TICKET_CHANNELS = ['web', 'email', 'phone', 'console'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** Who wrote a message: the customer, staff (the customer sees it), or staff only (an internal note). */
export const MESSAGE_KINDS = ['customer', 'staff', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Which location routed a ticket: shared coordinates, a postcode, the request's, or none (the default site). */
export const ROUTING_REASONS = ['shared', 'postcode', 'request', 'default', 'manual', 'none'] as const;
export type RoutingReason = (typeof ROUTING_REASONS)[number];

/** What lands in the customer's timeline. */
export const TICKET_EVENT_TYPES = [
  'opened',
  'customer_replied',
  'staff_replied',
  'status_changed',
  'resolved',
  'reopened',
  'rated',
  'assigned',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** A rating of a resolved ticket, or the satisfaction follow-up of a purchase. */
export const RATING_KINDS = ['ticket', 'purchase'] as const;
export type RatingKind = (typeof RATING_KINDS)[number];

/** Hours to first response and to resolution, per priority. */
export type SlaTargets = Record<TicketPriority, { firstResponseHours: number; resolutionHours: number }>;

/** Largest attachment, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachment types accepted, as sniffed from their first bytes. */
export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** Most attachments on one ticket. */
export const MAX_ATTACHMENTS_PER_TICKET = 10;
/** Longest ticket subject and message, in characters. */
export const MAX_TICKET_SUBJECT = 200;
export const MAX_TICKET_BODY = 5000;
/** Header carrying a ticket's private link token (anonymous visitors coming back from another browser). */
export const TICKET_TOKEN_HEADER = 'X-Crm-Ticket-Token';
/** Languages of help-center articles. */
export const HELP_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type HelpLocale = (typeof HELP_LOCALES)[number];

/** States of a help-center article; only `published` ones reach visitors. */
export const HELP_STATUSES = ['draft', 'published'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];
/**
 * Production statuses of a custom order, in the order the factory moves it through them;
 * `cancelled` may end it at any point before delivery.
 */
export const PRODUCTION_STATUSES = [
  'received',
  'in_production',
  'quality_check',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type ProductionStatus = (typeof PRODUCTION_STATUSES)[number];
/**
 * `typ` and `aud` of a staff token: what the host's server signs (HS256, the site's identity
 * secret) so `<crm-customer-card staff-token>` may show one customer's scores in its own tools.
 * Identity tokens carrying this type are refused, and staff tokens must carry it.
 */
export const STAFF_TOKEN_TYPE = 'crm-staff';
/** An offer's life: drafted, live (shown), or paused. */
export const OFFER_STATUSES = ['draft', 'live', 'paused'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** The two arms of every offer's randomized test. */
export const OFFER_GROUPS = ['treatment', 'control'] as const;
export type OfferGroup = (typeof OFFER_GROUPS)[number];

/** What the banner reports of an offer it shows; conversions come from orders. */
export const OFFER_BROWSER_EVENTS = ['impression', 'click', 'dismiss'] as const;
export const OFFER_EVENT_TYPES = [...OFFER_BROWSER_EVENTS, 'conversion'] as const;
export type OfferEventType = (typeof OFFER_EVENT_TYPES)[number];

/** Query parameter of a personal referral link. */
export const REFERRAL_PARAM = 'crm_ref';
