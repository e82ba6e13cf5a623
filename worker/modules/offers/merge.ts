import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/types.ts';

/**
 * Statements for the identify merge that carry an anonymous profile's offer rows to the
 * customer it turns out to be. An exposure moves (keeping its group, its person key and its
 * history) unless the customer already has one for that offer: then the customer's stands and
 * the anonymous one goes with the anonymous profile, so a person counts once per offer, in the
 * group first drawn for the customer. Referral links and the "referred by" row move the same way.
 */
export function mergeOfferRows(db: Db, siteId: string, from: string, to: string) {
  return [
    // Profile ids are unique across sites; the site only guards against a caller's mistake.
    db.run(sql`UPDATE offer_exposures SET customer_id = ${to}
      WHERE customer_id = ${from} AND +site_id = ${siteId}
        AND offer_id NOT IN (SELECT offer_id FROM offer_exposures WHERE customer_id = ${to})`),
    db.run(sql`UPDATE referral_links SET customer_id = ${to}
      WHERE customer_id = ${from} AND +site_id = ${siteId}
        AND offer_id NOT IN (SELECT offer_id FROM referral_links WHERE customer_id = ${to})`),
    db.run(sql`UPDATE referral_attributions SET customer_id = ${to}
      WHERE customer_id = ${from} AND referrer_id <> ${to}
        AND NOT EXISTS (SELECT 1 FROM referral_attributions WHERE customer_id = ${to})`),
    db.run(sql`UPDATE referral_attributions SET referrer_id = ${to} WHERE referrer_id = ${from}`),
  ];
}
