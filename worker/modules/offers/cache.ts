import { and, eq } from 'drizzle-orm';
import { offers, type Offer } from '../../../db/schema/index.ts';
import { targetingRule, type TargetingRule } from '../../contract/offers.ts';
import type { ServiceContext } from '../context.ts';

/** A live offer as the decision path uses it: its rules parsed once. */
export interface LiveOffer extends Omit<Offer, 'targeting'> {
  targeting: TargetingRule[];
}

/**
 * Each site's live offers by placement, highest priority first, kept for a few seconds so a
 * decision reads no offer rows. Edits made through this process forget the site at once;
 * other processes (Workers isolates) see them within `ttlMs`. Counters (budget, expected
 * value) are as fresh as the entry; the budget is checked again on the row before it is spent.
 */
export class OfferCache {
  readonly #ctx: ServiceContext;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { byPlacement: Map<string, LiveOffer[]>; until: number }>();

  constructor(ctx: ServiceContext, ttlMs = 5_000) {
    this.#ctx = ctx;
    this.#ttlMs = ttlMs;
  }

  async live(siteId: string, placement: string): Promise<readonly LiveOffer[]> {
    const now = this.#ctx.now();
    let entry = this.#entries.get(siteId);
    if (!entry || entry.until < now) {
      entry = { byPlacement: await this.#load(siteId), until: now + this.#ttlMs };
      if (this.#entries.size > 1000) this.#entries.clear();
      this.#entries.set(siteId, entry);
    }
    return entry.byPlacement.get(placement) ?? [];
  }

  forget(siteId: string): void {
    this.#entries.delete(siteId);
  }

  async #load(siteId: string): Promise<Map<string, LiveOffer[]>> {
    const rows = await this.#ctx.db
      .select()
      .from(offers)
      .where(and(eq(offers.siteId, siteId), eq(offers.status, 'live')));
    const byPlacement = new Map<string, LiveOffer[]>();
    for (const row of rows) {
      // Rules were validated on the way in; one that no longer parses keeps its offer off the air.
      const parsed = targetingRule.array().safeParse(row.targeting);
      if (!parsed.success) continue;
      const list = byPlacement.get(row.placement) ?? [];
      list.push({ ...row, targeting: parsed.data });
      byPlacement.set(row.placement, list);
    }
    for (const list of byPlacement.values()) list.sort((a, b) => b.priority - a.priority);
    return byPlacement;
  }
}
