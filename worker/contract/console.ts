import { z } from 'zod';
import { clientId, pageLimit } from './common.ts';
import { STAFF_ROLES, type ConsentState, type EventType, type StaffRole } from './constants.ts';
import type { CustomerProfile } from './customers.ts';
import type { OrderResponse } from './orders.ts';
import type { CustomerService } from './tickets.ts';

const email = z.email().max(320);
/** Long enough to resist guessing; long passphrases welcome. */
const password = z.string().min(12, 'at least 12 characters').max(200);
const name = z.string().trim().min(1).max(200);
/** An origin a site's pages are served from: scheme, host and port, nothing after. */
export const originPattern = z
  .string()
  .max(200)
  .refine(
    (value) =>
      /^(https?:\/\/)[a-z0-9.-]+(:\d+)?$/i.test(value) || /^(https:\/\/)?\*\.[a-z0-9.-]+$/i.test(value),
    'an origin like https://shop.example (or *.shop.example for its subdomains)',
  );

/** `POST /console/api/session`: sign in. */
export const signInRequest = z.strictObject({ email, password: z.string().min(1).max(200) });
export type SignInRequest = z.infer<typeof signInRequest>;

/** `POST /console/api/setup`: first run, with the one-time setup token. */
export const setupRequest = z.strictObject({
  setupToken: z.string().min(1).max(200),
  owner: z.strictObject({ email, name, password }),
  site: z.strictObject({ name, allowedOrigins: z.array(originPattern).min(1).max(20) }),
});
export type SetupRequest = z.infer<typeof setupRequest>;

/** `POST /console/api/invites/accept`. */
export const acceptInviteRequest = z.strictObject({ token: z.string().min(1).max(200), name, password });

/** `POST /console/api/staff/invites`. */
export const inviteRequest = z.strictObject({ email, role: z.enum(STAFF_ROLES) });

/** `PATCH /console/api/staff/:id`. */
export const staffUpdateRequest = z
  .strictObject({ role: z.enum(STAFF_ROLES).optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, 'change role or active');

/** `POST /console/api/sites`: a new site (owner). */
export const siteCreateRequest = z.strictObject({
  name,
  allowedOrigins: z.array(originPattern).min(1).max(20),
});

/** `PATCH /console/api/sites/:siteId`. */
export const siteUpdateRequest = z
  .strictObject({ name: name.optional(), allowedOrigins: z.array(originPattern).min(1).max(20).optional() })
  .refine((v) => v.name !== undefined || v.allowedOrigins !== undefined, 'change name or allowedOrigins');

/** `POST /console/api/sites/:siteId/identity-secret`: rotate, keeping the old one for a grace period. */
export const identityRotateRequest = z.strictObject({
  /** Hours the previous secret keeps verifying, so the site's servers can roll; 0 ends it at once. */
  graceHours: z.number().int().min(0).max(168),
});

/** `POST /console/api/sites/:siteId/secret-key`: rotate; the old key stops at once. */
export const secretRotateRequest = z.strictObject({ confirm: z.literal(true) });

/** `:siteId`, `:id` path parameters. */
export const idParam = clientId;

/** `GET /console/api/sites/:siteId/overview?days=`. */
export const overviewQuery = z.strictObject({ days: z.enum(['7', '30']).default('7') });

/** `GET /console/api/sites/:siteId/customers`: search, filters, sort, keyset paging. */
export const customerListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  identified: z.enum(['yes', 'no']).optional(),
  hasOrders: z.enum(['yes', 'no']).optional(),
  /** Seen at or after this time (epoch ms). */
  seenSince: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['lastSeen', 'revenue', 'orders', 'firstSeen']).default('lastSeen'),
  limit: pageLimit,
  cursor: z.string().max(200).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

/** `GET …/customers/:id/timeline?before=`: older sessions. */
export const timelineQuery = z.strictObject({ before: z.string().max(200).optional() });

/** `GET …/activity?after=`: events newer than the last one seen. */
export const activityQuery = z.strictObject({ after: z.coerce.number().int().min(0).optional() });

/** `GET /console/api/audit?before=`. */
export const auditQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: pageLimit,
});

/** A member as the console shows them. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

/** A site as listed for staff. */
export interface SiteSummary {
  id: string;
  name: string;
}

/** `GET /console/api/me`. */
export interface ConsoleMe {
  member: StaffMember;
  sites: SiteSummary[];
}

/** `GET /console/api/setup`. */
export interface SetupStatus {
  needed: boolean;
}

/** New credentials, shown once. */
export interface SiteKeys {
  site: SiteSummary;
  publishableKey: string;
  /** Present only when created or rotated now. */
  secretKey?: string;
  identitySecret?: string;
  snippet: string;
}

/** `GET /console/api/sites/:siteId`: settings and the install check. */
export interface SiteSettings {
  id: string;
  name: string;
  allowedOrigins: string[];
  publishableKey: string;
  snippet: string;
  /** When the previous identity secret stops verifying, if a rotation is in its grace period. */
  previousIdentitySecretUntil: number | null;
  /** The last event seen from each origin the kit has reported from. */
  install: { origin: string; firstEventAt: number; lastEventAt: number; events: number; allowed: boolean }[];
}

/** `GET …/overview`. */
export interface Overview {
  days: number;
  totals: {
    visitors: number;
    pageViews: number;
    sessions: number;
    identified: number;
    orders: number;
    revenueCents: number;
  };
  daily: { day: string; pageViews: number; sessions: number; orders: number; revenueCents: number }[];
  topPages: { path: string; views: number }[];
  topProducts: { sku: string; name: string | null; views: number; orders: number }[];
}

/** A row of the console's customer list. */
export interface CustomerRow {
  id: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  pageViews: number;
  orders: number;
  revenueCents: number;
}

export interface CustomerPage {
  customers: CustomerRow[];
  nextCursor: string | null;
}

/** One event in a session of the timeline, in the order the visitor made them. */
export interface TimelineEvent {
  seq: number;
  type: EventType;
  at: number;
  path: string | null;
  title: string | null;
  name: string | null;
  dwellMs: number | null;
  sku: string | null;
  /** The catalogue's name of `sku`, when the site's catalogue has it. */
  productName: string | null;
}

/** A browsing session: pages in the order viewed, with dwell time. */
export interface TimelineSession {
  id: string;
  startedAt: number;
  lastSeenAt: number;
  pageViews: number;
  dwellMs: number;
  events: TimelineEvent[];
}

/** `GET …/customers/:id`: the customer 360. */
export interface Customer360 {
  id: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  consent: ConsentState;
  firstSeenAt: number;
  lastSeenAt: number;
  identifiedAt: number | null;
  stats: CustomerProfile['stats'];
  orders: OrderResponse[];
  timeline: { sessions: TimelineSession[]; nextCursor: string | null };
  /** Tickets, their events and satisfaction ratings. */
  service: CustomerService;
}

/** `GET …/activity`: the latest events across the site. */
export interface Activity {
  events: {
    id: number;
    at: number;
    type: EventType;
    path: string | null;
    name: string | null;
    customerId: string;
    customerName: string | null;
  }[];
}

/** `GET /console/api/audit`. */
export interface AuditPage {
  entries: {
    id: number;
    at: number;
    actor: string | null;
    action: string;
    siteId: string | null;
    targetType: string | null;
    targetId: string | null;
    detail: Record<string, unknown> | null;
  }[];
  nextCursor: number | null;
}
