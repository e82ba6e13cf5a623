import { z } from 'zod';
import { pageLimit } from './common.ts';
import type { OrderResponse } from './orders.ts';
import type { RecentPage } from './me.ts';
import type { ConsentState } from './constants.ts';

/** `GET /v1/customers?q=&limit=&cursor=`: staff search by email, name or external id. */
export const customerSearch = z.strictObject({
  q: z.string().max(200).optional(),
  limit: pageLimit,
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type CustomerSearch = z.infer<typeof customerSearch>;

/** `:id` of `GET /v1/customers/:id`: a profile id as this API returns it. */
export const customerIdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a customer id');

/** A row of the staff list. */
export interface CustomerSummary {
  id: string;
  externalId: string | null;
  email: string | null;
  name: string | null;
  lastSeenAt: number;
  orders: number;
  revenueCents: number;
}

/** One page of search results. */
export interface CustomerList {
  customers: CustomerSummary[];
  nextCursor: string | null;
}

/** `GET /v1/customers/:id`: the whole profile staff work from. */
export interface CustomerProfile {
  id: string;
  externalId: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  consent: ConsentState;
  firstSeenAt: number;
  lastSeenAt: number;
  identifiedAt: number | null;
  stats: {
    pageViews: number;
    totalDwellMs: number;
    sessions: number;
    orders: number;
    revenueCents: number;
    lastOrderAt: number | null;
    topCategories: { category: string; count: number }[];
  };
  recentOrders: OrderResponse[];
  recentPages: RecentPage[];
}
