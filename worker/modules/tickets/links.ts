import { base64url, fromBase64url, hmacSign, hmacVerify } from '../../lib/crypto.ts';

/** How long a download link works. */
export const FILE_LINK_TTL_MS = 10 * 60 * 1000;
/** How long an upload link works. */
export const UPLOAD_LINK_TTL_MS = 15 * 60 * 1000;

/** What a link may be for; the purpose is signed, so one kind of link never opens another. */
export type LinkPurpose = 'file' | 'upload' | 'survey';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A link secret derived from the site's visitor-token secret for one purpose, so a leaked
 * link of one kind signs nothing else and visitor tokens cannot pass for links.
 */
function purposeSecret(siteSecret: string, purpose: LinkPurpose): Promise<string> {
  return hmacSign(siteSecret, `crm-link:${purpose}`);
}

/** Signs `payload` (with its expiry, epoch ms) into `<payload>.<signature>`, both base64url. */
export async function signLink(
  siteSecret: string,
  purpose: LinkPurpose,
  payload: Record<string, string | number>,
  expiresAt: number,
): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify({ ...payload, exp: expiresAt })));
  return `${body}.${await hmacSign(await purposeSecret(siteSecret, purpose), body)}`;
}

/** The payload of a valid, unexpired link of `purpose`; null otherwise. */
export async function verifyLink(
  siteSecret: string,
  purpose: LinkPurpose,
  token: string,
  now: number,
): Promise<Record<string, unknown> | null> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 2000) return null;
  const sig = fromBase64url(signature);
  const bytes = fromBase64url(body);
  if (!sig || !bytes) return null;
  if (!(await hmacVerify(await purposeSecret(siteSecret, purpose), body, sig))) return null;
  try {
    const payload = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    return typeof payload.exp === 'number' && payload.exp > now ? payload : null;
  } catch {
    return null;
  }
}
