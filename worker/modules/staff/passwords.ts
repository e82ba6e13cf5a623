import { base64url, equalBytes, fromBase64url } from '../../lib/crypto.ts';

/**
 * PBKDF2-HMAC-SHA256 work factor: OWASP's current recommendation (600,000 iterations).
 * workerd refuses more than 100,000 iterations per `deriveBits` call, so the work is done in
 * chained rounds of at most that many — each round's output is the next round's password, so
 * the total cost adds up and no round can be skipped. The same code runs on Node.
 */
export const PASSWORD_ITERATIONS = 600_000;
const ROUND = 100_000;
const SCHEME = 'pbkdf2-sha256';

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  let secret = new Uint8Array(new TextEncoder().encode(password.normalize('NFKC')));
  for (let left = iterations; left > 0; left -= ROUND) {
    const key = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: Math.min(ROUND, left) },
      key,
      256,
    );
    secret = new Uint8Array(bits);
  }
  return secret;
}

/** A salted hash of the password, recording its scheme and work factor so either can change later. */
export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `${SCHEME}$${iterations}$${base64url(salt)}$${base64url(hash)}`;
}

/** Whether `password` matches `stored`; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, count, saltText, hashText] = stored.split('$');
  const iterations = Number(count);
  const salt = fromBase64url(saltText ?? '');
  const expected = fromBase64url(hashText ?? '');
  if (scheme !== SCHEME || !Number.isSafeInteger(iterations) || iterations < 1 || !salt || !expected) {
    return false;
  }
  return equalBytes(await derive(password, salt, iterations), expected);
}
