import { describe, expect, it } from 'vitest';
import { signHs256, verifyHs256 } from './jwt.ts';

const SECRET = 'jwt-test-secret-0123456789abcdef';
const NOW = 1_700_000_000_000;
const inSeconds = (ms: number) => Math.floor(ms / 1000);

/** The token with one character of a part changed (0 header, 1 payload, 2 signature). */
function tampered(token: string, part: number): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  const last = text.at(-2) === 'A' ? 'B' : 'A';
  parts[part] = `${text.slice(0, -2)}${last}${text.slice(-1)}`;
  return parts.join('.');
}

describe('HS256 verification, remembered signatures included', () => {
  it('accepts a good token again and again, and still refuses a changed one after it verified', async () => {
    const token = await signHs256({ sub: 'a', exp: inSeconds(NOW) + 600 }, SECRET);
    for (let i = 0; i < 3; i++) expect(await verifyHs256(token, SECRET, NOW)).toMatchObject({ ok: true });
    expect(await verifyHs256(tampered(token, 2), SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
    expect((await verifyHs256(tampered(token, 1), SECRET, NOW)).ok).toBe(false);
    expect((await verifyHs256(tampered(token, 0), SECRET, NOW)).ok).toBe(false);
  });

  it('refuses a token verified before under another secret', async () => {
    const token = await signHs256({ sub: 'b', exp: inSeconds(NOW) + 600 }, SECRET);
    expect((await verifyHs256(token, SECRET, NOW)).ok).toBe(true);
    expect(await verifyHs256(token, `${SECRET}-rotated`, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('checks the time claims on every call, not only the first', async () => {
    const token = await signHs256({ sub: 'c', exp: inSeconds(NOW) + 600, nbf: inSeconds(NOW) }, SECRET);
    expect((await verifyHs256(token, SECRET, NOW)).ok).toBe(true);
    expect(await verifyHs256(token, SECRET, NOW + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyHs256(token, SECRET, NOW - 3_600_000)).toEqual({ ok: false, reason: 'not_yet_valid' });
    expect((await verifyHs256(token, SECRET, NOW)).ok).toBe(true);
  });

  it('gives each caller a payload it cannot change for the next one', async () => {
    const token = await signHs256({ sub: 'd', exp: inSeconds(NOW) + 600 }, SECRET);
    const first = await verifyHs256(token, SECRET, NOW);
    if (!first.ok) throw new Error('refused');
    expect(() => {
      first.payload.sub = 'someone else';
    }).toThrow(TypeError);
    const again = await verifyHs256(token, SECRET, NOW);
    expect(again.ok && again.payload.sub).toBe('d');
  });

  it('refuses the algorithm none and tokens without an expiry', async () => {
    const body = btoa(JSON.stringify({ sub: 'e', exp: inSeconds(NOW) + 600 })).replace(/=+$/, '');
    const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${body}.`;
    expect((await verifyHs256(none, SECRET, NOW)).ok).toBe(false);
    const forever = await signHs256({ sub: 'f' }, SECRET);
    expect(await verifyHs256(forever, SECRET, NOW)).toEqual({ ok: false, reason: 'expired' });
  });
});
