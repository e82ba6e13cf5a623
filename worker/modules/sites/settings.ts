import { asc, eq } from 'drizzle-orm';
import { siteOrigins, sites, type Site, type Staff } from '../../../db/schema/index.ts';
import type { SiteKeys, SiteSettings, SiteSummary } from '../../contract/console.ts';
import { notFound } from '../../http/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { auditInsert } from '../staff/audit.ts';
import { createSite, isOriginAllowed } from './service.ts';

/** The tag a webmaster pastes: the kit from this server, with the site's publishable key. */
export function snippet(crmOrigin: string, publishableKey: string): string {
  return `<script type="module" src="${crmOrigin}/crm.js" data-site-key="${publishableKey}"></script>`;
}

const actorOf = (member: Staff | null) => ({
  staffId: member?.id ?? null,
  actor: member?.email ?? 'command line',
});

/** Every site, by name. */
export async function listSites(ctx: ServiceContext): Promise<SiteSummary[]> {
  return ctx.db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name));
}

/** The site with this id, or a 404. */
export async function siteById(ctx: ServiceContext, id: string): Promise<Site> {
  const site = await ctx.db.query.sites.findFirst({ where: eq(sites.id, id) });
  if (!site) throw notFound(`No site ${id}`);
  return site;
}

/** Settings, the snippet and the install check: the last event seen from each origin. */
export async function siteSettings(
  ctx: ServiceContext,
  site: Site,
  crmOrigin: string,
): Promise<SiteSettings> {
  const seen = await ctx.db
    .select()
    .from(siteOrigins)
    .where(eq(siteOrigins.siteId, site.id))
    .orderBy(asc(siteOrigins.origin));
  const inGrace = (site.previousIdentitySecretUntil ?? 0) > ctx.now();
  return {
    id: site.id,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    publishableKey: site.publishableKey,
    snippet: snippet(crmOrigin, site.publishableKey),
    previousIdentitySecretUntil: inGrace ? site.previousIdentitySecretUntil : null,
    install: seen.map((row) => ({
      origin: row.origin,
      firstEventAt: row.firstEventAt,
      lastEventAt: row.lastEventAt,
      events: row.events,
      allowed: isOriginAllowed(site, row.origin),
    })),
  };
}

/** Creates a site (console or command line) and hands back its keys, shown this once. */
export async function createSiteWithAudit(
  ctx: ServiceContext,
  actor: Staff | null,
  input: { name: string; allowedOrigins: string[] },
  crmOrigin: string,
): Promise<SiteKeys> {
  const created = await createSite(ctx, input);
  await auditInsert(ctx, {
    ...actorOf(actor),
    action: 'site.created',
    siteId: created.site.id,
    detail: input,
  });
  return {
    site: { id: created.site.id, name: created.site.name },
    publishableKey: created.publishableKey,
    secretKey: created.secretKey,
    identitySecret: created.identitySecret,
    snippet: snippet(crmOrigin, created.publishableKey),
  };
}

/** Renames a site or replaces its allowed origins. */
export async function updateSite(
  ctx: ServiceContext,
  actor: Staff | null,
  site: Site,
  change: { name?: string | undefined; allowedOrigins?: string[] | undefined },
): Promise<Site> {
  const next = {
    name: change.name ?? site.name,
    allowedOrigins: change.allowedOrigins ?? site.allowedOrigins,
  };
  await ctx.db.batch([
    ctx.db.update(sites).set(next).where(eq(sites.id, site.id)),
    auditInsert(ctx, {
      ...actorOf(actor),
      action: 'site.updated',
      siteId: site.id,
      detail: { from: { name: site.name, allowedOrigins: site.allowedOrigins }, to: next },
    }),
  ]);
  return { ...site, ...next };
}

/** A new secret key; the old one stops working with this write. */
export async function rotateSecretKey(
  ctx: ServiceContext,
  actor: Staff | null,
  site: Site,
  crmOrigin: string,
) {
  const secretKey = `sk_${randomToken(24)}`;
  await ctx.db.batch([
    ctx.db
      .update(sites)
      .set({ secretKeyHash: await sha256Hex(secretKey) })
      .where(eq(sites.id, site.id)),
    auditInsert(ctx, { ...actorOf(actor), action: 'site.secret_key_rotated', siteId: site.id }),
  ]);
  return keys(site, crmOrigin, { secretKey });
}

/**
 * A new identity secret. The previous one keeps verifying identity tokens for `graceHours`,
 * so a site running several servers can roll the new secret out before the old one stops.
 */
export async function rotateIdentitySecret(
  ctx: ServiceContext,
  actor: Staff | null,
  site: Site,
  graceHours: number,
  crmOrigin: string,
) {
  const identitySecret = randomToken(32);
  const until = graceHours > 0 ? ctx.now() + graceHours * 3600 * 1000 : null;
  await ctx.db.batch([
    ctx.db
      .update(sites)
      .set({
        identitySecret,
        previousIdentitySecret: until ? site.identitySecret : null,
        previousIdentitySecretUntil: until,
      })
      .where(eq(sites.id, site.id)),
    auditInsert(ctx, {
      ...actorOf(actor),
      action: 'site.identity_secret_rotated',
      siteId: site.id,
      detail: { graceHours },
    }),
  ]);
  return keys(site, crmOrigin, { identitySecret });
}

function keys(
  site: Site,
  crmOrigin: string,
  secrets: { secretKey?: string; identitySecret?: string },
): SiteKeys {
  return {
    site: { id: site.id, name: site.name },
    publishableKey: site.publishableKey,
    ...secrets,
    snippet: snippet(crmOrigin, site.publishableKey),
  };
}
