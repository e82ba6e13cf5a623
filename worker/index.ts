// Cloudflare Workers entry: the same app over D1 (binding `DB`) or a libSQL server (`LIBSQL_URL`),
// and the registered jobs on the cron triggers wrangler.toml declares.
import { createClient } from '@libsql/client/web';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { openD1 } from '../db/d1.ts';
import * as schema from '../db/schema/index.ts';
import type { Db } from '../db/types.ts';
import { createApp, serviceContext, type CrmApp } from './app.ts';
import { JOBS } from './jobs/index.ts';
import { runDueJobs } from './jobs/job.ts';
import type { LatLng } from './modules/tickets/geo.ts';
import type { BlobStorage } from './modules/tickets/storage.ts';
import type { Context } from 'hono';

/** Bindings and variables wrangler.toml declares. */
export interface Env {
  DB?: D1Database;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  /**
   * The console's one-time first-run token (`wrangler secret put SETUP_TOKEN`): with no
   * terminal to print one, this is how a D1 deployment gets its first owner and site.
   */
  SETUP_TOKEN?: string;
  /** R2 bucket for ticket attachments; without it, attachments are refused (503). */
  FILES?: R2Bucket;
}

/** Ticket attachments in R2. */
function r2Storage(bucket: R2Bucket): BlobStorage {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? { body: object.body, size: object.size } : null;
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}

/** The coordinates Cloudflare places the request at (`request.cf`), when it has them. */
function cfLocation(c: Context): LatLng | null {
  const cf = (c.req.raw as Request & { cf?: { latitude?: string; longitude?: string } }).cf;
  const lat = Number(cf?.latitude);
  const lng = Number(cf?.longitude);
  return cf?.latitude && cf.longitude && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

/** Time one cron invocation gives its jobs; well inside a scheduled Worker's limit. */
const CRON_BUDGET_MS = 20_000;

function openDatabase(env: Env): Db {
  if (env.DB) return openD1(env.DB);
  if (env.LIBSQL_URL) {
    const client = createClient({
      url: env.LIBSQL_URL,
      ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}),
    });
    return drizzleLibsql(client, { schema });
  }
  throw new Error('Configure a D1 binding named DB or LIBSQL_URL');
}

// One app per environment object: built on the first request, reused while the isolate lives.
const apps = new WeakMap<Env, CrmApp>();

export default {
  fetch(request, env, ctx) {
    let app = apps.get(env);
    if (!app) {
      app = createApp({
        db: openDatabase(env),
        clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
        ...(env.RATE_LIMIT_PER_MINUTE ? { rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE) } : {}),
        ...(env.SETUP_TOKEN ? { setupToken: env.SETUP_TOKEN } : {}),
        ...(env.FILES ? { blobs: r2Storage(env.FILES) } : {}),
        requestLocation: cfLocation,
      });
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env) {
    const runs = await runDueJobs(serviceContext({ db: openDatabase(env) }), JOBS, CRON_BUDGET_MS);
    for (const run of runs) {
      console.log(
        `${run.name}: ${run.processed} rows in ${run.pages} pages${run.finished ? ', finished' : ''}`,
      );
    }
  },
} satisfies ExportedHandler<Env>;
