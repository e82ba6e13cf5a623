import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_DATA } from './customer-data.ts';
import * as schema from './schema/index.ts';

const tables: SQLiteTable[] = Object.values(schema).flatMap((value) =>
  is(value, SQLiteTable) ? [value] : [],
);
const registered = new Set(CUSTOMER_DATA.map((entry) => getTableConfig(entry.table).name));

/** Column names that mean "this row is about a person", whether or not a foreign key says so. */
const PERSONAL_COLUMNS = new Set(['customer_id', 'visitor_id']);

/** Names of the tables a table's foreign keys point at. */
function referencedTables(table: SQLiteTable): string[] {
  return getTableConfig(table).foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
}

describe('customer-data registry', () => {
  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))(
    '%s is declared if it holds a customer’s data',
    (name, table) => {
      const config = getTableConfig(table);
      const personal =
        config.columns.some((column) => PERSONAL_COLUMNS.has(column.name)) ||
        referencedTables(table).some((parent) => registered.has(parent) && parent !== 'sites');
      if (personal)
        expect(registered, `${name} links to a customer but is not in CUSTOMER_DATA`).toContain(name);
    },
  );

  it('declares each table once, and links only through declared tables and their own columns', () => {
    expect(registered.size).toBe(CUSTOMER_DATA.length);
    for (const { table, link } of CUSTOMER_DATA) {
      const config = getTableConfig(table);
      if (link.kind === 'self') continue;
      expect(config.columns).toContain(link.column);
      if (link.kind === 'through') expect(registered).toContain(getTableConfig(link.parent).name);
    }
  });

  it('knows the tables a customer’s data lives in today', () => {
    expect([...registered].sort()).toEqual(
      [
        'customer_categories',
        'customer_scores',
        'customer_stats',
        'customers',
        'custom_order_status_log',
        'custom_orders',
        'designs',
        'events',
        'help_escalations',
        'help_searches',
        'help_views',
        'help_votes',
        'order_items',
        'orders',
        'ratings',
        'satisfaction_surveys',
        'offer_events',
        'offer_exposures',
        'referral_attributions',
        'referral_links',
        'sessions',
        'ticket_attachments',
        'ticket_events',
        'ticket_messages',
        'tickets',
        'visitors',
      ].sort(),
    );
  });
});
