import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type { Store } from './storage.ts';

export interface StoredToken {
  token: string;
  expiresAt: number;
  issuedAt: number;
}

/**
 * The visitor token, kept first-party in localStorage (`crm:<siteKey>:vt`). It is refreshed
 * after half its lifetime, so a visitor who comes back keeps their history.
 */
export class VisitorToken {
  readonly #api: ApiClient;
  readonly #store: Store;
  readonly #onNewVisitor: () => void;
  #pending: Promise<string> | undefined;

  /** `onNewVisitor` runs when the API created a visitor: a new visitor is anonymous. */
  constructor(api: ApiClient, store: Store, onNewVisitor: () => void) {
    this.#api = api;
    this.#store = store;
    this.#onNewVisitor = onNewVisitor;
  }

  /** The stored token if still valid: for `sendBeacon`, which cannot wait for a request. */
  current(now = Date.now()): string | undefined {
    const stored = this.#store.get('vt');
    return stored && now < stored.expiresAt ? stored.token : undefined;
  }

  /** A valid token, asking the API for a new or refreshed one when needed. */
  get(): Promise<string> {
    const stored = this.#store.get('vt');
    const now = Date.now();
    if (stored && now < (stored.issuedAt + stored.expiresAt) / 2) return Promise.resolve(stored.token);
    // One request at a time: concurrent callers share it instead of creating several visitors.
    this.#pending ??= this.#fetch(stored?.token).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets the token locally (after logout, or when the API no longer accepts it). */
  reset(): void {
    this.#store.remove('vt');
  }

  async #fetch(previous: string | undefined): Promise<string> {
    let answer;
    try {
      answer = await this.#api.visitors(previous);
    } catch (error) {
      if (!previous || !(error instanceof ApiError)) throw error;
      if (error.status !== 401) {
        // The refresh failed for now; the old token still works until it expires.
        const usable = this.current();
        if (usable) return usable;
        throw error;
      }
      answer = await this.#api.visitors();
    }
    this.#store.set('vt', { token: answer.visitorToken, expiresAt: answer.expiresAt, issuedAt: Date.now() });
    if (answer.created) this.#onNewVisitor();
    return answer.visitorToken;
  }
}
