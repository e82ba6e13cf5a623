import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { orderItems, orders } from '../../../db/schema/index.ts';
import type { OrderResponse } from '../../contract/orders.ts';
import type { ServiceContext } from '../context.ts';

async function withItems(ctx: ServiceContext, siteId: string, where: SQL | undefined, limit: number) {
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.siteId, siteId), where))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const items = await ctx.db
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.siteId, siteId), inArray(orderItems.orderId, ids)))
    .orderBy(orderItems.id);
  return rows.map((o): OrderResponse => ({
    id: o.id,
    customerId: o.customerId,
    reference: o.reference,
    currency: o.currency,
    totalCents: o.totalCents,
    placedAt: o.placedAt,
    items: items
      .filter((i) => i.orderId === o.id)
      .map((i) => ({
        sku: i.sku,
        name: i.name,
        category: i.category,
        quantity: i.quantity,
        unitPriceCents: i.unitPriceCents,
      })),
  }));
}

/** Orders by id, with their lines. */
export function ordersById(ctx: ServiceContext, siteId: string, ids: string[]): Promise<OrderResponse[]> {
  return withItems(ctx, siteId, inArray(orders.id, ids), ids.length);
}

/** A customer's latest orders with their lines, newest first. */
export function recentOrders(
  ctx: ServiceContext,
  siteId: string,
  customerId: string,
  limit: number,
): Promise<OrderResponse[]> {
  return withItems(ctx, siteId, eq(orders.customerId, customerId), limit);
}
