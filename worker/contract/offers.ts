import { z } from 'zod';
import { LIFECYCLE_STAGES, RFM_SEGMENTS, VALUE_TIERS } from './shared/scoring.ts';
import { clientId } from './common.ts';
import {
  MAX_SKU_LENGTH,
  MAX_URL_LENGTH,
  OFFER_BROWSER_EVENTS,
  OFFER_STATUSES,
  type OfferGroup,
} from './constants.ts';

const label = z.string().trim().min(1).max(100);
const labels = z.array(label).min(1).max(50);
const skus = z.array(z.string().min(1).max(MAX_SKU_LENGTH)).max(100);
const days = z.number().int().min(1).max(365);
/** Links an offer shows: http(s) only, so no `javascript:` URL ever reaches a banner. */
const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine(
    (value) => /^https?:\/\//i.test(value) || /^\/(?!\/)/.test(value),
    'an http(s) URL or a path from /',
  );

/**
 * One targeting rule; an offer's rules must all hold. Each kind names the data source that
 * answers it (see `worker/modules/offers/targeting.ts`): the request, the profile, its
 * browsing, its purchases, or the customer-intelligence scores.
 */
export const targetingRule = z.discriminatedUnion('kind', [
  /** Anonymous visitors or identified customers only. */
  z.strictObject({ kind: z.literal('audience'), identified: z.boolean() }),
  /** Viewed a product of one of these categories in the last `days` days. */
  z.strictObject({ kind: z.literal('viewedCategory'), categories: labels, days }),
  /** Viewed one of these products in the last `days` days. */
  z.strictObject({ kind: z.literal('viewedProduct'), skus: skus.min(1), days }),
  /** Bought one of `bought` and none of `notBought`. */
  z.strictObject({ kind: z.literal('boughtNotBought'), bought: skus.min(1), notBought: skus }),
  /** The page's path (a pattern from `/`) or whole URL matches; `*` stands for any run of characters. */
  z.strictObject({ kind: z.literal('pageUrl'), pattern: z.string().min(1).max(500) }),
  /** The page's language starts with one of these tags (`zh` matches `zh-CN`). */
  z.strictObject({ kind: z.literal('language'), languages: labels }),
  /** Customer-intelligence scores (RFM segment, value tier, lifecycle stage, churn risk, look-alike group). */
  z.strictObject({ kind: z.literal('rfmSegment'), segments: z.array(z.enum(RFM_SEGMENTS)).min(1).max(20) }),
  z.strictObject({ kind: z.literal('valueTier'), tiers: z.array(z.enum(VALUE_TIERS)).min(1).max(3) }),
  z.strictObject({
    kind: z.literal('lifecycleStage'),
    stages: z.array(z.enum(LIFECYCLE_STAGES)).min(1).max(10),
  }),
  z
    .strictObject({
      kind: z.literal('churnRisk'),
      min: z.number().min(0).max(1),
      max: z.number().min(0).max(1),
    })
    .refine((rule) => rule.min <= rule.max, 'min must not exceed max'),
  z.strictObject({ kind: z.literal('lookalikeGroup'), groupIds: labels }),
  /**
   * A cross-sell rule suggests a product this customer has not bought; `ruleIds` narrow it to
   * rules written `bought>suggested` (`LAMP-01>BULB-02`, pairs as `A+B>C`).
   */
  z.strictObject({ kind: z.literal('crossSell'), ruleIds: labels.optional() }),
]);
export type TargetingRule = z.infer<typeof targetingRule>;
export type TargetingKind = TargetingRule['kind'];

const localeText = z.strictObject({
  title: z.string().trim().min(1).max(120).optional(),
  body: z.string().max(500).optional(),
  ctaLabel: z.string().trim().min(1).max(40).optional(),
});

/** What staff edit: everything but the counters. */
const offerFields = z.strictObject({
  name: z.string().trim().min(1).max(120),
  placement: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -'),
  title: z.string().trim().min(1).max(120),
  body: z.string().max(500).default(''),
  imageUrl: httpUrl.nullable().default(null),
  ctaLabel: z.string().trim().min(1).max(40).nullable().default(null),
  ctaUrl: httpUrl.nullable().default(null),
  discountCode: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .nullable()
    .default(null),
  discountPercent: z.number().int().min(1).max(100).nullable().default(null),
  discountAmountCents: z.number().int().min(1).max(100_000_000).nullable().default(null),
  locales: z.partialRecord(z.enum(['en', 'zh-CN', 'zh-TW']), localeText).default({}),
  skus: skus.default([]),
  startsAt: z.number().int().min(0).nullable().default(null),
  endsAt: z.number().int().min(0).nullable().default(null),
  priority: z.number().int().min(-1000).max(1000).default(0),
  frequencyCap: z.number().int().min(1).max(1000).nullable().default(null),
  budget: z.number().int().min(1).max(100_000_000).nullable().default(null),
  targeting: z.array(targetingRule).max(20).default([]),
  excludeExternalIds: z.array(z.string().min(1).max(200)).max(1000).default([]),
  holdoutPercent: z.number().int().min(0).max(50).default(10),
  holdoutOverride: z.boolean().default(false),
  attributionDays: z.number().int().min(1).max(90).default(7),
  referral: z.boolean().default(false),
});

