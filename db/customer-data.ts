import {
  customOrderStatusLog,
  customOrders,
  designs,
  customerCategories,
  helpEscalations,
  helpSearches,
  helpViews,
  helpVotes,
  customerScores,
  customerStats,
  customers,
  events,
  offerEvents,
  offerExposures,
  orderItems,
  orders,
  ratings,
  satisfactionSurveys,
  referralAttributions,
  referralLinks,
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
  { table: customerScores, link: { kind: 'column', column: customerScores.customerId } },
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
  { table: helpVotes, link: { kind: 'through', column: helpVotes.visitorId, parent: visitors } },
  { table: helpSearches, link: { kind: 'through', column: helpSearches.visitorId, parent: visitors } },
  { table: helpViews, link: { kind: 'through', column: helpViews.visitorId, parent: visitors } },
  { table: helpEscalations, link: { kind: 'through', column: helpEscalations.visitorId, parent: visitors } },
  { table: designs, link: { kind: 'column', column: designs.customerId } },
  { table: customOrders, link: { kind: 'through', column: customOrders.orderId, parent: orders } },
  {
    table: customOrderStatusLog,
    link: { kind: 'through', column: customOrderStatusLog.orderId, parent: customOrders },
  },
  { table: offerExposures, link: { kind: 'column', column: offerExposures.customerId } },
  { table: offerEvents, link: { kind: 'through', column: offerEvents.exposureId, parent: offerExposures } },
  { table: referralLinks, link: { kind: 'column', column: referralLinks.customerId } },
  { table: referralAttributions, link: { kind: 'column', column: referralAttributions.customerId } },
];
