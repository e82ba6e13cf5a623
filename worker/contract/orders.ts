import { z } from 'zod';
import { clientId } from './common.ts';
import { MAX_SKU_LENGTH } from './constants.ts';

/** Header that carries the idempotency key of an order. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** One order line. Name and category default to the catalogue entry of the sku. */
export const orderItem = z.strictObject({
  sku: z.string().min(1).max(MAX_SKU_LENGTH),
  name: z.string().min(1).max(200).optional(),
  category: z.string().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(10_000),
  unitPriceCents: z.number().int().min(0).max(100_000_000),
});

/** `POST /v1/orders` body, sent by the site's server with its secret key. */
export const orderRequest = z.strictObject({
  customer: z.strictObject({
    externalId: z.string().min(1).max(200),
    email: z.email().max(320).optional(),
    name: z.string().max(200).optional(),
  }),
  reference: z.string().max(100).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO 4217 code such as USD')
    .default('USD'),
  placedAt: z.number().int().min(0).optional(),
  items: z.array(orderItem).min(1).max(200),
});
export type OrderRequest = z.infer<typeof orderRequest>;

/** The idempotency key itself. */
export const idempotencyKey = clientId;

/** A stored order, replayed unchanged to a retry with the same key. */
export interface OrderResponse {
  id: string;
  customerId: string;
  reference: string | null;
  currency: string;
  totalCents: number;
  placedAt: number;
  items: { sku: string; name: string; category: string | null; quantity: number; unitPriceCents: number }[];
}
