import { and, eq, sql } from 'drizzle-orm';
import { offers, type Site } from '../../../db/schema/index.ts';
import type { OfferGroup } from '../../contract/constants.ts';
import type { ArmFigures, OfferReport, ReportSlice, Uplift } from '../../contract/offers.ts';
import { notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { meanDifference, proportionDifference, sampleRatio, type Difference } from './stats.ts';

const DAY_MS = 86_400_000;

/** Fewest people per arm before the report says anything. */
export const MIN_ARM_SIZE = 100;
/** Fewest conversions (and non-conversions) per arm for the normal approximations to hold. */
export const MIN_ARM_EVENTS = 5;

interface ArmRow {
  segment: string;
  grp: OfferGroup;
  exposed: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
  revenueSquares: number;
}

const EMPTY: Omit<ArmRow, 'segment' | 'grp'> = {
  exposed: 0,
  impressions: 0,
  clicks: 0,
  conversions: 0,
  revenue: 0,
  revenueSquares: 0,
};

function arm(row: Omit<ArmRow, 'segment' | 'grp'>): ArmFigures {
  const rate = (x: number) => (row.exposed ? x / row.exposed : 0);
  return {
    exposed: row.exposed,
    impressions: row.impressions,
    clicks: row.clicks,
    conversions: row.conversions,
    revenueCents: row.revenue,
    clickRate: rate(row.clicks),
    conversionRate: rate(row.conversions),
    revenuePerExposedCents: rate(row.revenue),
  };
}

function uplift(d: Difference): Uplift {
  return {
    absolute: d.estimate,
    absoluteLow: d.low,
    absoluteHigh: d.high,
    relative: d.relative,
    relativeLow: d.relativeLow,
    relativeHigh: d.relativeHigh,
    pValue: d.pValue,
    significant: d.pValue < 0.05,
  };
}

function add(a: Omit<ArmRow, 'segment' | 'grp'>, b: Omit<ArmRow, 'segment' | 'grp'>) {
  return {
    exposed: a.exposed + b.exposed,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    conversions: a.conversions + b.conversions,
    revenue: a.revenue + b.revenue,
    revenueSquares: a.revenueSquares + b.revenueSquares,
  };
}

/** The comparison of the arms in one audience. */
export function slice(
  segment: string,
  treatment: Omit<ArmRow, 'segment' | 'grp'>,
  control: Omit<ArmRow, 'segment' | 'grp'>,
): ReportSlice {
  const small = [treatment, control].some(
    (a) =>
      a.exposed < MIN_ARM_SIZE ||
      a.conversions < MIN_ARM_EVENTS ||
      a.exposed - a.conversions < MIN_ARM_EVENTS,
  );
  return {
    segment,
    arms: { treatment: arm(treatment), control: arm(control) },
    conversionUplift: uplift(
      proportionDifference(treatment.conversions, treatment.exposed, control.conversions, control.exposed),
    ),
    revenueUplift: uplift(
      meanDifference(
        { n: treatment.exposed, sum: treatment.revenue, sumSquares: treatment.revenueSquares },
        { n: control.exposed, sum: control.revenue, sumSquares: control.revenueSquares },
      ),
    ),
    smallSample: small,
  };
}

/**
 * An offer's test: per arm and segment, people exposed (intention to treat: everyone assigned,
 * shown or not), clicks, conversions and revenue, the uplift with 95 % intervals, and the
 * sample-ratio check. One pass over the offer's exposures, by its index.
 */
export async function offerReport(ctx: ServiceContext, site: Site, offerId: string): Promise<OfferReport> {
  const offer = await ctx.db.query.offers.findFirst({
    columns: { id: true, holdoutPercent: true, holdoutOverride: true },
    where: and(eq(offers.id, offerId), eq(offers.siteId, site.id)),
  });
  if (!offer) throw notFound('No such offer');
  // One pass over the covering index, grouped as the index is ordered; totals and the daily
  // series are both summed from these rows.
  const rows = await ctx.db.all<ArmRow & { day: number }>(sql`
    SELECT segment, "group" AS grp, exposed_day AS day, count(*) AS exposed,
      sum(impressions > 0) AS impressions, sum(clicked_at IS NOT NULL) AS clicks,
      sum(converted_at IS NOT NULL) AS conversions, sum(revenue_cents) AS revenue,
      sum(revenue_cents * revenue_cents) AS revenueSquares
    FROM offer_exposures WHERE site_id = ${site.id} AND offer_id = ${offerId}
    GROUP BY segment, "group", exposed_day`);
  const byDay = new Map<string, { day: string; group: OfferGroup; exposed: number; conversions: number }>();
  for (const row of rows) {
    const day = new Date(row.day * DAY_MS).toISOString().slice(0, 10);
    const entry = byDay.get(`${day}|${row.grp}`) ?? { day, group: row.grp, exposed: 0, conversions: 0 };
    entry.exposed += row.exposed;
    entry.conversions += row.conversions;
    byDay.set(`${day}|${row.grp}`, entry);
  }
  const daily = [...byDay.values()].sort((a, b) =>
    a.day === b.day ? (a.group < b.group ? -1 : 1) : a.day < b.day ? -1 : 1,
  );

  const bySegment = new Map<string, Record<OfferGroup, Omit<ArmRow, 'segment' | 'grp'>>>();
  const total = { treatment: EMPTY, control: EMPTY };
  for (const row of rows) {
    const entry = bySegment.get(row.segment) ?? { treatment: EMPTY, control: EMPTY };
    entry[row.grp] = add(entry[row.grp], row);
    total[row.grp] = add(total[row.grp], row);
    bySegment.set(row.segment, entry);
  }
  return {
    offerId,
    holdoutPercent: offer.holdoutPercent,
    unmeasured: offer.holdoutPercent === 0,
    overall: slice('all', total.treatment, total.control),
    segments: [...bySegment]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([segment, arms]) => slice(segment, arms.treatment, arms.control)),
    sampleRatio: sampleRatio(total.treatment.exposed, total.control.exposed, offer.holdoutPercent / 100),
    daily,
  };
}
