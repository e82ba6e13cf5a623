import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { base64url, fromBase64url, hmacSign, hmacVerify, newId, sha256Hex } from './crypto.ts';

const inputs = ['', 'sk_live_abc', 'é ünïcode 中文 🎉', 'x'.repeat(1000)];

describe('hashes computed in place', () => {
  it('give the digests of Node’s own SHA-256 and HMAC-SHA256', async () => {
    for (const text of inputs) {
      expect(await sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
      expect(await hmacSign('secret ✓', text)).toBe(
        createHmac('sha256', 'secret ✓').update(text).digest('base64url'),
      );
    }
  });

  it('accept exactly the signature of the data under the secret', async () => {
    const signature = fromBase64url(await hmacSign('s3cret', 'payload'));
    if (!signature) throw new Error('not base64url');
    expect(await hmacVerify('s3cret', 'payload', signature)).toBe(true);
    expect(await hmacVerify('other', 'payload', signature)).toBe(false);
    expect(await hmacVerify('s3cret', 'payload!', signature)).toBe(false);
    const flipped = signature.slice();
    flipped[31] = (flipped[31] ?? 0) ^ 1;
    expect(await hmacVerify('s3cret', 'payload', flipped)).toBe(false);
    expect(await hmacVerify('s3cret', 'payload', signature.slice(0, 31))).toBe(false);
    expect(await hmacVerify('s3cret', 'payload', new Uint8Array([...signature, 0]))).toBe(false);
    expect(base64url(signature)).toBe(createHmac('sha256', 's3cret').update('payload').digest('base64url'));
  });
});

describe('row ids', () => {
  it('are 22 URL-safe characters, unique, and sort by the time they were made', () => {
    const made: string[] = [];
    // A clock that moves by a millisecond now and then, across carries of the time characters.
    let clock = 64 ** 3 - 3;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      for (let i = 0; i < 2_000; i++) {
        if (i % 7 === 0) clock += 1;
        if (i === 1_000) clock = 64 ** 6 - 1;
        made.push(newId());
      }
    } finally {
      now.mockRestore();
    }
    for (const id of made) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(made).size).toBe(made.length);
    // Sorted as SQLite sorts text (by bytes), ids of earlier milliseconds come first.
    const times = (ids: string[]) => ids.map((id) => id.slice(0, 7));
    const sorted = [...made].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(times(sorted)).toEqual(times(made));
    expect(newId().startsWith('-')).toBe(false);
  });
});
