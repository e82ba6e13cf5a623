import { z } from 'zod';
import { clientId, pageLimit } from './common.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_TICKET_BODY,
  MAX_TICKET_SUBJECT,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type AttachmentType,
  type MessageKind,
  type RoutingReason,
  type TicketChannel,
  type TicketEventType,
  type TicketPriority,
  type TicketStatus,
} from './constants.ts';

const category = z.string().trim().min(1).max(60);
const subject = z.string().trim().min(1).max(MAX_TICKET_SUBJECT);
const messageBody = z.string().trim().min(1).max(MAX_TICKET_BODY);
const latLng = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
/** Opaque ids this server made. */
export const ticketId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** `POST /v1/tickets`: a new ticket from the widget. */
export const ticketCreateRequest = z.strictObject({
  category,
  subject,
  body: messageBody,
  /** One of the customer's own orders. */
  orderId: ticketId.optional(),
  productSku: z.string().max(64).optional(),
  /** Required of an anonymous visitor: where the answer goes. */
  email: z.email().max(320).optional(),
  name: z.string().trim().max(200).optional(),
  location: latLng.optional(),
  postcode: z.string().trim().min(1).max(20).optional(),
  /** The honeypot: people leave it empty, form-filling bots do not. */
  website: z.string().max(500).optional(),
});
export type TicketCreateRequest = z.infer<typeof ticketCreateRequest>;

/** `POST /v1/tickets/:id/messages`: the customer's reply. */
export const customerReplyRequest = z.strictObject({ body: messageBody });

/** `POST /v1/tickets/:id/rating`. */
export const ratingRequest = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).default(''),
});

/** `POST /v1/tickets/:id/attachments`: asks for an upload link for one file. */
export const attachmentRequest = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
});

/** The console's `POST …/tickets/:id/attachments?name=…`: the file's bytes are the body. */
export const staffAttachmentQuery = z.strictObject({ name: attachmentRequest.shape.fileName });

/** `POST /v1/tickets/access`: an anonymous visitor's private link. */
export const accessRequest = z.strictObject({ ticketId, token: z.string().min(16).max(100) });

/** The idempotency key of ticket creation. */
export const ticketIdempotencyKey = clientId;

/** A service site as customers see it. */
export interface ServiceSiteSummary {
  id: string;
  name: string;
  address: string;
  openingHours: string;
}

/** A file on a ticket, with a short-lived signed link. */
export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
  url: string;
  createdAt: number;
}

/** A message of the thread (customers never see notes). */
export interface MessageView {
  id: string;
  kind: MessageKind;
  /** The staff member's name on staff messages and notes. */
  author: string | null;
  body: string;
  createdAt: number;
}

/** `GET /v1/tickets/orders`: one of the customer's orders, to say which one a ticket is about. */
export interface MyOrderOption {
  id: string;
  reference: string | null;
  placedAt: number;
  items: string[];
}

/** A ticket in the customer's list. */
export interface MyTicketSummary {
  id: string;
  reference: string;
  category: string;
  subject: string;
  status: TicketStatus;
  createdAt: number;
  updatedAt: number;
  /** A staff reply came after the customer last read the thread. */
  unread: boolean;
}

/** A ticket as its customer reads it. */
export interface MyTicket extends MyTicketSummary {
  body: string;
  serviceSite: ServiceSiteSummary | null;
  distanceM: number | null;
  routingReason: RoutingReason;
  order: { id: string; reference: string | null } | null;
  messages: MessageView[];
  attachments: AttachmentView[];
  rating: { stars: number; comment: string } | null;
  /** Whether the customer may rate it now (resolved or closed, not rated yet). */
  canRate: boolean;
  /** Whether a reply reopens it, or is refused because the reopen window has passed. */
  canReply: boolean;
}

/** `POST /v1/tickets` answer. */
export interface TicketCreated {
  ticket: MyTicket;
  /** For the private link; shown once. */
  accessToken: string;
}

/** `POST /v1/tickets/:id/attachments` answer: where to `PUT` the bytes. */
export interface UploadLink {
  uploadUrl: string;
  expiresAt: number;
}

// ---- Console ----

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item).max(20));

/** `GET …/tickets`: the queue's filters. */
export const queueQuery = z.strictObject({
  status: csv(z.enum(TICKET_STATUSES)).optional(),
  serviceSiteId: ticketId.optional(),
  category: category.optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  breached: z.enum(['yes']).optional(),
  /** A staff id, or `none` for unassigned. */
  assignee: z.string().max(64).optional(),
  /** Only tickets older than this many hours. */
  olderThanHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: pageLimit,
});
export type QueueQuery = z.infer<typeof queueQuery>;

/** A row of the queue. */
export interface QueueRow {
  id: string;
  reference: string;
  subject: string;
  category: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerId: string;
  customerName: string | null;
  serviceSiteId: string | null;
  serviceSiteName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  breached: boolean;
}

