import {
  customerCategories,
  customerStats,
  customers,
  events,
  orderItems,
  orders,
  ratings,
  satisfactionSurveys,
  sessions,
  ticketAttachments,
  ticketEvents,
  ticketMessages,
  tickets,
  visitors,
} from './schema/index.ts';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * How a table's rows belong to a customer:
 * - `self`: the row is the profile;
 * - `column`: the column holds the profile's id;
 * - `through`: the column points at a row of another registered table that belongs to the customer.
 */
export type CustomerLink =
  | { kind: 'self' }
  | { kind: 'column'; column: SQLiteColumn }
  | { kind: 'through'; column: SQLiteColumn; parent: SQLiteTable };

/** One table holding a customer's personal data, and how to find a customer's rows in it. */
export interface CustomerData {
  table: SQLiteTable;
  link: CustomerLink;
}

/**
 * Every table that holds a customer's data, in one place: export and erasure walk this list,
 * so a table missing here would be left out of both. `db/customer-data.test.ts` fails when a
 * table with a customer, visitor or order reference is not declared.
 */
export const CUSTOMER_DATA: readonly CustomerData[] = [
  { table: customers, link: { kind: 'self' } },
  { table: customerStats, link: { kind: 'column', column: customerStats.customerId } },
  { table: customerCategories, link: { kind: 'column', column: customerCategories.customerId } },
  { table: visitors, link: { kind: 'column', column: visitors.customerId } },
  { table: sessions, link: { kind: 'column', column: sessions.customerId } },
  { table: events, link: { kind: 'column', column: events.customerId } },
  { table: orders, link: { kind: 'column', column: orders.customerId } },
  { table: orderItems, link: { kind: 'through', column: orderItems.orderId, parent: orders } },
  { table: tickets, link: { kind: 'column', column: tickets.customerId } },
  { table: ticketMessages, link: { kind: 'through', column: ticketMessages.ticketId, parent: tickets } },
  {
    table: ticketAttachments,
    link: { kind: 'through', column: ticketAttachments.ticketId, parent: tickets },
  },
  { table: ticketEvents, link: { kind: 'column', column: ticketEvents.customerId } },
  { table: ratings, link: { kind: 'column', column: ratings.customerId } },
  { table: satisfactionSurveys, link: { kind: 'column', column: satisfactionSurveys.customerId } },
];
