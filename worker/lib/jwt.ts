import { base64url, fromBase64url, hmacSign, hmacVerify } from './crypto.ts';

/** Clock skew tolerated between the host site's server and ours, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;

/** Why a token was refused; routes map every reason to a 401. */
export type JwtFailure = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'not_yet_valid';

export type JwtResult = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: JwtFailure };

const decoder = new TextDecoder();

function decodeJson(part: string): unknown {
  const bytes = fromBase64url(part);
  if (!bytes) return null;
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Signs a payload as an HS256 JWT. */
export async function signHs256(payload: Record<string, unknown>, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const head = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  return `${head}.${body}.${await hmacSign(secret, `${head}.${body}`)}`;
}

/** Most tokens whose signature is remembered as good (a few MB at most). */
const VERIFIED_CACHE_SIZE = 10_000;
/**
 * Tokens whose signature was checked, by secret and exact token text, with their payload: a
 * returning browser sends the same token with every request, and the HMAC and the parsing
 * are then done once. A different byte anywhere is another key, so
 * only a token that verified under that very secret is ever found; time claims are checked on
 * every call.
 */
const verified = new Map<string, Readonly<Record<string, unknown>>>();

async function signedPayload(token: string, secret: string): Promise<JwtResult> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [head = '', body = '', sig = ''] = parts;
  const header = decodeJson(head);
  const payload = decodeJson(body);
  const signature = fromBase64url(sig);
  if (!isRecord(header) || !isRecord(payload) || !signature) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'HS256') return { ok: false, reason: 'algorithm' };
  if (!(await hmacVerify(secret, `${head}.${body}`, signature))) return { ok: false, reason: 'signature' };
  return { ok: true, payload };
}

/**
 * Verifies an HS256 JWT: only `alg: HS256` is accepted (no `none`, no algorithm taken
 * from the token), the signature is checked in constant time, and `exp`/`nbf` hold
 * within {@link CLOCK_SKEW_SECONDS}. A token without `exp` is refused.
 */
export async function verifyHs256(token: string, secret: string, nowMs: number): Promise<JwtResult> {
  const key = `${secret}\u0000${token}`;
  let payload = verified.get(key);
  if (!payload) {
    const checked = await signedPayload(token, secret);
    if (!checked.ok) return checked;
    payload = Object.freeze(checked.payload);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
    verified.set(key, payload);
  }
  const now = nowMs / 1000;
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_SKEW_SECONDS < now) {
    return { ok: false, reason: 'expired' };
  }
  if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_SKEW_SECONDS > now) {
    return { ok: false, reason: 'not_yet_valid' };
  }
  return { ok: true, payload };
}