/** `GET …/tickets` answer. */
export interface QueuePage {
  tickets: QueueRow[];
  nextCursor: string | null;
  /** Tickets per status (within the member's service sites), each counted up to `countCap`. */
  counts: Record<TicketStatus, number>;
  /** A count equal to this means "this many or more". */
  countCap: number;
}

/** A ticket event in a history or a timeline. */
export interface TicketEventView {
  ticketId: string;
  reference: string;
  type: TicketEventType;
  staffName: string | null;
  detail: string | null;
  at: number;
}

/** `GET …/tickets/:id`: the whole ticket for staff. */
export interface StaffTicket {
  id: string;
  reference: string;
  customerId: string;
  category: string;
  subject: string;
  body: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  tags: string[];
  contactEmail: string | null;
  contactName: string | null;
  order: { id: string; reference: string | null } | null;
  productSku: string | null;
  serviceSite: ServiceSiteSummary | null;
  distanceM: number | null;
  routingReason: RoutingReason;
  assigneeId: string | null;
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  messages: MessageView[];
  attachments: AttachmentView[];
  rating: { stars: number; comment: string } | null;
  events: TicketEventView[];
  /** Earlier tickets of the same customer and who handled them. */
  earlier: {
    id: string;
    reference: string;
    subject: string;
    status: TicketStatus;
    createdAt: number;
    handledBy: string | null;
  }[];
}

/** `POST …/tickets/:id/messages`: a reply the customer sees, or an internal note. */
export const staffMessageRequest = z.strictObject({
  body: messageBody,
  internal: z.boolean().default(false),
  /** Set the status in the same step (e.g. reply and resolve). */
  status: z.enum(TICKET_STATUSES).optional(),
});

/** `PATCH …/tickets/:id`. */
export const ticketUpdateRequest = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    /** A staff id, or null to unassign. */
    assigneeId: z.string().max(64).nullable().optional(),
    serviceSiteId: ticketId.optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  })
  .refine((v) => Object.values(v).some((x: unknown) => x !== undefined), 'change something');
export type TicketUpdateRequest = z.infer<typeof ticketUpdateRequest>;

/** A service site as staff manage it. */
export const serviceSiteRequest = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).default(''),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  categories: z.array(category).min(1).max(50),
  openingHours: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
  isDefault: z.boolean().default(false),
});
export type ServiceSiteRequest = z.infer<typeof serviceSiteRequest>;

/** A service site in the console. */
export interface ServiceSiteView extends ServiceSiteSummary {
  lat: number;
  lng: number;
  categories: string[];
  active: boolean;
  isDefault: boolean;
}

/** `POST …/service-sites/import` and `…/postcodes/import`: CSV text with a header row. */
export const csvImportRequest = z.strictObject({ csv: z.string().min(1).max(2_000_000) });

/** What an import did. */
export interface ImportResult {
  imported: number;
  /** Lines refused, with why (1-based, the header is line 1). */
  errors: { line: number; message: string }[];
}

/** `POST …/canned-replies`. */
export const cannedReplyRequest = z.strictObject({
  title: z.string().trim().min(1).max(100),
  body: messageBody,
});

/** `PUT …/service-staff/:staffId`: the service sites a member is limited to (none: all). */
export const staffLimitRequest = z.strictObject({ serviceSiteIds: z.array(ticketId).max(100) });

/** `GET …/service-reports?days=`. */
export const serviceReportQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(30),
});

/** CSAT: share of ratings of 4 or 5 stars, with the mean. */
export interface CsatRow {
  key: string;
  label: string;
  ratings: number;
  /** 0–1. */
  csat: number;
  meanStars: number;
}

/** `GET …/service-reports` answer. */
export interface ServiceReport {
  from: number;
  to: number;
  tickets: number;
  csatBySite: CsatRow[];
  csatByCategory: CsatRow[];
  /** Medians in ms over tickets created in the window; null when none had one. */
  medianFirstResponseMs: number | null;
  medianResolutionMs: number | null;
  breaches: { firstResponse: number; resolution: number };
  /** Tickets per UTC day and category. */
  volume: { day: string; category: string; count: number }[];
}

/** `POST /v1/surveys/:token`: the answer to a satisfaction follow-up. */
export const surveyAnswerRequest = z.strictObject({
  stars: z.number().int().min(1).max(5),
  suggestion: z.string().trim().max(2000).default(''),
});

/** `GET /v1/satisfaction-surveys?limit=` (secret key). */
export const surveyListQuery = z.strictObject({ limit: pageLimit });

/** The survey as the link shows it. */
export interface SurveyView {
  orderReference: string | null;
  placedAt: number;
  answered: boolean;
}

/** The service side of a customer's 360: tickets and who handled them, ticket events, ratings. */
export interface CustomerService {
  tickets: {
    id: string;
    reference: string;
    subject: string;
    status: TicketStatus;
    createdAt: number;
    handledBy: string | null;
  }[];
  events: TicketEventView[];
  /** Ticket ratings and the answers to satisfaction follow-ups, newest first. */
  ratings: { kind: 'ticket' | 'purchase'; stars: number; comment: string; createdAt: number }[];
}
