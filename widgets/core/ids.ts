/** A random base64url id of `bytes` random bytes (16 bytes → 22 characters). */
export function randomId(bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * A new event id. `crypto.randomUUID` exists only in secure contexts, and some shops still
 * serve plain-http pages, so fall back to a random id that the API's id pattern also accepts.
 */
export function eventId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : randomId();
}
