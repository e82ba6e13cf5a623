import { z } from 'zod';
import { clientId, properties } from './common.ts';
import {
  EVENT_TYPES,
  MAX_DWELL_MS,
  MAX_EVENT_NAME_LENGTH,
  MAX_EVENTS_PER_BATCH,
  MAX_SEQ,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from './constants.ts';

const text = (max: number) => z.string().max(max);

/** One event as the tracker sends it. */
export const trackedEvent = z.strictObject({
  /** Client-made id: the server stores each (site, id) once. */
  id: clientId,
  type: z.enum(EVENT_TYPES),
  /** Name of a custom event (`crm.track(name)`). */
  name: text(MAX_EVENT_NAME_LENGTH).optional(),
  sessionId: clientId,
  /** Order of the event within its session, from 0. */
  seq: z.number().int().min(0).max(MAX_SEQ),
  /** Client clock, epoch ms. */
  ts: z.number().int().min(0),
  url: text(MAX_URL_LENGTH).optional(),
  path: text(MAX_URL_LENGTH).optional(),
  title: text(MAX_TITLE_LENGTH).optional(),
  referrer: text(MAX_URL_LENGTH).optional(),
  /** Visible time on the page, for `page_leave`. */
  dwellMs: z.number().int().min(0).max(MAX_DWELL_MS).optional(),
  /** On `page_leave`: the id of the `page_view` it closes, so the view gets its dwell time. */
  viewId: clientId.optional(),
  properties: properties.optional(),
});
export type TrackedEvent = z.infer<typeof trackedEvent>;

/**
 * `POST /v1/events?key=pk_…` body. Events are checked one by one so a bad event is
 * rejected with a reason while the rest of the batch is stored.
 */
export const eventBatch = z.strictObject({
  visitorToken: z.string().min(1).max(1000),
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type EventBatch = z.infer<typeof eventBatch>;

/** What became of one event. */
export type EventStatus =
  | { id: string; status: 'accepted' | 'duplicate' }
  | { id: string | null; status: 'rejected'; reason: string };

/** Answer to a batch, in the order the events were sent. */
export interface EventBatchResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: EventStatus[];
}
