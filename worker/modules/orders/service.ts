import { and, eq, sql } from 'drizzle-orm';
import { orders, products, type Site } from '../../../db/schema/index.ts';
import type { OrderRequest, OrderResponse } from '../../contract/orders.ts';
import { conflict } from '../../http/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { orderRollups } from '../reports/rollups.ts';
import { ordersById } from './queries.ts';
import { orderProfileStatements } from '../profiles/stats.ts';
import { jsonRows, jsonValues } from '../../../db/json.ts';
import { preparedQuery } from '../../../db/prepared.ts';

/** A recorded order and whether this call created it or replayed an earlier result. */
export interface RecordedOrder {
  order: OrderResponse;
  replayed: boolean;
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

/** The order an idempotency key already recorded, if any: the first read of every order. */
const orderByKey = preparedQuery((db) =>
  db.query.orders
    .findFirst({
      columns: { id: true, requestHash: true },
      where: and(
        eq(orders.siteId, sql.placeholder('siteId')),
        eq(orders.idempotencyKey, sql.placeholder('key')),
      ),
    })
    .prepare(),
);

/** The catalogue's rows for an order's SKUs (a JSON list), for the lines' names and categories. */
const productsBySku = preparedQuery((db) =>
  db
    .select({ sku: products.sku, name: products.name, category: products.category })
    .from(products)
    .where(
      and(
        eq(products.siteId, sql.placeholder('siteId')),
        sql`${products.sku} IN (${jsonValues(sql.placeholder('skus'))})`,
      ),
    )
    .prepare(),
);

async function replay(
  ctx: ServiceContext,
  site: Site,
  key: string,
  requestHash: string,
): Promise<RecordedOrder | null> {
  const existing = await orderByKey(ctx.db).execute({ siteId: site.id, key });
  if (!existing) return null;
  if (existing.requestHash !== requestHash) {
    throw conflict('idempotency_conflict', 'This idempotency key was used with a different request body');
  }
  const [order] = await ordersById(ctx, site.id, [existing.id]);
  if (!order) throw new Error(`order ${existing.id} vanished`);
  return { order, replayed: true };
}

/**
 * Records a purchase into the customer's profile, creating the customer on first sight.
 * Customer, order, lines and counters are one batch; lines and counters are written only
 * if the order row itself was inserted, so a concurrent retry with the same key cannot
 * count the purchase twice. Retries get the first result back.
 */
export async function recordOrder(
  ctx: ServiceContext,
  site: Site,
  idempotencyKey: string,
  input: OrderRequest,
): Promise<RecordedOrder> {
  const requestHash = await sha256Hex(canonical(input));
  const earlier = await replay(ctx, site, idempotencyKey, requestHash);
  if (earlier) return earlier;

  const { db } = ctx;
  const now = ctx.now();
  const orderId = ctx.newId();
  const catalogue = await productsBySku(db).execute({
    siteId: site.id,
    skus: JSON.stringify(input.items.map((i) => i.sku)),
  });
  const bySku = new Map(catalogue.map((p) => [p.sku, p]));
  const lines = input.items.map((i) => ({
    sku: i.sku,
    name: i.name ?? bySku.get(i.sku)?.name ?? i.sku,
    category: i.category ?? bySku.get(i.sku)?.category ?? null,
    quantity: i.quantity,
    unitPriceCents: i.unitPriceCents,
  }));
  const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const placedAt = input.placedAt ?? now;
  const customerIdSql = sql`(SELECT id FROM customers WHERE site_id = ${site.id} AND external_id = ${input.customer.externalId})`;
  const inserted = sql`EXISTS (SELECT 1 FROM orders WHERE id = ${orderId})`;

  const { externalId, email = null, name = null } = input.customer;
  // The statements that run for every order are written as SQL with values: a query builder
  // makes drizzle map columns and walk the query each time, about a tenth of a millisecond per
  // statement on the server's one thread, which adds up to a good part of an order's cost.
  const [customerRow, , insertedOrder] = await db.batch([
    db.all<{ id: string }>(sql`
      INSERT INTO customers (id, site_id, external_id, email, name, first_seen_at, last_seen_at, identified_at)
      VALUES (${ctx.newId()}, ${site.id}, ${externalId}, ${email}, ${name}, ${now}, ${now}, ${now})
      ON CONFLICT (site_id, external_id) DO UPDATE SET
        email = coalesce(excluded.email, customers.email), name = coalesce(excluded.name, customers.name)
      RETURNING id`),
    db.run(sql`INSERT INTO customer_stats (customer_id, site_id) SELECT ${customerIdSql}, ${site.id}
      ON CONFLICT (customer_id) DO NOTHING`),
    db.all<{ id: string }>(sql`
      INSERT INTO orders (id, site_id, customer_id, idempotency_key, request_hash, reference, currency,
        total_cents, placed_at, created_at)
      VALUES (${orderId}, ${site.id}, ${customerIdSql}, ${idempotencyKey}, ${requestHash}, ${input.reference ?? null},
        ${input.currency}, ${totalCents}, ${placedAt}, ${now})
      ON CONFLICT (site_id, idempotency_key) DO NOTHING
      RETURNING id`),
    db.run(sql`INSERT INTO order_items (site_id, order_id, sku, name, category, quantity, unit_price_cents)
      SELECT ${site.id}, ${orderId}, l.sku, l.name, l.category, l.quantity, l.unitPriceCents
      FROM ${jsonRows(lines, ['sku', 'name', 'category', 'quantity', 'unitPriceCents'])} AS l
      WHERE ${inserted} ORDER BY l.ord`),
    ...orderProfileStatements(db, orderId, totalCents, placedAt),
    ...orderRollups(db, site.id, placedAt, orderId, totalCents),
    ...(ctx.orderHooks ?? []).flatMap((hook) => hook(db, { siteId: site.id, orderId, placedAt, totalCents })),
  ]);

  // The order row went in: the answer is what this call wrote, without reading it back.
  // Otherwise a concurrent call with the same key won the race, and its result is replayed.
  const [buyer] = customerRow;
  if (insertedOrder.length === 1 && buyer) {
    const { currency, reference } = input;
    const order = {
      id: orderId,
      customerId: buyer.id,
      reference: reference ?? null,
      currency,
      totalCents,
      placedAt,
    };
    return { order: { ...order, items: lines }, replayed: false };
  }
  const result = await replay(ctx, site, idempotencyKey, requestHash);
  if (!result) throw new Error('order missing after commit');
  return { order: result.order, replayed: true };
}
