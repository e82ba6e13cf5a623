// Node entry: the embedded database, the API, the widget bundle and the example shop on one port.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { openDb } from '../db/client.ts';
import { withGroupCommit } from '../db/group-commit.ts';
import { migrateDb } from '../db/migrate.ts';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, DEMO_SITE, seedDemo } from '../examples/shop/seed.ts';
import { PRODUCT_PAGES } from '../examples/shop/catalog.ts';
import { createShopApp } from '../examples/shop/server.ts';
import { createApp } from './app.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Options of {@link start}; every one has an environment variable and a default. */
export interface StartOptions {
  /** `LIBSQL_URL`: defaults to the embedded `file:./data/crm.db`. */
  dbUrl?: string;
  /** `LIBSQL_AUTH_TOKEN`, for a libSQL server. */
  authToken?: string;
  /** `PORT`: 8787; 0 picks a free port. */
  port?: number;
  /** `HOST`: 127.0.0.1. */
  host?: string;
  /** `RATE_LIMIT_PER_MINUTE`: per credential and address. */
  rateLimitPerMinute?: number;
}

/** Starts the server and resolves once it listens; `close()` stops it and the database. */
export async function start(options: StartOptions = {}) {
  const dbUrl = options.dbUrl ?? 'file:./data/crm.db';
  if (dbUrl.startsWith('file:') && dbUrl !== 'file::memory:') {
    await mkdir(dirname(resolve(root, dbUrl.slice('file:'.length))), { recursive: true });
  }
  const database = await openDb(dbUrl, options.authToken ? { authToken: options.authToken } : {});
  // A remote database is migrated by `npm run db:migrate`, on purpose, not by every server start.
  if (database.kind !== 'remote') await migrateDb(database.db);

  let origin = '';
  const port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';

  const app = new Hono();
  app.route(
    '/',
    createApp({
      // One process owns the embedded file: concurrent writes can share a commit (and its sync).
      db: database.kind === 'remote' ? database.db : withGroupCommit(database.db),
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    }),
  );
  // Other sites load the bundle with `<script type="module">`, which fetches it (and its chunks)
  // in CORS mode: without this header no page but our own could run the kit. It is public code
  // sent without credentials, so any origin may read it.
  const publicBundle = cors({ origin: '*', allowMethods: ['GET', 'HEAD'] });
  for (const path of ['/crm.js', '/crm.js.map', '/chunks/*']) app.use(path, publicBundle);
  app.use('/crm.js', serveStatic({ root: join(root, 'dist') }));
  app.use('/crm.js.map', serveStatic({ root: join(root, 'dist') }));
  app.use('/chunks/*', serveStatic({ root: join(root, 'dist') }));
  app.route(
    '/',
    createShopApp({
      customers: DEMO_CUSTOMERS,
      identitySecret: DEMO_SITE.identitySecret,
      crmSecretKey: DEMO_SITE.secretKey,
      crmBaseUrl: () => origin,
      products: DEMO_PRODUCTS.flatMap((p) => {
        const page = PRODUCT_PAGES[p.sku];
        return page ? [{ ...p, ...page }] : [];
      }),
      readPage: (name) => readFile(join(root, 'examples/shop', name), 'utf8').catch(() => null),
    }),
  );

  const server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => {
      done(s);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  origin = `http://${host}:${actualPort}`;
  // Seeded once the port is known, so the demo site allows the origin the shop is really on.
  await seedDemo(database.db, [`http://localhost:${actualPort}`, `http://127.0.0.1:${actualPort}`]);
  return {
    origin,
    database,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          database.close();
          done();
        });
      }),
  };
}

if (import.meta.main) {
  const env = process.env;
  const { origin } = await start({
    ...(env.LIBSQL_URL ? { dbUrl: env.LIBSQL_URL } : {}),
    ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}),
    ...(env.PORT ? { port: Number(env.PORT) } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.RATE_LIMIT_PER_MINUTE ? { rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE) } : {}),
  });
  console.log(
    `CRM kit listening on ${origin}: demo shop ${origin}/, API ${origin}/v1, script ${origin}/crm.js`,
  );
}
