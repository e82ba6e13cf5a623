import { and, eq, sql } from 'drizzle-orm';
import { offerExposures, offers, type Site, type Visitor } from '../../../db/schema/index.ts';
import type { OfferGroup } from '../../contract/constants.ts';
import type { DecidedOffer, DecideRequest, DecideResponse } from '../../contract/offers.ts';
import type { ServiceContext } from '../context.ts';
import { assign } from './assignment.ts';
import type { CallerProfile } from './caller.ts';
import type { LiveOffer, OfferCache } from './cache.ts';
import { localized } from './locale.ts';
import { EXPOSURE_COLUMNS, exposuresOf } from './statements.ts';
import { attributeReferral, referralLinkFor } from './referrals.ts';
import { FactLoader, type OfferDataSources } from './sources.ts';
import { allMatch, sourcesOf, type RequestFacts, type SourceName } from './targeting.ts';

/** What the decision path needs beyond the service context. */
export interface OfferDeps {
  cache: OfferCache;
  sources: OfferDataSources;
}

/** An exposure already recorded for this profile and an offer. */
type Exposure = Pick<
  typeof offerExposures.$inferSelect,
  'id' | 'offerId' | 'group' | 'impressions' | 'dismissedAt' | 'convertedAt'
>;

const DAY_MS = 86_400_000;

/** Weight, in exposed people, of the placement's average in each offer's expected value. */
const PRIOR_EXPOSED = 100;

/**
 * Expected revenue per exposed treatment visitor, shrunk toward the average of the candidates:
 * an offer with few exposures is ranked near the average, not at 0 or at one lucky order.
 */
function expectedValues(candidates: readonly LiveOffer[]): Map<string, number> {
  const revenue = candidates.reduce((sum, o) => sum + o.treatmentRevenueCents, 0);
  const exposed = candidates.reduce((sum, o) => sum + o.treatmentExposed, 0);
  const mean = exposed > 0 ? revenue / exposed : 0;
  return new Map(
    candidates.map((o) => [
      o.id,
      (o.treatmentRevenueCents + PRIOR_EXPOSED * mean) / (o.treatmentExposed + PRIOR_EXPOSED),
    ]),
  );
}

function requestFacts(input: DecideRequest): RequestFacts {
  let url: URL | null;
  try {
    url = input.url ? new URL(input.url) : null;
  } catch {
    url = null;
  }
  return { url, language: input.language ?? null };
}

/** Whether an offer runs at this moment and still has budget (by the cached counters). */
function running(offer: LiveOffer, now: number): boolean {
  if (offer.startsAt !== null && now < offer.startsAt) return false;
  if (offer.endsAt !== null && now >= offer.endsAt) return false;
  return offer.budget === null || offer.treatmentConversions < offer.budget;
}

/** Whether a recorded exposure still lets the offer be shown. */
function stillOpen(offer: LiveOffer, exposure: Exposure | undefined): boolean {
  if (!exposure) return true;
  if (exposure.dismissedAt !== null || exposure.convertedAt !== null) return false;
  return offer.frequencyCap === null || exposure.impressions < offer.frequencyCap;
}

/**
 * Picks the single best offer for a visitor at a placement, records the exposure, and answers
 * what to render. Ranking: priority, then expected value. The winner's group is the one
 * already recorded for the profile, else drawn by {@link assign} from the person key (the
 * profile id once identified, the visitor id before). Treatment gets the offer; control is
 * recorded as exposed and gets `null`, like a visitor with no eligible offer.
 */
