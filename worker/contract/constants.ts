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
  /** Offers and their reports; editing, launching and pausing them. */
  'offers.read': ['owner', 'admin', 'marketing'],
  'offers.write': ['owner', 'admin', 'marketing'],
  /** Recording orders: the site's own servers only. */
  'orders.write': [],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Permission = keyof typeof STAFF_PERMISSIONS;

/** Path the staff console and its API live under; the session cookie is scoped to it. */
export const CONSOLE_PATH = '/console';

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
