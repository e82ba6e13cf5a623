// The same code runs in workerd and on Node: Web Crypto for randomness, and SHA-256 and HMAC
// from @noble/hashes. Those two run on every API request (secret keys, tokens, request
// fingerprints) on inputs of a few hundred bytes; computed in place they cost a few
// microseconds, where Web Crypto's promise round trip through Node's thread pool cost several
// times that, and a thread switch each, on the server's one event loop.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

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

/**
 * Random bytes are drawn from the system's generator 4 KB at a time and handed out once each:
 * a row id or token per call was a call into the generator per id, several per request.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes(count: number): Uint8Array {
  if (count > pool.length) return crypto.getRandomValues(new Uint8Array(count));
  if (poolOffset + count > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

/** A random token of `bytes` bytes, base64url encoded. */
export function randomToken(bytes = 24): string {
  return base64url(randomBytes(bytes));
}

/** base64url's 64 characters in ASCII order, so ids compare as their bytes do. */
const SORTED_ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * A row id: 22 URL-safe characters, the creation time in milliseconds (7 characters, 42 bits:
 * enough until 2109) and then 90 random bits, in an alphabet in ASCII order so that ids sort
 * by creation time. Rows made together then land side by side in their primary key and in the
 * indexes led by an id (orders, order lines by order, an ingestion batch's rows by ingest id,
 * new customers), where random ids sent each insert to a page of its own: on a big database a
 * page read from disk, and written again to the WAL, per index and per row.
 */
export function newId(): string {
  let id = '';
  let time = Date.now();
  for (let i = 0; i < 7; i++) {
    id = SORTED_ALPHABET.charAt(time % 64) + id;
    time = Math.floor(time / 64);
  }
  for (const byte of randomBytes(15)) id += SORTED_ALPHABET.charAt(byte & 63);
  return id;
}

/** Hex SHA-256 of a string: for secret keys, request fingerprints and tombstones. */
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(bytesToHex(sha256(encoder.encode(text))));
}

/** HMAC-SHA256 of `data` under `secret` (both as UTF-8), as bytes. */
export function hmacBytes(secret: string, data: string): Uint8Array {
  return hmac(sha256, encoder.encode(secret), encoder.encode(data));
}

/** HMAC-SHA256 of `data`, base64url encoded. */
export function hmacSign(secret: string, data: string): Promise<string> {
  return Promise.resolve(base64url(hmacBytes(secret, data)));
}

/**
 * Whether two byte strings are equal, compared in constant time: every byte is compared
 * whatever the first difference, so the time says nothing of where it is.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Checks an HMAC-SHA256 signature, comparing in constant time. */
export function hmacVerify(secret: string, data: string, signature: Uint8Array): Promise<boolean> {
  return Promise.resolve(equalBytes(hmacBytes(secret, data), signature));
}

/** Byte length of a string as UTF-8. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
