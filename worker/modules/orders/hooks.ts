import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/types.ts';

/** A new order, as the statements other modules add to its batch see it. */
export interface PlacedOrder {
  siteId: string;
  orderId: string;
  placedAt: number;
  totalCents: number;
}

/**
 * Statements another module adds to the batch that records an order (offers attribute
 * conversions this way). They commit with the order or not at all, and must change nothing
 * when the order row was not inserted (a replay).
 */
export type OrderHook = (db: Db, order: PlacedOrder) => BatchItem<'sqlite'>[];
