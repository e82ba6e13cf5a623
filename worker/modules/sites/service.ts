import { eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../../db/prepared.ts';
import { sites, type Site } from '../../../db/schema/index.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';

/** A new site and the credentials that exist in clear only at this moment. */
export interface CreatedSite {
  site: Site;
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

/** Creates a site with fresh keys; the secret key is returned once and stored hashed. */
export async function createSite(
  ctx: ServiceContext,
  input: {
    name: string;
    allowedOrigins: string[];
    publishableKey?: string;
    secretKey?: string;
    identitySecret?: string;
  },
): Promise<CreatedSite> {
  const publishableKey = input.publishableKey ?? `pk_${randomToken(18)}`;
  const secretKey = input.secretKey ?? `sk_${randomToken(24)}`;
  const identitySecret = input.identitySecret ?? randomToken(32);
  const [site] = await ctx.db
    .insert(sites)
    .values({
      id: ctx.newId(),
      name: input.name,
      publishableKey,
      secretKeyHash: await sha256Hex(secretKey),
      identitySecret,
      visitorTokenSecret: randomToken(32),
      allowedOrigins: input.allowedOrigins,
      createdAt: ctx.now(),
    })
    .returning();
  if (!site) throw new Error('site insert returned no row');
  return { site, publishableKey, secretKey, identitySecret };
}

/** The site a publishable key belongs to, if any. */
export async function findSiteByPublishableKey(ctx: ServiceContext, key: string): Promise<Site | undefined> {
  return ctx.db.query.sites.findFirst({ where: eq(sites.publishableKey, key) });
}

/** Every server request's first read, built once (see db/prepared.ts). */
const siteBySecretKeyHash = preparedQuery((db) =>
  db.query.sites.findFirst({ where: eq(sites.secretKeyHash, sql.placeholder('hash')) }).prepare(),
);

/** The site a secret key belongs to; the key is compared by hash, never stored. */
export async function findSiteBySecretKey(ctx: ServiceContext, key: string): Promise<Site | undefined> {
  return siteBySecretKeyHash(ctx.db).execute({ hash: await sha256Hex(key) });
}

/**
 * Whether a browser origin may call the site's public API: exact matches, or
 * `*.domain` / `https://*.domain` patterns that match subdomains over https.
 */
export function isOriginAllowed(site: Pick<Site, 'allowedOrigins'>, origin: string): boolean {
  for (const pattern of site.allowedOrigins) {
    if (pattern === origin) return true;
    const wildcard = /^(?:https:\/\/)?\*\.([a-z0-9.-]+)$/i.exec(pattern);
    if (!wildcard?.[1]) continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (
      url.protocol === 'https:' &&
      url.origin === origin &&
      url.hostname.endsWith(`.${wildcard[1].toLowerCase()}`)
    ) {
      return true;
    }
  }
  return false;
}
