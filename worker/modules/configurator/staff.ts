import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { jsonValues } from '../../../db/json.ts';
import {
  configurableProducts,
  customOrderStatusLog,
  customOrders,
  customers,
  orders,
  type Site,
} from '../../../db/schema/index.ts';
import type { CustomOrderDetail, CustomOrderPage, CustomOrderRow } from '../../contract/configurator.ts';
import { PRODUCTION_STATUSES, type ProductionStatus } from '../../contract/constants.ts';
import { text, type Configuration, type ProductModel } from '../../contract/shared/configurator/index.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import type { Breakdown } from './service.ts';

const DAY_MS = 86_400_000;

/** Start and end (exclusive) of a UTC day given as `YYYY-MM-DD`, in epoch ms. */
function dayRange(day: string): [number, number] {
  const start = Date.parse(`${day}T00:00:00Z`);
  return [start, start + DAY_MS];
}

const rowColumns = {
  orderId: customOrders.orderId,
  reference: customOrders.reference,
  sku: customOrders.sku,
  customerId: orders.customerId,
  customerName: customers.name,
  customerEmail: customers.email,
  breakdown: customOrders.breakdown,
  status: customOrders.status,
  statusAt: customOrders.statusAt,
  placedAt: orders.placedAt,
  createdAt: customOrders.createdAt,
};

type Selected = {
  orderId: string;
  reference: string;
  sku: string;
  customerId: string;
  customerName: string | null;
  breakdown: Record<string, unknown>;
  status: ProductionStatus;
  statusAt: number;
  placedAt: number;
  createdAt: number;
};

function rowOf(row: Selected): CustomOrderRow {
  const breakdown = row.breakdown as unknown as Breakdown;
  return {
    orderId: row.orderId,
    reference: row.reference,
    sku: row.sku,
    customerId: row.customerId,
    customerName: row.customerName,
    quantity: breakdown.quantity,
    total: breakdown.total,
    currency: breakdown.currency,
    status: row.status,
    statusAt: row.statusAt,
    placedAt: row.placedAt,
  };
}

function select(ctx: ServiceContext) {
  return ctx.db
    .select(rowColumns)
    .from(customOrders)
    .innerJoin(orders, eq(orders.id, customOrders.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId));
}

/**
 * A page of a site's custom orders, newest first, walking `custom_orders_site_created_idx`
 * by keyset; a status filter is applied on the way, and `day` bounds the range to one UTC day.
 */
export async function listCustomOrders(
  ctx: ServiceContext,
  site: Site,
  query: {
    status?: ProductionStatus | undefined;
    day?: string | undefined;
    before?: string | undefined;
    limit: number;
  },
): Promise<CustomOrderPage> {
  const where: (SQL | undefined)[] = [eq(customOrders.siteId, site.id)];
  if (query.status) where.push(eq(customOrders.status, query.status));
  if (query.day) {
    const [start, end] = dayRange(query.day);
    where.push(gte(customOrders.createdAt, start), lt(customOrders.createdAt, end));
  }
  if (query.before) {
    const [at, id] = query.before.split('~');
    const created = Number(at);
    if (!Number.isInteger(created) || !id) throw badRequest('validation_failed', 'before: not a cursor');
    where.push(
      or(
        lt(customOrders.createdAt, created),
        and(eq(customOrders.createdAt, created), lt(customOrders.orderId, id)),
      ),
    );
  }
  const rows = (await select(ctx)
    .where(and(...where))
    .orderBy(desc(customOrders.createdAt), desc(customOrders.orderId))
    .limit(query.limit + 1)) as Selected[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    orders: page.map(rowOf),
    next: rows.length > query.limit && last ? `${last.createdAt}~${last.orderId}` : null,
  };
}

/** The configuration in the model's words, group by group, for the factory floor. */
function specOf(model: ProductModel | undefined, config: Configuration): CustomOrderDetail['spec'] {
  if (!model) {
    return Object.entries(config.picks).map(([group, picks]) => ({
      group,
      choices: Object.entries(picks).map(([label, units]) => ({ label, units })),
    }));
  }
  return model.groups.flatMap((group) => {
    const picks = config.picks[group.id] ?? {};
    const choices = group.choices
      .filter((c) => (picks[c.id] ?? 0) > 0)
      .map((c) => ({ label: text(c.label, 'en'), units: picks[c.id] ?? 0 }));
    return choices.length > 0 ? [{ group: text(group.label, 'en'), choices }] : [];
  });
}

