import type { MiddlewareHandler } from 'hono';
import type { Site } from '../../db/schema/index.ts';
import { SITE_KEY_PARAM } from '../contract/constants.ts';
import type { AppEnv } from './env.ts';
import { unauthorized } from './errors.ts';

/**
 * Resolves the site from the publishable key in `?key=`. The key only names the site;
 * what a request may do is decided by the tokens the routes check.
 */
export function siteKey(
  find: (publishableKey: string) => Promise<Site | undefined>,
): MiddlewareHandler<AppEnv> {
  return async function siteKeyHandler(c, next) {
    const key = c.req.query(SITE_KEY_PARAM);
    if (!key?.startsWith('pk_') || key.length > 100) {
      throw unauthorized('invalid_site_key', `Pass the site's publishable key as ?${SITE_KEY_PARAM}=pk_…`);
    }
    const site = await find(key);
    if (!site) throw unauthorized('invalid_site_key', 'Unknown publishable key');
    c.set('site', site);
    await next();
  };
}
