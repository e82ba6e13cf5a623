// Web Crypto only: the same code runs in workerd and on Node.

const encoder = new TextEncoder();

/** Encodes bytes as unpadded base64url. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url; null when the text is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** A random token of `bytes` bytes, base64url encoded. */
export function randomToken(bytes = 24): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A random, URL-safe, time-sortable-enough id for rows. */
export function newId(): string {
  return randomToken(16);
}

/** Hex SHA-256 of a string: for secret keys, request fingerprints and tombstones. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const keyCache = new Map<string, Promise<CryptoKey>>();

/** Imports (once per secret) an HMAC-SHA256 key. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    // Secrets are few (one or two per site), so the cache stays small.
    keyCache.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `data`, base64url encoded. */
export async function hmacSign(secret: string, data: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(data));
  return base64url(new Uint8Array(signature));
}

/** Checks an HMAC-SHA256 signature; `crypto.subtle.verify` compares in constant time. */
export async function hmacVerify(
  secret: string,
  data: string,
  signature: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await hmacKey(secret), signature, encoder.encode(data));
}

/** Byte length of a string as UTF-8. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
