import { describe, expect, it } from 'vitest';
import { base64url } from '../../lib/crypto.ts';
import { assign, bucket, groupOf } from './assignment.ts';

const SECRET = 'site-secret-for-assignment-tests';

describe('offer assignment', () => {
  it('puts the holdout share in control over 100,000 synthetic visitors, within statistical bounds', async () => {
    const n = 100_000;
    const holdout = 10;
    let control = 0;
    for (let i = 0; i < n; i++) {
      if ((await assign(SECRET, 'offer-a', `visitor-${i}`, holdout)) === 'control') control++;
    }
    // Binomial(n, 0.1): sd = √(n·p·(1−p)) ≈ 94.9; ±5 sd fails by chance once in ~3.5 million runs.
    const sd = Math.sqrt(n * 0.1 * 0.9);
    expect(Math.abs(control - n * 0.1)).toBeLessThan(5 * sd);
  }, 120_000);

  it('is the same for the same person and offer, and independent across offers', async () => {
    expect(await bucket(SECRET, 'offer-a', 'p1')).toBe(await bucket(SECRET, 'offer-a', 'p1'));
    let agree = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const a = groupOf(await bucket(SECRET, 'offer-a', `p${i}`), 50);
      const b = groupOf(await bucket(SECRET, 'offer-b', `p${i}`), 50);
      if (a === b) agree++;
    }
    // Independent fair coins agree half the time: sd = √(n/4) ≈ 31.6.
    expect(Math.abs(agree - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('depends on the site secret: another site draws other groups', async () => {
    const points = await Promise.all(['s1', 's2'].map((secret) => bucket(secret, 'offer-a', 'p1')));
    expect(points[0]).not.toBe(points[1]);
  });

  it('is the documented HMAC, as Web Crypto computes it (groups drawn earlier stay put)', async () => {
    const hmac = async (key: string, data: string) => {
      const imported = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(key),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return new Uint8Array(await crypto.subtle.sign('HMAC', imported, new TextEncoder().encode(data)));
    };
    const key = base64url(await hmac(SECRET, 'crm-offer-assignment-v1'));
    const mac = await hmac(key, 'offer-a:p1');
    const expected = mac.slice(0, 6).reduce((value, byte) => value * 256 + byte, 0) / 2 ** 48;
    expect(await bucket(SECRET, 'offer-a', 'p1')).toBe(expected);
  });

  it('maps points to groups at the holdout boundary', () => {
    expect(groupOf(0.0999, 10)).toBe('control');
    expect(groupOf(0.1, 10)).toBe('treatment');
    expect(groupOf(0, 0)).toBe('treatment');
  });
});
