import type { Site } from '../../../db/schema/index.ts';
import { hmacSign } from '../../lib/crypto.ts';

/**
 * A keyed hash of a connection address, for the per-address creation limit: the address itself
 * is personal data and is not needed once hashed.
 */
export function addressHash(site: Site, address: string): Promise<string> {
  return hmacSign(site.visitorTokenSecret, `address:${address}`);
}
