/**
 * Ids shaped like the ones the kit really stores, for the bench's generated and sent rows:
 * time-ordered UUIDv7 event ids (what the tracker is to send) and the 22-character base64url
 * ids the server makes for rows (`newId`) and the tracker makes for sessions (`randomId`).
 */
import { randomBytes } from 'node:crypto';

/** A UUIDv7: 48 bits of epoch milliseconds, version 7, variant 10, 74 random bits. */
export function uuidv7(ms = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 16 random bytes as unpadded base64url (22 characters), like `newId()` and the tracker's `randomId()`. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Every pair of base64url characters, as bytes: the `:pairs` parameter of {@link RANDOM_ID_SQL}. */
export const BASE64URL_PAIRS = new TextEncoder().encode(
  Array.from({ length: 64 * 64 }, (_, i) => BASE64URL.charAt(i >> 6) + BASE64URL.charAt(i & 63)).join(''),
);

/**
 * SQL for a fresh {@link randomId}-shaped value per row (bind {@link BASE64URL_PAIRS} as
 * `:pairs`): 21 characters carrying 6 random bits each and a last one carrying 2, as base64url
 * of 16 bytes has. Pairs come from a blob, whose `substr` is by byte: half the calls, twice as fast.
 */
export const RANDOM_ID_SQL = [
  ...Array.from({ length: 10 }, () => `CAST(substr(:pairs, ((random() & 4095) << 1) + 1, 2) AS TEXT)`),
  `substr('${BASE64URL}', (random() & 63) + 1, 1)`,
  `substr('AQgw', (random() & 3) + 1, 1)`,
].join(' || ');

/** SQL for a {@link uuidv7} whose timestamp is the SQL expression `ms`. */
export function uuidv7Sql(ms: string): string {
  return `printf('%08x-%04x-%04x-%04x-%012x', (${ms}) >> 16, (${ms}) & 65535,
    28672 | (random() & 4095), 32768 | (random() & 16383), random() & 281474976710655)`;
}
