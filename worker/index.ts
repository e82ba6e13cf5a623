// Cloudflare Workers entry: the same app over D1 (binding `DB`) or a libSQL server (`LIBSQL_URL`).
import { createClient } from '@libsql/client/web';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { openD1 } from '../db/d1.ts';
import * as schema from '../db/schema/index.ts';
import type { Db } from '../db/types.ts';
import { createApp, type CrmApp } from './app.ts';

/** Bindings and variables wrangler.toml declares. */
export interface Env {
  DB?: D1Database;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  RATE_LIMIT_PER_MINUTE?: string;
}

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
      });
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
