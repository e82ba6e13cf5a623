import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { customers, orders, satisfactionSurveys, type Site } from '../../../db/schema/index.ts';
import type { SurveyView } from '../../contract/tickets.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { signLink, verifyLink } from './links.ts';
import { serviceSettingsOf } from './settings.ts';

const DAY = 24 * 3600 * 1000;
/** How long a survey link works. */
export const SURVEY_TTL_MS = 30 * DAY;
/** Orders older than their delay by more than this are not asked about (a first pass on old data). */
const LATE_LIMIT_MS = 14 * DAY;
/** Orders per page of the job. */
export const SURVEY_PAGE_SIZE = 500;

/**
 * One page of the follow-up job: orders after `cursor` (by id) placed at least the site's
 * delay ago, and not long before that, get a survey unless they have one. Orders still too
 * recent are met again on a later pass.
 */
export async function surveyPage(ctx: ServiceContext, cursor: string | null) {
  const now = ctx.now();
  const page = await ctx.db
    .select({
      id: orders.id,
      siteId: orders.siteId,
      customerId: orders.customerId,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .where(cursor ? gt(orders.id, cursor) : undefined)
    .orderBy(asc(orders.id))
    .limit(SURVEY_PAGE_SIZE);
  const delays = new Map<string, number>();
  const due = [];
  for (const order of page) {
    let delay = delays.get(order.siteId);
    if (delay === undefined) {
      delay = (await serviceSettingsOf(ctx, order.siteId)).surveyDelayDays * DAY;
      delays.set(order.siteId, delay);
    }
    const age = now - order.placedAt;
    if (delay > 0 && age >= delay && age <= delay + LATE_LIMIT_MS) due.push(order);
  }
  if (due.length > 0) {
    await ctx.db
      .insert(satisfactionSurveys)
      .values(
        due.map((o) => ({
          id: ctx.newId(),
          siteId: o.siteId,
          customerId: o.customerId,
          orderId: o.id,
          createdAt: now,
          expiresAt: now + SURVEY_TTL_MS,
        })),
      )
      .onConflictDoNothing();
  }
  return {
    processed: page.length,
    cursor: page.length === SURVEY_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The signed token of a survey's link. */
export function surveyToken(site: Site, survey: { id: string; expiresAt: number }): Promise<string> {
  return signLink(site.visitorTokenSecret, 'survey', { v: survey.id }, survey.expiresAt);
}

async function surveyOf(ctx: ServiceContext, site: Site, token: string) {
  const p = await verifyLink(site.visitorTokenSecret, 'survey', token, ctx.now());
  const survey =
    p && typeof p.v === 'string'
      ? await ctx.db.query.satisfactionSurveys.findFirst({
          where: and(eq(satisfactionSurveys.siteId, site.id), eq(satisfactionSurveys.id, p.v)),
        })
      : undefined;
  if (!survey) throw notFound('This survey link is invalid or has expired');
  return survey;
}

/** What the survey link shows: which order it is about, and whether it was answered. */
export async function readSurvey(ctx: ServiceContext, site: Site, token: string): Promise<SurveyView> {
  const survey = await surveyOf(ctx, site, token);
  const order = await ctx.db.query.orders.findFirst({ where: eq(orders.id, survey.orderId) });
  return {
    orderReference: order?.reference ?? null,
    placedAt: order?.placedAt ?? 0,
    answered: survey.answeredAt !== null,
  };
}

/** Stores the answer (once) as a purchase rating on the customer's profile. */
export async function answerSurvey(
  ctx: ServiceContext,
  site: Site,
  token: string,
  answer: { stars: number; suggestion: string },
): Promise<void> {
  const survey = await surveyOf(ctx, site, token);
  const now = ctx.now();
  // The claim and the rating are one batch: the rating is written only by the request whose
  // update set this very answer time, so two answers at once store one rating.
  const [claimed] = await ctx.db.batch([
    ctx.db
      .update(satisfactionSurveys)
      .set({ answeredAt: now })
      .where(and(eq(satisfactionSurveys.id, survey.id), isNull(satisfactionSurveys.answeredAt)))
      .returning({ id: satisfactionSurveys.id }),
    ctx.db.run(sql`INSERT INTO ratings (id, site_id, customer_id, kind, order_id, stars, comment, created_at)
      SELECT id, site_id, customer_id, 'purchase', order_id, ${answer.stars}, ${answer.suggestion}, ${now}
      FROM satisfaction_surveys WHERE id = ${survey.id} AND answered_at = ${now}
      ON CONFLICT DO NOTHING`),
  ]);
  if (claimed.length === 0) throw conflict('already_answered', 'This survey was answered already');
}

/** Unanswered, unexpired surveys of a site with their link tokens, for its server to email (newest first). */
export async function pendingSurveys(ctx: ServiceContext, site: Site, limit: number) {
  const rows = await ctx.db
    .select({
      id: satisfactionSurveys.id,
      expiresAt: satisfactionSurveys.expiresAt,
      createdAt: satisfactionSurveys.createdAt,
      orderId: satisfactionSurveys.orderId,
      orderReference: orders.reference,
      externalId: customers.externalId,
      email: customers.email,
    })
    .from(satisfactionSurveys)
    .innerJoin(orders, eq(orders.id, satisfactionSurveys.orderId))
    .innerJoin(customers, eq(customers.id, satisfactionSurveys.customerId))
    .where(
      and(
        eq(satisfactionSurveys.siteId, site.id),
        isNull(satisfactionSurveys.answeredAt),
        gt(satisfactionSurveys.expiresAt, ctx.now()),
      ),
    )
    .orderBy(asc(satisfactionSurveys.createdAt))
    .limit(limit);
  return Promise.all(
    rows.map(async ({ expiresAt, ...r }) => ({
      ...r,
      expiresAt,
      token: await surveyToken(site, { id: r.id, expiresAt }),
    })),
  );
}
