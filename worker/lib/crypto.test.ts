import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url, hmacSign, hmacVerify, sha256Hex } from './crypto.ts';

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
