import { and, asc, eq, sql } from 'drizzle-orm';
import {
  cannedReplies,
  servicePostcodes,
  serviceSites,
  staff,
  staffServiceSites,
  type ServiceSite,
  type Site,
} from '../../../db/schema/index.ts';
import {
  serviceSiteRequest,
  type ImportResult,
  type ServiceSiteRequest,
  type ServiceSiteView,
} from '../../contract/tickets.ts';
import { describeIssue } from '../../contract/common.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { csvRecords } from './csv.ts';
import { normalizePostcode } from './geo.ts';

const view = (s: ServiceSite): ServiceSiteView => ({
  id: s.id,
  name: s.name,
  address: s.address,
  openingHours: s.openingHours,
  lat: s.lat,
  lng: s.lng,
  categories: s.categories,
  active: s.active,
  isDefault: s.isDefault,
});

/** Every service site of a site, by name (a few thousand at most). */
export async function listServiceSites(ctx: ServiceContext, site: Site): Promise<ServiceSiteView[]> {
  const rows = await ctx.db
    .select()
    .from(serviceSites)
    .where(eq(serviceSites.siteId, site.id))
    .orderBy(asc(serviceSites.name), asc(serviceSites.id))
    .limit(10_000);
  return rows.map(view);
}

/** One default at most: making a site the default clears the flag elsewhere, in the same batch. */
function clearDefault(ctx: ServiceContext, siteId: string) {
  return ctx.db
    .update(serviceSites)
    .set({ isDefault: false })
    .where(and(eq(serviceSites.siteId, siteId), eq(serviceSites.isDefault, true)));
}

/** Adds a service site. */
export async function createServiceSite(ctx: ServiceContext, site: Site, input: ServiceSiteRequest) {
  const now = ctx.now();
  const id = ctx.newId();
  const insert = ctx.db
    .insert(serviceSites)
    .values({ id, siteId: site.id, ...input, createdAt: now, updatedAt: now });
  if (input.isDefault) await ctx.db.batch([clearDefault(ctx, site.id), insert]);
  else await insert;
  return view(await loadServiceSite(ctx, site, id));
}

async function loadServiceSite(ctx: ServiceContext, site: Site, id: string): Promise<ServiceSite> {
  const row = await ctx.db.query.serviceSites.findFirst({
    where: and(eq(serviceSites.siteId, site.id), eq(serviceSites.id, id)),
  });
  if (!row) throw notFound('No such service site');
  return row;
}

/** Replaces a service site's fields. */
export async function updateServiceSite(
  ctx: ServiceContext,
  site: Site,
  id: string,
  input: ServiceSiteRequest,
) {
  await loadServiceSite(ctx, site, id);
  const update = ctx.db
    .update(serviceSites)
    .set({ ...input, updatedAt: ctx.now() })
    .where(and(eq(serviceSites.siteId, site.id), eq(serviceSites.id, id)));
  if (input.isDefault) await ctx.db.batch([clearDefault(ctx, site.id), update]);
  else await update;
  return view(await loadServiceSite(ctx, site, id));
}

/** Removes a service site; its tickets keep their history and lose the assignment. */
export async function deleteServiceSite(ctx: ServiceContext, site: Site, id: string) {
  await loadServiceSite(ctx, site, id);
  await ctx.db.delete(serviceSites).where(and(eq(serviceSites.siteId, site.id), eq(serviceSites.id, id)));
}

/**
 * Imports service sites from CSV with a header row: `name, address, lat, lng, categories`
 * (separated by `;` or `|`), `opening_hours`, `active` (yes/no, default yes). Good lines are
 * inserted in one batch; bad lines are reported and skipped.
 */
export async function importServiceSites(
  ctx: ServiceContext,
  site: Site,
  csv: string,
): Promise<ImportResult> {
  const errors: ImportResult['errors'] = [];
  const now = ctx.now();
  const good: (typeof serviceSites.$inferInsert)[] = [];
  for (const { line, record } of csvRecords(csv)) {
    const parsed = serviceSiteRequest.safeParse({
      name: record.name,
      address: record.address ?? '',
      lat: Number(record.lat ?? record.latitude),
      lng: Number(record.lng ?? record.longitude),
      categories: (record.categories ?? '')
        .split(/[;|]/)
        .map((c) => c.trim())
        .filter(Boolean),
      openingHours: record.opening_hours ?? record.hours ?? '',
      active: !/^(no|false|0|inactive)$/i.test(record.active ?? ''),
      isDefault: /^(yes|true|1)$/i.test(record.default ?? ''),
    });
    if (!parsed.success) errors.push({ line, message: describeIssue(parsed.error, 'invalid line') });
    else good.push({ id: ctx.newId(), siteId: site.id, ...parsed.data, createdAt: now, updatedAt: now });
  }
  if (good.length > 5000) throw badRequest('too_many_rows', 'Import at most 5,000 service sites at a time');
  for (let i = 0; i < good.length; i += 200) {
    await ctx.db.insert(serviceSites).values(good.slice(i, i + 200));
  }
  return { imported: good.length, errors };
}

