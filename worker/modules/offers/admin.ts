import { and, desc, eq, sql } from 'drizzle-orm';
import { offers, type Offer, type Site } from '../../../db/schema/index.ts';
import type { OfferStatus } from '../../contract/constants.ts';
import {
  targetingRule,
  type AudienceEstimate,
  type OfferInput,
  type OfferView,
  type TargetingRule,
} from '../../contract/offers.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import type { OfferCache } from './cache.ts';
import { FactLoader, type OfferDataSources } from './sources.ts';
import { allMatch, RULE_KINDS, sourcesOf } from './targeting.ts';

function view(row: Offer): OfferView {
  const parsed = targetingRule.array().safeParse(row.targeting);
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    placement: row.placement,
    title: row.title,
    body: row.body,
    imageUrl: row.imageUrl,
    ctaLabel: row.ctaLabel,
    ctaUrl: row.ctaUrl,
    discountCode: row.discountCode,
    discountPercent: row.discountPercent,
    discountAmountCents: row.discountAmountCents,
    locales: row.locales,
    skus: row.skus,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    priority: row.priority,
    frequencyCap: row.frequencyCap,
    budget: row.budget,
    targeting: parsed.success ? parsed.data : [],
    excludeExternalIds: row.excludeExternalIds,
    holdoutPercent: row.holdoutPercent,
    holdoutOverride: row.holdoutOverride,
    attributionDays: row.attributionDays,
    referral: row.referral,
    treatmentExposed: row.treatmentExposed,
    treatmentConversions: row.treatmentConversions,
    treatmentRevenueCents: row.treatmentRevenueCents,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The site's offers, newest first. */
export async function listOffers(ctx: ServiceContext, site: Site): Promise<OfferView[]> {
  const rows = await ctx.db
    .select()
    .from(offers)
    .where(eq(offers.siteId, site.id))
    .orderBy(desc(offers.updatedAt))
    .limit(200);
  return rows.map(view);
}

async function load(ctx: ServiceContext, site: Site, offerId: string): Promise<Offer> {
  const row = await ctx.db.query.offers.findFirst({
    where: and(eq(offers.id, offerId), eq(offers.siteId, site.id)),
  });
  if (!row) throw notFound('No such offer');
  return row;
}

/** One offer. */
export async function getOffer(ctx: ServiceContext, site: Site, offerId: string): Promise<OfferView> {
  return view(await load(ctx, site, offerId));
}

/** A new offer, as a draft. */
export async function createOffer(
  ctx: ServiceContext,
  cache: OfferCache,
  site: Site,
  input: OfferInput,
): Promise<OfferView> {
  const now = ctx.now();
  const id = ctx.newId();
  await ctx.db
    .insert(offers)
    .values({ ...input, id, siteId: site.id, status: 'draft', createdAt: now, updatedAt: now });
  cache.forget(site.id);
  return getOffer(ctx, site, id);
}

/**
 * Replaces an offer's settings. Once people have been assigned, the holdout stays as it is:
 * changing the split mid-test would mix two experiments in one report.
 */
export async function updateOffer(
  ctx: ServiceContext,
  cache: OfferCache,
  site: Site,
  offerId: string,
  input: OfferInput,
): Promise<OfferView> {
  const current = await load(ctx, site, offerId);
  if (current.holdoutPercent !== input.holdoutPercent) {
    const [assigned] = await ctx.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM offer_exposures WHERE site_id = ${site.id} AND offer_id = ${offerId} LIMIT 1)`,
    );
    if ((assigned?.n ?? 0) > 0) {
      throw conflict('holdout_locked', 'People have been assigned already; the holdout cannot change now');
    }
  }
  await ctx.db
    .update(offers)
    .set({ ...input, updatedAt: ctx.now() })
    .where(and(eq(offers.id, offerId), eq(offers.siteId, site.id)));
  cache.forget(site.id);
  return getOffer(ctx, site, offerId);
}

/** Launches, pauses or resumes an offer. */
export async function setOfferStatus(
  ctx: ServiceContext,
  cache: OfferCache,
  site: Site,
  offerId: string,
  status: OfferStatus,
): Promise<OfferView> {
  await load(ctx, site, offerId);
  await ctx.db
    .update(offers)
    .set({ status, updatedAt: ctx.now() })
    .where(and(eq(offers.id, offerId), eq(offers.siteId, site.id)));
  cache.forget(site.id);
  return getOffer(ctx, site, offerId);
}

/** Profiles the audience estimate looks at: the most recently seen. */
const SAMPLE = 500;
const WINDOW_MS = 90 * 86_400_000;

/**
 * How many of the profiles seen in the last 90 days the rules would reach now: the rules are
 * run, with the decision's own code, on the most recently seen profiles (at most 500), and the
 * share found is scaled to all of them. Rules about the page or its language are only known at
 * request time and are left out (and named).
 */
export async function estimateAudience(
  ctx: ServiceContext,
  sources: OfferDataSources,
  site: Site,
  rules: TargetingRule[],
): Promise<AudienceEstimate> {
  const now = ctx.now();
  const requestTime = rules.filter((rule) => RULE_KINDS[rule.kind].source === 'request');
  const stored = rules.filter((rule) => RULE_KINDS[rule.kind].source !== 'request');
  const [count] = await ctx.db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM customers WHERE site_id = ${site.id} AND last_seen_at >= ${now - WINDOW_MS}`,
  );
  const sample = await ctx.db.all<{ id: string; externalId: string | null }>(sql`
    SELECT id, external_id AS externalId FROM customers WHERE site_id = ${site.id} AND last_seen_at >= ${now - WINDOW_MS}
    ORDER BY last_seen_at DESC LIMIT ${SAMPLE}`);
  const needed = sourcesOf(stored);
  let matching = 0;
  for (const profile of sample) {
    const loader = new FactLoader(ctx, sources, site.id, {
      request: { url: null, language: null },
      profile: {
        customerId: profile.id,
        identified: profile.externalId !== null,
        externalId: profile.externalId,
      },
    });
    if (allMatch(stored, await loader.facts(needed), now)) matching++;
  }
  const total = count?.n ?? 0;
  return {
    matching: sample.length ? Math.round((matching / sample.length) * total) : 0,
    sampled: sample.length,
    total,
    requestTimeKinds: [...new Set(requestTime.map((rule) => rule.kind))],
  };
}
