import { eq, sql } from 'drizzle-orm';
import { customers, offerExposures } from '../../../db/schema/index.ts';
import { preparedQuery } from '../../../db/prepared.ts';

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
export const profileById = preparedQuery((db) =>
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
export const exposuresOf = preparedQuery((db) =>
  db
    .select(EXPOSURE_COLUMNS)
    .from(offerExposures)
    .where(eq(offerExposures.customerId, sql.placeholder('customerId')))
    .prepare(),
);