/** Imports postcodes/cities from CSV: `code, label, lat, lng`; a known code is updated. */
export async function importPostcodes(ctx: ServiceContext, site: Site, csv: string): Promise<ImportResult> {
  const errors: ImportResult['errors'] = [];
  const good: (typeof servicePostcodes.$inferInsert)[] = [];
  for (const { line, record } of csvRecords(csv)) {
    const code = normalizePostcode(record.code ?? record.postcode ?? '');
    const lat = Number(record.lat ?? record.latitude);
    const lng = Number(record.lng ?? record.longitude);
    if (!code || code.length > 20)
      errors.push({ line, message: 'code: missing or longer than 20 characters' });
    else if (!(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180) || record.lat === '' || record.lng === '') {
      errors.push({ line, message: 'lat/lng: not coordinates' });
    } else
      good.push({
        siteId: site.id,
        code,
        label: (record.label ?? record.city ?? '').slice(0, 200),
        lat,
        lng,
      });
  }
  for (let i = 0; i < good.length; i += 200) {
    await ctx.db
      .insert(servicePostcodes)
      .values(good.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [servicePostcodes.siteId, servicePostcodes.code],
        set: { label: sqlExcluded('label'), lat: sqlExcluded('lat'), lng: sqlExcluded('lng') },
      });
  }
  return { imported: good.length, errors };
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** Canned replies of a site, by title. */
export async function listCannedReplies(ctx: ServiceContext, site: Site) {
  return ctx.db
    .select({ id: cannedReplies.id, title: cannedReplies.title, body: cannedReplies.body })
    .from(cannedReplies)
    .where(eq(cannedReplies.siteId, site.id))
    .orderBy(asc(cannedReplies.title))
    .limit(500);
}

/** Adds a canned reply. */
export async function createCannedReply(
  ctx: ServiceContext,
  site: Site,
  input: { title: string; body: string },
) {
  const id = ctx.newId();
  await ctx.db.insert(cannedReplies).values({ id, siteId: site.id, ...input, createdAt: ctx.now() });
  return { id, ...input };
}

/** Limits a member to service sites of this site (an empty list lifts the limit). */
export async function setStaffLimit(
  ctx: ServiceContext,
  site: Site,
  staffId: string,
  serviceSiteIds: string[],
) {
  const member = await ctx.db.query.staff.findFirst({ where: eq(staff.id, staffId) });
  if (!member) throw notFound('No such member');
  const ids = [...new Set(serviceSiteIds)];
  for (const id of ids) await loadServiceSite(ctx, site, id);
  await ctx.db.batch([
    ctx.db
      .delete(staffServiceSites)
      .where(and(eq(staffServiceSites.staffId, staffId), eq(staffServiceSites.siteId, site.id))),
    ...ids.map((serviceSiteId) =>
      ctx.db.insert(staffServiceSites).values({ staffId, serviceSiteId, siteId: site.id }),
    ),
  ]);
}

/** Members who can work tickets, with their service-site limits (for assignment and the limits form). */
export async function serviceStaff(ctx: ServiceContext, site: Site) {
  const [members, limits] = await Promise.all([
    ctx.db
      .select({ id: staff.id, name: staff.name, email: staff.email, role: staff.role })
      .from(staff)
      .where(eq(staff.active, true))
      .orderBy(asc(staff.name))
      .limit(1000),
    ctx.db.select().from(staffServiceSites).where(eq(staffServiceSites.siteId, site.id)),
  ]);
  return members
    .filter((m) => m.role !== 'content' && m.role !== 'marketing')
    .map((m) => ({
      ...m,
      serviceSiteIds: limits.filter((l) => l.staffId === m.id).map((l) => l.serviceSiteId),
    }));
}
