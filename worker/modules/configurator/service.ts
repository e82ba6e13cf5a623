import { and, count, desc, eq, sql } from 'drizzle-orm';
import { jsonValues } from '../../../db/json.ts';
import {
  configurableProducts,
  customOrders,
  customers,
  designs,
  orders,
  type ConfigurableProduct,
  type Design,
  type Site,
} from '../../../db/schema/index.ts';
import type {
  DesignRequest,
  DesignResponse,
  MyCustomOrder,
  PlaceOrderRequest,
  PlaceOrderResponse,
  ProductResponse,
} from '../../contract/configurator.ts';
import {
  checkModel,
  evaluate,
  text,
  type Configuration,
  type ConfiguratorLocale,
  type Evaluation,
  type ModelIssue,
  type PriceLine,
  type ProductModel,
  type Violation,
} from '../../contract/shared/configurator/index.ts';
import type { ProductionStatus } from '../../contract/constants.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { orderProfileStatements } from '../profiles/stats.ts';
import { orderRollups } from '../reports/rollups.ts';

/** Most designs one profile keeps: saving is open to any visitor, so it must not grow without end. */
export const MAX_DESIGNS = 50;

/** The model and version stored for a product; the JSON column was validated when saved. */
function productOf(row: ConfigurableProduct): ProductResponse {
  return {
    sku: row.sku,
    version: row.version,
    model: row.model as unknown as ProductModel,
    updatedAt: row.updatedAt,
  };
}

/** A site's configurable product by sku, or 404. */
export async function getProduct(ctx: ServiceContext, site: Site, sku: string): Promise<ProductResponse> {
  const row = await ctx.db.query.configurableProducts.findFirst({
    where: and(eq(configurableProducts.siteId, site.id), eq(configurableProducts.sku, sku)),
  });
  if (!row) throw notFound(`No configurable product ${sku}`);
  return productOf(row);
}

/** Every configurable product of a site, by sku. */
export async function listProducts(ctx: ServiceContext, site: Site): Promise<ProductResponse[]> {
  const rows = await ctx.db
    .select()
    .from(configurableProducts)
    .where(eq(configurableProducts.siteId, site.id))
    .orderBy(configurableProducts.sku);
  return rows.map(productOf);
}

/** Saving a model: refused with the reasons when `checkModel` finds it cannot be offered. */
export type SaveResult = { ok: true; product: ProductResponse } | { ok: false; issues: ModelIssue[] };

/**
 * Creates or replaces a product's model (the sku is the model's own), bumping its version.
 * A model whose rules make a choice impossible or leave no valid configuration is refused.
 */
export async function saveProduct(ctx: ServiceContext, site: Site, model: ProductModel): Promise<SaveResult> {
  const issues = checkModel(model);
  if (issues.length > 0) return { ok: false, issues };
  const now = ctx.now();
  await ctx.db
    .insert(configurableProducts)
    .values({
      id: ctx.newId(),
      siteId: site.id,
      sku: model.sku,
      version: 1,
      model: model as unknown as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [configurableProducts.siteId, configurableProducts.sku],
      set: { model: sql`excluded.model`, version: sql`${configurableProducts.version} + 1`, updatedAt: now },
    });
  return { ok: true, product: await getProduct(ctx, site, model.sku) };
}

/** Evaluates a configuration against the product's current model: what the widget shows, authoritative. */
export async function evaluateFor(
  ctx: ServiceContext,
  site: Site,
  sku: string,
  config: Configuration,
  locale: ConfiguratorLocale,
): Promise<Evaluation & { version: number }> {
  const product = await getProduct(ctx, site, sku);
  return { ...evaluate(product.model, config, locale), version: product.version };
}

function designOf(row: Design, mine: boolean): DesignResponse {
  return {
    id: row.id,
    sku: row.sku,
    modelVersion: row.modelVersion,
    configuration: row.configuration as unknown as Configuration,
    mine,
    shared: row.shareTokenHash !== null,
    updatedAt: row.updatedAt,
  };
}

