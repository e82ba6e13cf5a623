import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import type { CrossSellFacts, Facts, PurchaseFacts, ScoreFacts, SourceName, ViewFacts } from './targeting.ts';

/** Newest product views of a profile one decision reads. */
const VIEW_LIMIT = 500;
/** Most distinct skus read of a customer's purchases. */
const PURCHASE_LIMIT = 2000;

/**
 * Where the facts about a profile come from, one function per source. The kit wires what it
 * holds (browsing, purchases); scores, cross-sell rules and complaints come from other modules
 * and default to "none here" until they are wired in (see `createApp`).
 */
export interface OfferDataSources {
  views: (ctx: ServiceContext, siteId: string, customerId: string) => Promise<ViewFacts>;
  purchases: (ctx: ServiceContext, siteId: string, customerId: string) => Promise<PurchaseFacts>;
  scores: (ctx: ServiceContext, siteId: string, customerId: string) => Promise<ScoreFacts | null>;
  crossSell: (ctx: ServiceContext, siteId: string, customerId: string) => Promise<CrossSellFacts | null>;
  /** Whether the customer has a complaint still open: offers are held back from them. */
  openComplaint: (ctx: ServiceContext, siteId: string, customerId: string) => Promise<boolean>;
}

/** The newest product views of a profile, with the catalogue's category of each. */
async function views(ctx: ServiceContext, siteId: string, customerId: string): Promise<ViewFacts> {
  const rows = await ctx.db.all<{ sku: string | null; category: string | null; at: number }>(sql`
    SELECT json_extract(e.properties, '$.sku') AS sku, p.category, e.server_ts AS at FROM events e
    LEFT JOIN products p ON p.site_id = ${siteId} AND p.sku = json_extract(e.properties, '$.sku')
    WHERE e.customer_id = ${customerId} AND e.type = 'product_view' ORDER BY e.id DESC LIMIT ${VIEW_LIMIT}`);
  return {
    views: rows.flatMap((row) =>
      typeof row.sku === 'string' ? [{ sku: row.sku, category: row.category, at: row.at }] : [],
    ),
  };
}

/** Every sku the profile bought. */
async function purchases(ctx: ServiceContext, _siteId: string, customerId: string): Promise<PurchaseFacts> {
  const rows = await ctx.db.all<{ sku: string }>(sql`
    SELECT DISTINCT oi.sku FROM orders o JOIN order_items oi ON oi.order_id = o.id
    WHERE o.customer_id = ${customerId} LIMIT ${PURCHASE_LIMIT}`);
  return { skus: new Set(rows.map((row) => row.sku)) };
}

/** The sources this module answers itself; the rest say "nothing known". */
export const DEFAULT_SOURCES: OfferDataSources = {
  views,
  purchases,
  scores: () => Promise.resolve(null),
  crossSell: () => Promise.resolve(null),
  openComplaint: () => Promise.resolve(false),
};

/** Facts for one profile, each source loaded on first use and kept for the rest of the decision. */
export class FactLoader {
  readonly #ctx: ServiceContext;
  readonly #sources: OfferDataSources;
  readonly #siteId: string;
  readonly #base: Pick<Facts, 'request' | 'profile'>;
  readonly #loaded = new Map<SourceName, Promise<unknown>>();

  constructor(
    ctx: ServiceContext,
    sources: OfferDataSources,
    siteId: string,
    base: Pick<Facts, 'request' | 'profile'>,
  ) {
    this.#ctx = ctx;
    this.#sources = sources;
    this.#siteId = siteId;
    this.#base = base;
  }

  #load<K extends Exclude<SourceName, 'request' | 'profile'>>(name: K): Promise<Facts[K]> {
    let pending = this.#loaded.get(name);
    if (!pending) {
      pending = this.#sources[name](this.#ctx, this.#siteId, this.#base.profile.customerId);
      this.#loaded.set(name, pending);
    }
    return pending as Promise<Facts[K]>;
  }

  /** The facts of the named sources (the others empty), for evaluating rules that read only those. */
  async facts(needed: ReadonlySet<SourceName>): Promise<Facts> {
    const [viewFacts, purchaseFacts, scores, crossSell] = await Promise.all([
      needed.has('views') ? this.#load('views') : { views: [] },
      needed.has('purchases') ? this.#load('purchases') : { skus: new Set<string>() },
      needed.has('scores') ? this.#load('scores') : null,
      needed.has('crossSell') ? this.#load('crossSell') : null,
    ]);
    return { ...this.#base, views: viewFacts, purchases: purchaseFacts, scores, crossSell };
  }

  purchases(): Promise<PurchaseFacts> {
    return this.#load('purchases');
  }

  openComplaint(): Promise<boolean> {
    return this.#sources.openComplaint(this.#ctx, this.#siteId, this.#base.profile.customerId);
  }
}
