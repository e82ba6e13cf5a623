import type { TrackedEvent } from '../../worker/contract/events.ts';
import { MAX_EVENTS_PER_BATCH } from '../../worker/contract/constants.ts';
import type { Store } from './storage.ts';

/** Most events kept while offline; the oldest are dropped first. */
export const QUEUE_CAP = 500;
/**
 * Bytes per batch. The API takes 500 KB, but browsers cap keepalive fetches and beacons at
 * 64 KiB in flight, so batches stay below that and both transports can carry them.
 */
export const MAX_BATCH_BYTES = 60_000;

const encoder = new TextEncoder();

/** UTF-8 size of a value's JSON text. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * Unsent events, persisted per site so a closed tab or a network outage loses nothing.
 * Storage is the source of truth (re-read on every call) because other tabs of the same
 * site append to and confirm from the same queue.
 */
export class EventQueue {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** All queued events, oldest first. */
  all(): TrackedEvent[] {
    return this.#store.get('queue') ?? [];
  }

  /** Appends events, dropping the oldest beyond the cap. Returns the new length. */
  push(...events: TrackedEvent[]): number {
    const queued = [...this.all(), ...events].slice(-QUEUE_CAP);
    this.#store.set('queue', queued);
    return queued.length;
  }

  /** The oldest events that fit in one batch. */
  batch(): TrackedEvent[] {
    const batch: TrackedEvent[] = [];
    let bytes = 0;
    for (const event of this.all()) {
      bytes += jsonBytes(event) + 1;
      if (batch.length === MAX_EVENTS_PER_BATCH || (bytes > MAX_BATCH_BYTES && batch.length > 0)) break;
      batch.push(event);
    }
    return batch;
  }

  /** Removes events whose fate is final (accepted, duplicate, rejected or dropped). */
  remove(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    this.#store.set(
      'queue',
      this.all().filter((event) => !ids.has(event.id)),
    );
  }

  clear(): void {
    this.#store.remove('queue');
  }
}