/** The checks across fields, shared by create and update. */
function consistent(offer: z.infer<typeof offerFields>, ctx: z.RefinementCtx) {
  if (offer.startsAt !== null && offer.endsAt !== null && offer.endsAt <= offer.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'the end must come after the start' });
  }
  if (offer.holdoutPercent === 0 && !offer.holdoutOverride) {
    ctx.addIssue({
      code: 'custom',
      path: ['holdoutPercent'],
      message: 'a 0 % holdout leaves nothing to compare with; set holdoutOverride to allow it',
    });
  }
  if (offer.discountPercent !== null && offer.discountAmountCents !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['discountAmountCents'],
      message: 'a percentage or an amount, not both',
    });
  }
}

/** `POST /console/api/sites/:siteId/offers` and `PUT …/offers/:offerId`: the whole offer. */
export const offerInput = offerFields.superRefine(consistent);
export type OfferInput = z.infer<typeof offerInput>;

/** `POST …/offers/:offerId/status`: launch, pause, resume. */
export const offerStatusRequest = z.strictObject({ status: z.enum(OFFER_STATUSES) });

/** `POST …/offers/audience`: the audience a draft's rules would reach. */
export const audienceRequest = z.strictObject({ targeting: z.array(targetingRule).max(20) });

/** An offer as the console reads it. */
export interface OfferView extends OfferInput {
  id: string;
  status: (typeof OFFER_STATUSES)[number];
  treatmentExposed: number;
  treatmentConversions: number;
  treatmentRevenueCents: number;
  createdAt: number;
  updatedAt: number;
}

/** `POST …/offers/audience`: profiles seen in the last 90 days the rules would reach today. */
export interface AudienceEstimate {
  /** Profiles matching every rule that can be answered from stored data. */
  matching: number;
  /** Profiles looked at (the newest seen, at most the sample size). */
  sampled: number;
  /** Profiles seen in the window, for scaling the sample. */
  total: number;
  /** Rule kinds the estimate could not evaluate (request-time rules: page, language). */
  requestTimeKinds: string[];
}

/** `POST /v1/offers/decide`: the banner asks which offer (if any) to show here. */
export const decideRequest = z.strictObject({
  placement: offerFields.shape.placement,
  url: z.string().max(MAX_URL_LENGTH).optional(),
  language: z.string().max(35).optional(),
  /** A referral code from the page's URL, attributing this visitor to its owner. */
  referralCode: z.string().min(8).max(64).optional(),
});
export type DecideRequest = z.infer<typeof decideRequest>;

/** The offer a banner renders: texts already in the asked language. */
export interface DecidedOffer {
  exposureId: string;
  offerId: string;
  title: string;
  body: string;
  imageUrl: string | null;
  ctaLabel: string | null;
  ctaUrl: string | null;
  discountCode: string | null;
  discountPercent: number | null;
  discountAmountCents: number | null;
  /** For a referral offer: the customer's own link to share. */
  referralUrl: string | null;
}

/**
 * `POST /v1/offers/decide`: an offer, or `null` for nothing to show. A visitor held back in
 * the control group gets `null` too: they cannot tell, and the site shows its default content.
 */
export interface DecideResponse {
  offer: DecidedOffer | null;
}

/** `POST /v1/offers/events`: what the banner saw the visitor do with the offer it showed. */
export const offerEventRequest = z.strictObject({
  exposureId: z.string().min(1).max(64),
  type: z.enum(OFFER_BROWSER_EVENTS),
  eventId: clientId,
});

/** One arm of an offer's test. */
export interface ArmFigures {
  exposed: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenueCents: number;
  /** Clicks per exposed person (control never sees anything, so 0 there). */
  clickRate: number;
  conversionRate: number;
  revenuePerExposedCents: number;
}

/** A difference between the arms with its 95 % interval. */
export interface Uplift {
  /** Treatment minus control. */
  absolute: number;
  absoluteLow: number;
  absoluteHigh: number;
  /** (treatment − control) / control; null when control is 0. */
  relative: number | null;
  relativeLow: number | null;
  relativeHigh: number | null;
  /** Two-sided p-value of no difference. */
  pValue: number;
  significant: boolean;
}

/** The test in one audience (all, or one segment). */
export interface ReportSlice {
  segment: string;
  arms: Record<OfferGroup, ArmFigures>;
  conversionUplift: Uplift;
  revenueUplift: Uplift;
  /** Too few people or conversions in an arm to say anything. */
  smallSample: boolean;
}

/** `GET …/offers/:offerId/report`. */
export interface OfferReport {
  offerId: string;
  holdoutPercent: number;
  /** The offer runs without a control group (0 % by override): nothing is measured. */
  unmeasured: boolean;
  overall: ReportSlice;
  segments: ReportSlice[];
  /** Sample-ratio check: chi-square of the arms' sizes against the planned split. */
  sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean };
  /** Per UTC day of first exposure: people exposed and converted, per arm. */
  daily: { day: string; group: OfferGroup; exposed: number; conversions: number }[];
}
