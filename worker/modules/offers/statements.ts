import { eq, sql } from 'drizzle-orm';
import { customers, offerExposures } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/types.ts';

/**
 * A query built once per database handle: drizzle otherwise builds the SQL text of a query on
 * every call, which cost about as much as running these on the embedded database.
 */
function builtOnce<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const byDb = new WeakMap<Db, Q>();
  return (db) => {
    let query = byDb.get(db);
    if (query === undefined) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}

/** The columns of an exposure a decision needs. */
export const EXPOSURE_COLUMNS = {
  id: offerExposures.id,
  offerId: offerExposures.offerId,
  group: offerExposures.group,
  impressions: offerExposures.impressions,
  dismissedAt: offerExposures.dismissedAt,
  convertedAt: offerExposures.convertedAt,
};

/** A profile's id and external id (`{ id }`). */
export const profileById = builtOnce((db) =>
  db
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * Every exposure of a profile (`{ customerId }`): one row per offer it was ever shown, a
 * handful, read by the unique key's prefix.
 */
export const exposuresOf = builtOnce((db) =>
  db
    .select(EXPOSURE_COLUMNS)
    .from(offerExposures)
    .where(eq(offerExposures.customerId, sql.placeholder('customerId')))
    .prepare(),
);
