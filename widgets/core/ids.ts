const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix time in ms, then 74 random bits. Ids made later sort
 * later, so the server's unique indexes on event and session ids grow at their right edge
 * instead of taking random inserts all over the tree. `crypto.getRandomValues` works on
 * plain-http pages too, unlike `crypto.randomUUID`; the 36 characters fit the contract's
 * client id pattern (letters, digits, `_` and `-`, 8–64 characters).
 */
export function uuidv7(now = Date.now()): string {
  const [randA = 0, randB = 0, ...randRest] = crypto.getRandomValues(new Uint16Array(5));
  const time = hex(now, 12);
  const tail = randRest.map((word) => hex(word, 4)).join('');
  return `${time.slice(0, 8)}-${time.slice(8)}-${hex(0x7000 | (randA & 0xfff), 4)}-${hex(0x8000 | (randB & 0x3fff), 4)}-${tail}`;
}
