import type { Store } from './storage.ts';

/** Claims that only say when and which token this is, not who the customer is. */
const TOKEN_CLAIMS = new Set(['exp', 'iat', 'nbf', 'jti']);

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

/**
 * True when two identity tokens name the same customer with the same details. Sites sign a
 * new token on every page (a new `exp`), and identifying again with it would change nothing
 * on the server. Read without verifying: the server verifies the token on every request.
 */
export function sameCustomer(a: string, b: string): boolean {
  const who = (jwt: string) =>
    JSON.stringify(Object.entries(claims(jwt)).filter(([name]) => !TOKEN_CLAIMS.has(name)));
  return who(a) === who(b);
}

/** The payload of a JWT, or no claims when unreadable. */
function claims(jwt: string): Record<string, unknown> {
  try {
    const payload = jwt.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The `exp` claim in epoch ms; 0 when unreadable. */
function expiry(jwt: string): number {
  const { exp } = claims(jwt);
  return typeof exp === 'number' ? exp * 1000 : 0;
}