/** One custom order with its configuration in words, its priced lines and its status log. */
export async function customOrderDetail(
  ctx: ServiceContext,
  site: Site,
  orderId: string,
): Promise<CustomOrderDetail> {
  const [row] = (await select(ctx)
    .where(and(eq(customOrders.orderId, orderId), eq(customOrders.siteId, site.id)))
    .limit(1)) as (Selected & { customerEmail: string | null })[];
  if (!row) throw notFound('No such custom order');
  const custom = await ctx.db.query.customOrders.findFirst({ where: eq(customOrders.orderId, orderId) });
  if (!custom) throw notFound('No such custom order');
  const product = await ctx.db.query.configurableProducts.findFirst({
    where: and(eq(configurableProducts.siteId, site.id), eq(configurableProducts.sku, custom.sku)),
  });
  const log = await ctx.db
    .select()
    .from(customOrderStatusLog)
    .where(eq(customOrderStatusLog.orderId, orderId))
    .orderBy(asc(customOrderStatusLog.id));
  const configuration = custom.configuration as unknown as Configuration;
  const breakdown = custom.breakdown as unknown as Breakdown;
  return {
    ...rowOf(row),
    customerEmail: row.customerEmail,
    modelVersion: custom.modelVersion,
    configuration,
    spec: specOf(product?.model as unknown as ProductModel | undefined, configuration),
    lines: breakdown.lines,
    unitPrice: breakdown.unitPrice,
    log: log.map((l) => ({ status: l.status, note: l.note, actor: l.actor, at: l.at })),
  };
}

/** Where an order may go from `from`: any later step, or cancelled before delivery. */
export function allowedNext(from: ProductionStatus): ProductionStatus[] {
  if (from === 'delivered' || from === 'cancelled') return [];
  const at = PRODUCTION_STATUSES.indexOf(from);
  return PRODUCTION_STATUSES.filter((s, i) => (i > at && s !== 'cancelled') || s === 'cancelled');
}

/**
 * Moves a custom order on (forward only, or to cancelled before delivery) and logs who did it.
 * The update only applies while the order is still in the status it was read in, so two staff
 * moving the same order at once cannot both log a move.
 */
export async function changeStatus(
  ctx: ServiceContext,
  site: Site,
  orderId: string,
  change: { status: ProductionStatus; note?: string | undefined },
  actor: string,
): Promise<CustomOrderDetail> {
  const custom = await ctx.db.query.customOrders.findFirst({
    where: and(eq(customOrders.orderId, orderId), eq(customOrders.siteId, site.id)),
  });
  if (!custom) throw notFound('No such custom order');
  if (!allowedNext(custom.status).includes(change.status)) {
    throw conflict(
      'invalid_transition',
      `A custom order cannot go from ${custom.status} to ${change.status}`,
    );
  }
  const now = ctx.now();
  const moved = sql`(SELECT status FROM custom_orders WHERE order_id = ${orderId}) = ${change.status}`;
  await ctx.db.batch([
    ctx.db
      .update(customOrders)
      .set({ status: change.status, statusAt: now })
      .where(and(eq(customOrders.orderId, orderId), eq(customOrders.status, custom.status))),
    ctx.db.run(sql`INSERT INTO custom_order_status_log (site_id, order_id, status, note, actor, at)
      SELECT ${site.id}, ${orderId}, ${change.status}, ${change.note ?? null}, ${actor}, ${now}
      WHERE ${moved} AND changes() = 1`),
  ]);
  const after = await ctx.db.query.customOrders.findFirst({ where: eq(customOrders.orderId, orderId) });
  if (after?.status !== change.status || after.statusAt !== now) {
    throw conflict('invalid_transition', 'The order was moved on by someone else meanwhile; reload it');
  }
  return customOrderDetail(ctx, site, orderId);
}

/** A CSV field, quoted when needed; a leading formula character is defused for spreadsheets. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A UTC day's custom orders as CSV for the production line: one row per order, the
 * configuration spelled out as "Group: choice ×units; …".
 */
export async function exportDay(ctx: ServiceContext, site: Site, day: string): Promise<string> {
  const [start, end] = dayRange(day);
  const rows = await ctx.db
    .select({ custom: customOrders, name: customers.name, email: customers.email })
    .from(customOrders)
    .innerJoin(orders, eq(orders.id, customOrders.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(
        eq(customOrders.siteId, site.id),
        gte(customOrders.createdAt, start),
        lt(customOrders.createdAt, end),
      ),
    )
    .orderBy(asc(customOrders.createdAt), asc(customOrders.orderId));
  const models = new Map<string, ProductModel>();
  const skus = [...new Set(rows.map((r) => r.custom.sku))];
  for (const product of await ctx.db
    .select()
    .from(configurableProducts)
    .where(
      and(
        eq(configurableProducts.siteId, site.id),
        sql`${configurableProducts.sku} IN (${jsonValues(skus)})`,
      ),
    )) {
    models.set(product.sku, product.model as unknown as ProductModel);
  }
  const header = [
    'reference',
    'placed_at',
    'sku',
    'quantity',
    'configuration',
    'total',
    'currency',
    'status',
    'customer',
    'email',
  ];
  const lines = rows.map(({ custom, name, email }) => {
    const breakdown = custom.breakdown as unknown as Breakdown;
    const spec = specOf(models.get(custom.sku), custom.configuration as unknown as Configuration)
      .map(
        (g) =>
          `${g.group}: ${g.choices.map((c) => (c.units > 1 ? `${c.label} ×${c.units}` : c.label)).join(', ')}`,
      )
      .join('; ');
    return [
      custom.reference,
      new Date(custom.createdAt).toISOString(),
      custom.sku,
      breakdown.quantity,
      spec,
      (breakdown.total / 100).toFixed(2),
      breakdown.currency,
      custom.status,
      name ?? '',
      email ?? '',
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
