import type { Store } from './storage.ts';

/**
 * The host site's identity token (a short-lived JWT), kept for this tab in sessionStorage so
 * the next page can read the identified profile before the site calls `crm.identify` again.
 * An expired token is dropped: the API would refuse it anyway.
 */
export class Identity {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  get(now = Date.now()): string | undefined {
    const token = this.#store.get('identity');
    if (token && expiry(token) > now) return token;
    if (token) this.clear();
    return undefined;
  }

  set(token: string): void {
    this.#store.set('identity', token);
  }

  clear(): void {
    this.#store.remove('identity');
  }
}

/** The `exp` claim in epoch ms, read without verifying (the server verifies); 0 when unreadable. */
function expiry(jwt: string): number {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
