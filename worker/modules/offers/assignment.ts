import type { OfferGroup } from '../../contract/constants.ts';
import { base64url, hmacBytes } from '../../lib/crypto.ts';

/** Label the per-site assignment key is derived under, so it is never the token key itself. */
const ASSIGNMENT_LABEL = 'crm-offer-assignment-v1';

const derived = new Map<string, string>();

/**
 * The site's assignment key: HMAC-SHA-256 of a fixed label under the site's own server secret
 * (its visitor-token secret), base64url, derived once per process. Deriving keeps the two uses
 * apart; a key nobody outside holds keeps visitors from choosing ids that land them in a group.
 */
function assignmentKey(siteSecret: string): string {
  let key = derived.get(siteSecret);
  if (key === undefined) {
    key = base64url(hmacBytes(siteSecret, ASSIGNMENT_LABEL));
    if (derived.size > 10_000) derived.clear();
    derived.set(siteSecret, key);
  }
  return key;
}

/**
 * Where a person falls in [0, 1) for an offer: the first 48 bits of
 * HMAC-SHA-256(key, offerId ":" personKey) over 2^48. The same person and offer always land on
 * the same point; different offers draw independently.
 */
export function bucket(siteSecret: string, offerId: string, personKey: string): Promise<number> {
  const mac = hmacBytes(assignmentKey(siteSecret), `${offerId}:${personKey}`);
  let value = 0;
  for (let i = 0; i < 6; i++) value = value * 256 + (mac[i] ?? 0);
  return Promise.resolve(value / 2 ** 48);
}

/** The group of a point: control below the holdout share, treatment above. */
export function groupOf(point: number, holdoutPercent: number): OfferGroup {
  return point < holdoutPercent / 100 ? 'control' : 'treatment';
}

/** The group a person is drawn into for an offer. */
export async function assign(
  siteSecret: string,
  offerId: string,
  personKey: string,
  holdoutPercent: number,
): Promise<OfferGroup> {
  return groupOf(await bucket(siteSecret, offerId, personKey), holdoutPercent);
}
