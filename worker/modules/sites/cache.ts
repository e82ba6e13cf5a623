import type { Site } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { findSiteByPublishableKey } from './service.ts';

/**
 * Sites by publishable key, kept for a few seconds: every widget request names its site, and
 * keys and origins change rarely. Changes made through this process forget the entry at once;
 * other processes (other Workers isolates) see them within `ttlMs`.
 */
export class SiteCache {
  readonly #ctx: ServiceContext;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { site: Site | undefined; until: number }>();

  constructor(ctx: ServiceContext, ttlMs = 10_000) {
    this.#ctx = ctx;
    this.#ttlMs = ttlMs;
  }

  async get(publishableKey: string): Promise<Site | undefined> {
    const now = this.#ctx.now();
    let hit = this.#entries.get(publishableKey);
    if (!hit || hit.until < now) {
      hit = { site: await findSiteByPublishableKey(this.#ctx, publishableKey), until: now + this.#ttlMs };
      // Bounded: a flood of made-up keys must not grow memory without end.
      if (this.#entries.size > 1000) this.#entries.clear();
      this.#entries.set(publishableKey, hit);
    }
    return hit.site;
  }

  forget(publishableKey: string): void {
    this.#entries.delete(publishableKey);
  }
}
