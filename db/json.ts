import { sql, type Placeholder, type SQL } from 'drizzle-orm';

// D1 binds at most 100 parameters per statement, so a list or a set of rows travels as ONE
// JSON parameter that json_each unpacks inside SQLite: the same SQL runs on D1 and libSQL.

/**
 * A subquery of one column, `value`, holding each of `values`: for `x IN (…)`. A placeholder
 * (a prepared query's) is bound later to the values' JSON.
 */
export function jsonValues(values: readonly unknown[] | Placeholder): SQL {
  return sql`SELECT value FROM json_each(${Array.isArray(values) ? JSON.stringify(values) : values})`;
}

/**
 * A parenthesised subquery with one column per field of `rows` (named as the field) and `ord`,
 * each row's position, so `INSERT … SELECT … ORDER BY ord` inserts in the order sent. Objects
 * and arrays in a field come back as JSON text, a missing field as NULL.
 *
 * Each row travels as an array of its fields' values in `fields` order, not as an object: the
 * JSON is smaller, and SQLite reads a value by its position instead of matching key names
 * (ingestion's 100-event insert spends a good part of its time here).
 */
export function jsonRows<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  fields: readonly (keyof Row & string)[],
): SQL {
  const columns = fields.map((field, i) => {
    // Field names go into the SQL text (a bound path per field would spend D1's parameters).
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`not a plain field name: ${field}`);
    return sql.raw(`json_extract(value, '$[${String(i)}]') AS "${field}"`);
  });
  const values = rows.map((row) => fields.map((field) => row[field] ?? null));
  return sql`(SELECT key AS ord, ${sql.join(columns, sql`, `)} FROM json_each(${JSON.stringify(values)}))`;
}
