import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { siteRef } from './sites.ts';
import { customerRef, customers } from './customers.ts';
import type { OfferEventType, OfferGroup, OfferStatus } from '../../worker/contract/constants.ts';

/** An offer's texts in one locale; absent fields fall back to the base texts. */
export interface OfferLocaleText {
  title?: string;
  body?: string;
  ctaLabel?: string;
}

/**
 * A one-to-one offer: what a banner shows, to whom (targeting), and how much of its audience
 * is held back as a randomized control group. Counters at the end are kept by the writes that
 * change them, so the decision path reads budget and expected value without counting.
 */
export const offers = sqliteTable(
  'offers',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    name: text('name').notNull(),
    status: text('status').$type<OfferStatus>().notNull().default('draft'),
    /** Where a banner asks for an offer, e.g. `home-hero`. */
    placement: text('placement').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    imageUrl: text('image_url'),
    ctaLabel: text('cta_label'),
    ctaUrl: text('cta_url'),
    discountCode: text('discount_code'),
    /** The discount shown: a percentage or an amount in the site's currency, or none. */
    discountPercent: integer('discount_percent'),
    discountAmountCents: integer('discount_amount_cents'),
    /** Texts per locale (`zh-CN`, `zh-TW`…); the base fields are the fallback. */
    locales: text('locales', { mode: 'json' }).$type<Record<string, OfferLocaleText>>().notNull().default({}),
    /** Skus the offer promotes: a customer who bought one of them is never offered it. */
    skus: text('skus', { mode: 'json' }).$type<string[]>().notNull().default([]),
    startsAt: integer('starts_at'),
    endsAt: integer('ends_at'),
    /** Higher first; ties are broken by expected revenue per exposed visitor. */
    priority: integer('priority').notNull().default(0),
    /** Most impressions one person gets; null: no cap. */
    frequencyCap: integer('frequency_cap'),
    /** Most conversions in the treatment group the offer pays for; null: no budget. */
    budget: integer('budget'),
    /** Every rule must hold (AND); the contract's `targetingRule` parses each on the way out. */
    targeting: text('targeting', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
    /** The site's customer ids (`external_id`) never offered this. */
    excludeExternalIds: text('exclude_external_ids', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default([]),
    /** Share of the audience held back, in percent. */
    holdoutPercent: integer('holdout_percent').notNull().default(10),
    /** Set to allow a 0 % holdout; the report flags such an offer as unmeasured. */
    holdoutOverride: integer('holdout_override', { mode: 'boolean' }).notNull().default(false),
    /** An order within this many days of the first exposure converts it. */
    attributionDays: integer('attribution_days').notNull().default(7),
    /** A referral offer: its banner hands out each customer's own referral link. */
    referral: integer('referral', { mode: 'boolean' }).notNull().default(false),
    /** Counters: exposures per group, treatment conversions and their revenue. */
    treatmentExposed: integer('treatment_exposed').notNull().default(0),
    treatmentConversions: integer('treatment_conversions').notNull().default(0),
    treatmentRevenueCents: integer('treatment_revenue_cents').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('offers_site_status_idx').on(t.siteId, t.status, t.placement)],
);

/**
 * One person's assignment to one offer: the group drawn for them and what followed. One row
 * per profile and offer; `person_key` records what the group was drawn from (the visitor id
 * while anonymous, the profile id once identified). The row follows the profile through
 * identify: promotion keeps the profile, a merge moves the row unless the target has its own.
 */
export const offerExposures = sqliteTable(
  'offer_exposures',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    customerId: customerRef(),
    personKey: text('person_key').notNull(),
    group: text('group').$type<OfferGroup>().notNull(),
    /** Audience the person was in when first exposed (`anonymous`, `identified`, a score segment…). */
    segment: text('segment').notNull(),
    firstExposedAt: integer('first_exposed_at').notNull(),
    /** UTC day number (epoch days) of the first exposure, for the report's daily series. */
    exposedDay: integer('exposed_day').notNull(),
    impressions: integer('impressions').notNull().default(0),
    lastImpressionAt: integer('last_impression_at'),
    clickedAt: integer('clicked_at'),
    dismissedAt: integer('dismissed_at'),
    convertedAt: integer('converted_at'),
    orderId: text('order_id'),
    revenueCents: integer('revenue_cents').notNull().default(0),
  },
  (t) => [
    uniqueIndex('offer_exposures_customer_offer_uq').on(t.customerId, t.offerId),
    // The report reads one offer's rows from this index alone (it covers every column the report
    // sums), in the order it groups them: no table lookup and no sort, even at a million rows.
    index('offer_exposures_report_idx').on(
      t.siteId,
      t.offerId,
      t.segment,
      t.group,
      t.exposedDay,
      t.impressions,
      t.clickedAt,
      t.convertedAt,
      t.revenueCents,
    ),
  ],
);

/** The log of what happened to an exposure: impressions, clicks, dismissals, conversions. */
export const offerEvents = sqliteTable(
  'offer_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: siteRef(),
    exposureId: text('exposure_id')
      .notNull()
      .references(() => offerExposures.id, { onDelete: 'cascade' }),
    type: text('type').$type<OfferEventType>().notNull(),
    /** The client's id of a browser event, so a retry is stored once. */
    clientEventId: text('client_event_id'),
    orderId: text('order_id'),
    revenueCents: integer('revenue_cents'),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('offer_events_site_client_uq').on(t.siteId, t.clientEventId),
    index('offer_events_exposure_idx').on(t.exposureId, t.type),
    index('offer_events_order_idx')
      .on(t.orderId)
      .where(sql`${t.orderId} IS NOT NULL`),
  ],
);

/** A customer's personal referral link for a referral offer; `code` is what the URL carries. */
export const referralLinks = sqliteTable(
  'referral_links',
  {
    code: text('code').primaryKey(),
    siteId: siteRef(),
    customerId: customerRef(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('referral_links_customer_offer_uq').on(t.customerId, t.offerId)],
);

/** A visitor who arrived through a referral link, attributed to the link's owner once. */
export const referralAttributions = sqliteTable(
  'referral_attributions',
  {
    id: text('id').primaryKey(),
    siteId: siteRef(),
    code: text('code')
      .notNull()
      .references(() => referralLinks.code, { onDelete: 'cascade' }),
    /** The referred person's profile. */
    customerId: customerRef(),
    /** The link owner, kept beside the code so their list of referrals is one index read. */
    referrerId: text('referrer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    attributedAt: integer('attributed_at').notNull(),
  },
  (t) => [
    uniqueIndex('referral_attributions_customer_uq').on(t.customerId),
    // Led by the code so erasing a link's owner checks this foreign key without a scan.
    index('referral_attributions_code_idx').on(t.code),
    index('referral_attributions_referrer_idx').on(t.referrerId, t.attributedAt),
  ],
);

export type Offer = typeof offers.$inferSelect;
export type OfferExposure = typeof offerExposures.$inferSelect;
export type ReferralLink = typeof referralLinks.$inferSelect;
