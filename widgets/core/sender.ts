import type { TrackedEvent } from '../../worker/contract/events.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError, backoffMs } from './api-error.ts';
import { emit } from './events.ts';
import type { EventQueue } from './queue.ts';
import type { VisitorToken } from './visitor-token.ts';

/** Wait this long after an event for others to join its batch… */
const FLUSH_DELAY_MS = 1000;
/** …unless this many are already waiting. */
const FLUSH_COUNT = 20;

/**
 * Sends the queue in batches. Events leave the queue only once the API has answered for them
 * (accepted, duplicate and rejected are all final) or a non-retryable error drops the batch;
 * network errors, 5xx, 408 and 429 are retried with exponential backoff and jitter.
 */
export class Sender {
  readonly #queue: EventQueue;
  readonly #api: ApiClient;
  readonly #token: VisitorToken;
  #running: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;

  constructor(queue: EventQueue, api: ApiClient, token: VisitorToken) {
    this.#queue = queue;
    this.#api = api;
    this.#token = token;
  }

  /** Called after events were queued; `length` is the queue's new length. */
  queued(length: number): void {
    if (length >= FLUSH_COUNT && this.#attempt === 0) void this.flush();
    else this.#schedule(FLUSH_DELAY_MS);
  }

  /** Sends everything queued now, even during a backoff; never rejects. */
  flush(): Promise<void> {
    this.stop();
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /**
   * Hands the oldest batch to `sendBeacon` as the page goes away. The events stay queued: a
   * later flush sends them again and the API answers `duplicate` for those that arrived.
   */
  beacon(): void {
    const token = this.#token.current();
    const batch = this.#queue.batch();
    if (token && batch.length > 0) this.#api.beacon(token, batch);
  }

  /** Cancels the pending flush (consent withdrawn, or a flush is starting anyway). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delayMs);
  }

  async #drain(): Promise<void> {
    for (let batch = this.#queue.batch(); batch.length > 0; batch = this.#queue.batch()) {
      const retryInMs = await this.#send(batch);
      if (retryInMs !== undefined) {
        this.#schedule(retryInMs);
        return;
      }
    }
  }

  /** Sends one batch; returns the delay before a retry when it should be tried again. */
  async #send(batch: TrackedEvent[], renewedToken = false): Promise<number | undefined> {
    const ids = new Set(batch.map((event) => event.id));
    try {
      const answer = await this.#api.events(await this.#token.get(), batch);
      if (answer.accepted > 0) emit('crm-events-stored', { accepted: answer.accepted });
      for (const result of answer.results) {
        if (result.status === 'rejected') console.warn('crm: event rejected:', result.reason);
      }
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(0, 'network_error', String(error));
      if (failure.retryable) return backoffMs(this.#attempt++, failure.retryAfterMs);
      if (failure.status === 401 && !renewedToken) {
        this.#token.reset();
        return this.#send(batch, true);
      }
      console.warn('crm: dropped events:', failure.code);
    }
    this.#attempt = 0;
    this.#queue.remove(ids);
    return undefined;
  }
}