export async function decide(
  ctx: ServiceContext,
  deps: OfferDeps,
  site: Site,
  visitor: Visitor,
  profile: CallerProfile,
  input: DecideRequest,
): Promise<DecideResponse> {
  const now = ctx.now();
  const identified = profile.externalId !== null;
  if (input.referralCode) await attributeReferral(ctx, site.id, profile.id, input.referralCode);

  const request = requestFacts(input);
  const loader = new FactLoader(ctx, deps.sources, site.id, {
    request,
    profile: { customerId: profile.id, identified, externalId: profile.externalId },
  });
  const candidates = (await deps.cache.live(site.id, input.placement)).filter(
    (offer) =>
      running(offer, now) &&
      !(profile.externalId !== null && offer.excludeExternalIds.includes(profile.externalId)),
  );
  if (candidates.length === 0) return { offer: null };

  // Every exposure of the profile; only the candidates' are looked up.
  const exposures = new Map(
    (await exposuresOf(ctx.db).all({ customerId: profile.id })).map((row) => [row.offerId, row]),
  );
  const open = candidates.filter((offer) => stillOpen(offer, exposures.get(offer.id)));
  if (open.length === 0) return { offer: null };

  const needed = new Set<SourceName>(open.flatMap((offer) => [...sourcesOf(offer.targeting)]));
  if (open.some((offer) => offer.skus.length > 0)) needed.add('purchases');
  const facts = await loader.facts(needed);
  const eligible = open.filter(
    (offer) =>
      allMatch(offer.targeting, facts, now) && !offer.skus.some((sku) => facts.purchases.skus.has(sku)),
  );
  if (eligible.length === 0) return { offer: null };
  // An open complaint holds every offer back: first the service, then the selling.
  if (await loader.openComplaint()) return { offer: null };

  const values = expectedValues(eligible);
  eligible.sort((a, b) => b.priority - a.priority || (values.get(b.id) ?? 0) - (values.get(a.id) ?? 0));
  const personKey = identified ? profile.id : visitor.id;
  for (const offer of eligible) {
    if (offer.budget !== null && !(await budgetLeft(ctx, offer))) continue;
    const exposure =
      exposures.get(offer.id) ??
      (await expose(ctx, site, offer, profile.id, personKey, identified ? 'identified' : 'anonymous'));
    if (exposure.group === 'control') return { offer: null };
    const referralUrl =
      offer.referral && identified
        ? await referralLinkFor(ctx, site.id, offer, profile.id, request.url)
        : null;
    return { offer: render(offer, exposure.id, input.language ?? null, referralUrl) };
  }
  return { offer: null };
}

/** The budget on the row itself, since the cache's counters may be a few seconds old. */
async function budgetLeft(ctx: ServiceContext, offer: LiveOffer): Promise<boolean> {
  const row = await ctx.db.query.offers.findFirst({
    columns: { treatmentConversions: true },
    where: eq(offers.id, offer.id),
  });
  return row !== undefined && offer.budget !== null && row.treatmentConversions < offer.budget;
}

/**
 * Records the first exposure of a profile to an offer, with its drawn group, and counts it.
 * Two requests racing for the same profile insert once (the unique key): the winner's insert
 * returns the row, and the loser reads it.
 */
async function expose(
  ctx: ServiceContext,
  site: Site,
  offer: LiveOffer,
  customerId: string,
  personKey: string,
  segment: string,
): Promise<Exposure> {
  const group: OfferGroup = await assign(site.visitorTokenSecret, offer.id, personKey, offer.holdoutPercent);
  const id = ctx.newId();
  // Through the event writer (relaxed sync on an embedded file): an exposure is a measurement,
  // like the page views beside it, and a power cut that lost it only means the next decision
  // records it again, in the same group (drawn from the person key, not stored state).
  const db = ctx.eventDb ?? ctx.db;
  const [inserted] = await db.batch([
    db
      .insert(offerExposures)
      .values({
        id,
        siteId: site.id,
        offerId: offer.id,
        customerId,
        personKey,
        group,
        segment,
        firstExposedAt: ctx.now(),
        exposedDay: Math.floor(ctx.now() / DAY_MS),
      })
      .onConflictDoNothing()
      .returning(EXPOSURE_COLUMNS),
    db
      .update(offers)
      .set({ treatmentExposed: sql`${offers.treatmentExposed} + 1` })
      .where(
        and(
          eq(offers.id, offer.id),
          sql`EXISTS (SELECT 1 FROM offer_exposures WHERE id = ${id} AND "group" = 'treatment')`,
        ),
      ),
  ]);
  // Inserted: the row is what was just written. Lost the race: the winner's row stands.
  const mine = inserted[0];
  if (mine) return mine;
  const [row] = await ctx.db
    .select(EXPOSURE_COLUMNS)
    .from(offerExposures)
    .where(and(eq(offerExposures.customerId, customerId), eq(offerExposures.offerId, offer.id)));
  if (!row) throw new Error('exposure missing after insert');
  return row;
}

function render(
  offer: LiveOffer,
  exposureId: string,
  language: string | null,
  referralUrl: string | null,
): DecidedOffer {
  const text = localized(offer, language);
  return {
    exposureId,
    offerId: offer.id,
    title: text.title,
    body: text.body,
    imageUrl: offer.imageUrl,
    ctaLabel: text.ctaLabel,
    ctaUrl: referralUrl ?? offer.ctaUrl,
    discountCode: offer.discountCode,
    discountPercent: offer.discountPercent,
    discountAmountCents: offer.discountAmountCents,
    referralUrl,
  };
}
