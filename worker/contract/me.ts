import { z } from 'zod';
import type { ProductionStatus } from './constants.ts';

/** A page the visitor viewed recently, newest first. */
export interface RecentPage {
  path: string;
  title: string | null;
  viewedAt: number;
  dwellMs: number | null;
}

/** An order as the customer sees it on their own card. */
export interface MyOrder {
  reference: string | null;
  placedAt: number;
  totalCents: number;
  currency: string;
  items: { name: string; quantity: number }[];
  /** Where a custom order (placed through `<crm-order-builder>`) stands in production; absent for other orders. */
  production?: ProductionStatus;
}

/**
 * `GET /v1/me`: the visitor's own profile, with the least personal data the card needs
 * (no email, phone or attributes: the host page can read whatever a widget shows).
 */
export interface MeResponse {
  identified: boolean;
  name: string | null;
  memberSince: number;
  pageViews: number;
  orders: number;
  recentOrders: MyOrder[];
  recentPages: RecentPage[];
}

/** `POST /v1/me/consent`: the visitor's choice about tracking, recorded on their profile. */
export const consentRequest = z.strictObject({ granted: z.boolean() });
export type ConsentRequest = z.infer<typeof consentRequest>;
