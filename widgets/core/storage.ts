import type { ConsentState } from '../../worker/contract/constants.ts';
import type { TrackedEvent } from '../../worker/contract/events.ts';
import type { SessionState } from './session.ts';
import type { StoredToken } from './visitor-token.ts';

/** Everything the kit keeps in the browser, by name. */
export interface Stored {
  /** Visitor token (localStorage). */
  vt: StoredToken;
  /** Unsent events (localStorage). */
  queue: TrackedEvent[];
  /** Current session (localStorage). */
  session: SessionState;
  /** The visitor's choice when it differs from the default (localStorage). */
  consent: Exclude<ConsentState, 'unknown'>;
  /** Identity token of the logged-in customer (sessionStorage). */
  identity: string;
}

/**
 * JSON values in Web Storage under `crm:<siteKey>:<name>`. Storage can be missing or full
 * (private modes, quotas, sandboxed iframes): then values live in memory for this page only,
 * so tracking degrades instead of throwing inside the host page.
 */
export class Store {
  readonly #prefix: string;
  readonly #area: () => Storage;
  readonly #memory = new Map<string, string>();

  constructor(siteKey: string, area: () => Storage) {
    this.#prefix = `crm:${siteKey}:`;
    this.#area = area;
  }

  /** The stored value, or `undefined` when absent or unreadable. */
  get<K extends keyof Stored>(name: K): Stored[K] | undefined {
    const key = this.#prefix + name;
    let raw: string | null | undefined;
    try {
      raw = this.#area().getItem(key);
    } catch {
      raw = this.#memory.get(key);
    }
    if (raw == null) return undefined;
    try {
      return JSON.parse(raw) as Stored[K];
    } catch {
      return undefined;
    }
  }

  set<K extends keyof Stored>(name: K, value: Stored[K]): void {
    const key = this.#prefix + name;
    const raw = JSON.stringify(value);
    try {
      this.#area().setItem(key, raw);
      this.#memory.delete(key);
    } catch {
      this.#memory.set(key, raw);
    }
  }

  remove(name: keyof Stored): void {
    const key = this.#prefix + name;
    this.#memory.delete(key);
    try {
      this.#area().removeItem(key);
    } catch {
      // Nothing stored there, then.
    }
  }
}