/** A design of `customerId`'s own, or 404: another's design is as absent as a missing one. */
async function ownDesign(ctx: ServiceContext, site: Site, customerId: string, id: string): Promise<Design> {
  const row = await ctx.db.query.designs.findFirst({
    where: and(eq(designs.id, id), eq(designs.siteId, site.id), eq(designs.customerId, customerId)),
  });
  if (!row) throw notFound('No such design');
  return row;
}

/**
 * Saves a new design for the customer. Any configuration of a known product may be saved, valid
 * or not (a design in progress); placing an order is where validity is enforced.
 */
export async function createDesign(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  input: DesignRequest,
): Promise<DesignResponse> {
  const product = await getProduct(ctx, site, input.sku);
  const [{ saved } = { saved: 0 }] = await ctx.db
    .select({ saved: count() })
    .from(designs)
    .where(eq(designs.customerId, customerId));
  if (saved >= MAX_DESIGNS) {
    throw conflict('too_many_designs', `A profile keeps at most ${MAX_DESIGNS} designs; change one instead`);
  }
  const now = ctx.now();
  const row: Design = {
    id: ctx.newId(),
    siteId: site.id,
    customerId,
    sku: input.sku,
    modelVersion: product.version,
    configuration: input.configuration,
    shareTokenHash: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insert(designs).values(row);
  return designOf(row, true);
}

/** The owner's change to a design; nobody else can change it. */
export async function updateDesign(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  id: string,
  input: DesignRequest,
): Promise<DesignResponse> {
  const row = await ownDesign(ctx, site, customerId, id);
  const product = await getProduct(ctx, site, row.sku);
  if (input.sku !== row.sku) throw conflict('sku_mismatch', 'A design keeps its product; save a new one');
  const next = {
    ...row,
    configuration: input.configuration as unknown as Record<string, unknown>,
    modelVersion: product.version,
    updatedAt: ctx.now(),
  };
  await ctx.db
    .update(designs)
    .set({ configuration: next.configuration, modelVersion: next.modelVersion, updatedAt: next.updatedAt })
    .where(and(eq(designs.id, id), eq(designs.customerId, customerId)));
  return designOf(next, true);
}

/** One of the customer's own designs. */
export async function readDesign(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  id: string,
): Promise<DesignResponse> {
  return designOf(await ownDesign(ctx, site, customerId, id), true);
}

/** The customer's latest designs. */
export async function myDesigns(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
): Promise<DesignResponse[]> {
  const rows = await ctx.db
    .select()
    .from(designs)
    .where(and(eq(designs.customerId, customerId), eq(designs.siteId, site.id)))
    .orderBy(desc(designs.updatedAt))
    .limit(20);
  return rows.map((row) => designOf(row, true));
}

/** A new share link for the owner's design; the previous link stops working. */
export async function shareDesign(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  id: string,
): Promise<{ shareToken: string }> {
  await ownDesign(ctx, site, customerId, id);
  const shareToken = randomToken(24);
  await ctx.db
    .update(designs)
    .set({ shareTokenHash: await sha256Hex(shareToken) })
    .where(and(eq(designs.id, id), eq(designs.customerId, customerId)));
  return { shareToken };
}

/** A design read through its share link: read-only (`mine` false unless the reader owns it). */
export async function sharedDesign(
  ctx: ServiceContext,
  site: Site,
  token: string,
  readerId: string | null,
): Promise<DesignResponse> {
  const row = await ctx.db.query.designs.findFirst({
    where: and(eq(designs.shareTokenHash, await sha256Hex(token)), eq(designs.siteId, site.id)),
  });
  if (!row) throw notFound('No such shared design');
  return designOf(row, row.customerId === readerId);
}

/** Copies a shared design into the reader's own designs, where they may change it. */
export async function copySharedDesign(
  ctx: ServiceContext,
  site: Site,
  token: string,
  customerId: string,
): Promise<DesignResponse> {
  const shared = await sharedDesign(ctx, site, token, customerId);
  return createDesign(ctx, site, customerId, { sku: shared.sku, configuration: shared.configuration });
}

/** A placement refused because the configuration breaks the model, with every violation explained. */
export interface InvalidConfiguration {
  ok: false;
  violations: Violation[];
}

/** A stored custom order as its customer reads it. */
function myOrderOf(
  row: {
    reference: string;
    sku: string;
    status: string;
    statusAt: number;
    breakdown: Record<string, unknown>;
  },
  order: { placedAt: number },
  name: string,
): MyCustomOrder {
  const breakdown = row.breakdown as unknown as Breakdown;
  return {
    reference: row.reference,
    sku: row.sku,
    name,
    quantity: breakdown.quantity,
    total: breakdown.total,
    currency: breakdown.currency,
    status: row.status as ProductionStatus,
    statusAt: row.statusAt,
    placedAt: order.placedAt,
  };
}

/** What the server priced when an order was placed, as stored with its configured line. */
export interface Breakdown {
  lines: PriceLine[];
  unitPrice: number;
  quantity: number;
  total: number;
  currency: string;
  name: string;
}

/** A short, readable order reference for people and the factory floor. */
function referenceOf(orderId: string): string {
  return `CO-${orderId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .toUpperCase()}`;
}

/** The stored order behind an idempotency key of this customer, if any. */
async function placed(ctx: ServiceContext, site: Site, key: string) {
  const [row] = await ctx.db
    .select({ order: orders, custom: customOrders })
    .from(orders)
    .innerJoin(customOrders, eq(customOrders.orderId, orders.id))
    .where(and(eq(orders.siteId, site.id), eq(orders.idempotencyKey, key)))
    .limit(1);
  return row;
}

/** JSON with sorted keys, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function responseOf(
  custom: {
    reference: string;
    sku: string;
    status: string;
    statusAt: number;
    breakdown: Record<string, unknown>;
  },
  order: { placedAt: number },
): PlaceOrderResponse {
  const breakdown = custom.breakdown as unknown as Breakdown;
  return {
    ...myOrderOf(custom, order, breakdown.name),
    lines: breakdown.lines,
    unitPrice: breakdown.unitPrice,
  };
}

/**
 * Places a custom order for an identified customer. The server evaluates the configuration
 * against the product's current model whatever the browser computed: a broken rule or a choice
 * that became unavailable since the design was saved is refused with its explanation, and a
 * total that differs from the server's price is refused (409 `price_changed`), never charged.
 *
 * The order is a row of `orders` with one line (so the profile's stats, categories, rollups and
 * the card count it), plus its configured line and its first status, in one batch. The key is
 * scoped to the customer, so another customer's key can neither replay nor block this order.
 */
export async function placeOrder(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
  idempotencyKey: string,
  input: PlaceOrderRequest,
): Promise<InvalidConfiguration | { ok: true; order: PlaceOrderResponse; replayed: boolean }> {
  const key = `cfg:${customerId}:${idempotencyKey}`;
  const requestHash = await sha256Hex(canonical({ ...input, locale: undefined }));
  const earlier = await placed(ctx, site, key);
  if (earlier) {
    if (earlier.order.requestHash !== requestHash) {
      throw conflict('idempotency_conflict', 'This idempotency key was used with a different request body');
    }
    return { ok: true, order: responseOf(earlier.custom, earlier.order), replayed: true };
  }

  const product = await getProduct(ctx, site, input.sku);
  const result = evaluate(product.model, input.configuration, input.locale);
  if (!result.valid) return { ok: false, violations: result.violations };
  if (input.currency !== result.currency || input.expectedTotal !== result.total) {
    throw conflict(
      'price_changed',
      `The price is ${result.total} ${result.currency} in minor units, not ${input.expectedTotal} ${input.currency}; confirm the new price`,
    );
  }

  const { db } = ctx;
  const now = ctx.now();
  const orderId = ctx.newId();
  const reference = referenceOf(orderId);
  const name = text(product.model.name, 'en');
  const category = product.model.category ?? null;
  const breakdown: Breakdown = {
    lines: result.lines,
    unitPrice: result.unitPrice,
    quantity: result.quantity,
    total: result.total,
    currency: result.currency,
    name,
  };
  const inserted = sql`EXISTS (SELECT 1 FROM orders WHERE id = ${orderId})`;
  const status: ProductionStatus = 'received';

  await db.batch([
    db
      .insert(orders)
      .values({
        id: orderId,
        siteId: site.id,
        customerId,
        idempotencyKey: key,
        requestHash,
        reference,
        currency: result.currency,
        totalCents: result.total,
        placedAt: now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [orders.siteId, orders.idempotencyKey] }),
    db.run(sql`INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
      SELECT ${site.id}, ${orderId}, ${product.sku}, ${name}, ${category}, ${result.quantity}, ${result.unitPrice}
      WHERE ${inserted}`),
    db.run(sql`INSERT INTO custom_orders (order_id, site_id, reference, sku, model_version, configuration, breakdown, status, status_at, created_at)
      SELECT ${orderId}, ${site.id}, ${reference}, ${product.sku}, ${product.version}, ${JSON.stringify(input.configuration)},
        ${JSON.stringify(breakdown)}, ${status}, ${now}, ${now}
      WHERE ${inserted}`),
    db.run(sql`INSERT INTO custom_order_status_log (site_id, order_id, status, note, actor, at)
      SELECT ${site.id}, ${orderId}, ${status}, NULL, NULL, ${now} WHERE ${inserted}`),
    db.run(sql`INSERT INTO customer_stats (customer_id, site_id) VALUES (${customerId}, ${site.id})
      ON CONFLICT (customer_id) DO NOTHING`),
    ...orderProfileStatements(db, orderId, result.total, now),
    ...orderRollups(db, site.id, now, orderId, result.total),
  ]);

  const stored = await placed(ctx, site, key);
  if (!stored) throw new Error('custom order missing after commit');
  if (stored.order.requestHash !== requestHash) {
    throw conflict('idempotency_conflict', 'This idempotency key was used with a different request body');
  }
  return { ok: true, order: responseOf(stored.custom, stored.order), replayed: stored.order.id !== orderId };
}

/** The customer's custom orders with their production status, newest first. */
export async function myCustomOrders(
  ctx: ServiceContext,
  site: Site,
  customerId: string,
): Promise<MyCustomOrder[]> {
  const rows = await ctx.db
    .select({ order: orders, custom: customOrders })
    .from(orders)
    .innerJoin(customOrders, eq(customOrders.orderId, orders.id))
    .where(and(eq(orders.customerId, customerId), eq(orders.siteId, site.id)))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(50);
  return rows.map(({ order, custom }) => {
    const breakdown = custom.breakdown as unknown as Breakdown;
    return myOrderOf(custom, order, breakdown.name);
  });
}

/** Production statuses of some orders (those placed through the configurator), by order id. */
export async function productionStatuses(
  ctx: ServiceContext,
  orderIds: string[],
): Promise<Map<string, ProductionStatus>> {
  if (orderIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ orderId: customOrders.orderId, status: customOrders.status })
    .from(customOrders)
    .where(sql`${customOrders.orderId} IN (${jsonValues(orderIds)})`);
  return new Map(rows.map((r) => [r.orderId, r.status]));
}

/** Whether a profile belongs to a signed-in customer of the site (only they may place orders). */
export async function isIdentified(ctx: ServiceContext, customerId: string): Promise<boolean> {
  const row = await ctx.db.query.customers.findFirst({
    columns: { externalId: true },
    where: eq(customers.id, customerId),
  });
  return row?.externalId != null;
}
