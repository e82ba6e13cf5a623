import type { MiddlewareHandler } from 'hono';
import type { Site } from '../../db/schema/index.ts';
import { SITE_KEY_PARAM } from '../contract/constants.ts';
import type { AppEnv } from './env.ts';
import { unauthorized } from './errors.ts';

/** Options of {@link siteKey}. */
export interface SiteKeyOptions {
  find: (publishableKey: string) => Promise<Site | undefined>;
  /** How long a looked-up site is reused; keys and origins change rarely. */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Resolves the site from the publishable key in `?key=`. The key only names the site;
 * what a request may do is decided by the tokens the routes check.
 */
export function siteKey(options: SiteKeyOptions): MiddlewareHandler<AppEnv> {
  const { find, cacheMs = 10_000, now = Date.now } = options;
  const cache = new Map<string, { site: Site | undefined; until: number }>();
  return async function siteKeyHandler(c, next) {
    const key = c.req.query(SITE_KEY_PARAM);
    if (!key || !key.startsWith('pk_') || key.length > 100) {
      throw unauthorized('invalid_site_key', `Pass the site's publishable key as ?${SITE_KEY_PARAM}=pk_…`);
    }
    let hit = cache.get(key);
    if (!hit || hit.until < now()) {
      hit = { site: await find(key), until: now() + cacheMs };
      if (cache.size > 1000) cache.clear();
      cache.set(key, hit);
    }
    if (!hit.site) throw unauthorized('invalid_site_key', 'Unknown publishable key');
    c.set('site', hit.site);
    await next();
  };
}
