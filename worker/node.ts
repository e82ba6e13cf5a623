// Node entry (production): the API and the widget bundle over the database it is given, on one
// port. It migrates an embedded database and never seeds: the demo lives in examples/.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { OpenDatabase } from '../db/client.ts';
import { withGroupCommit } from '../db/group-commit.ts';
import { createApp, serviceContext } from './app.ts';
import { randomToken } from './lib/crypto.ts';
import { staffCount } from './modules/staff/accounts.ts';
import { createErrorHandler, onNotFound, type ErrorLog } from './http/error-handler.ts';
import { loadBundle, serveBundle } from './node/bundle.ts';
import { jsonLength } from './node/json-length.ts';
import { openNodeDatabase } from './node/database.ts';
import { DirectoryStorage } from './node/blob-storage.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Options of {@link start}; each has an environment variable (read by `main`) and a default. */
export interface StartOptions {
  /** `LIBSQL_URL`: defaults to the embedded `file:./data/crm.db`. */
  dbUrl?: string;
  /** `LIBSQL_AUTH_TOKEN`, for a libSQL server. */
  authToken?: string;
  /** `PORT`: 8787; 0 picks a free port. */
  port?: number;
  /** `HOST`: 127.0.0.1. */
  host?: string;
  /** `RATE_LIMIT_PER_MINUTE`: per client address. */
  rateLimitPerMinute?: number;
  /** More routes on the same port, after the API and the bundle (the demo mounts its shop). */
  routes?: Hono;
  /** Where unexpected errors go; `console.error` unless told otherwise. */
  log?: ErrorLog;
  /** `CRM_FILES_DIR`: where ticket attachments are kept; beside an embedded database by default. */
  filesDir?: string;
}

/** A running server; `close()` stops it and closes the database. */
export interface RunningServer {
  origin: string;
  database: OpenDatabase;
  /** The one-time token for the console's first-run setup, while no member of staff exists. */
  setupToken: string | undefined;
  close(): Promise<void>;
}

/**
 * Where attachments go by default: beside an embedded database (`data/crm.db` → `data/crm.db.files`),
 * so a database and its files move and are deleted together; `./data/files` for a server.
 */
function filesDirFor(dbUrl: string | undefined): string {
  const url = dbUrl ?? 'file:./data/crm.db';
  return url.startsWith('file:') && url !== 'file::memory:'
    ? `${resolve(url.slice('file:'.length))}.files`
    : join(root, 'data', 'files');
}

/** Starts the server and resolves once it listens. */
export async function start(options: StartOptions = {}): Promise<RunningServer> {
  const database = await openNodeDatabase(options.dbUrl, options.authToken);
  const host = options.host ?? '127.0.0.1';
  // A fresh installation has nobody to sign in: a token printed here (only the person at the
  // server sees it) lets the first owner set it up in the console.
  const needsSetup = (await staffCount(serviceContext({ db: database.db }))) === 0;
  const setupToken = needsSetup ? randomToken(18) : undefined;
  const log =
    options.log ??
    ((message: string, error: unknown) => {
      console.error(message, error);
    });

  const app = new Hono();
  app.onError(createErrorHandler(log));
  app.notFound(onNotFound);
  // JSON answers of a few KB shrink several times; the bundle comes precompressed below.
  app.use('/v1/*', compress());
  // Inside compress(): the small answers of the hot write routes then skip it (see json-length.ts).
  app.use('/v1/*', jsonLength());
  app.use(serveBundle(await loadBundle(join(root, 'dist'))));
  app.route(
    '/',
    createApp({
      // One process owns the embedded file: concurrent writes can share a commit (and its sync).
      ...(database.kind === 'remote'
        ? { db: database.db }
        : { db: withGroupCommit(database.db), eventDb: withGroupCommit(database.eventDb) }),
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
      log,
      readAhead: true,
      blobs: new DirectoryStorage(options.filesDir ?? filesDirFor(options.dbUrl)),
      ...(setupToken ? { setupToken } : {}),
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    }),
  );
  if (options.routes) app.route('/', options.routes);

  const server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => {
      done(s);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    origin: `http://${host}:${String(port)}`,
    database,
    setupToken,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          database.close();
          done();
        });
      }),
  };
}

/** The options the environment sets. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): StartOptions {
  return {
    ...(env.LIBSQL_URL ? { dbUrl: env.LIBSQL_URL } : {}),
    ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}),
    ...(env.PORT ? { port: Number(env.PORT) } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.CRM_FILES_DIR ? { filesDir: env.CRM_FILES_DIR } : {}),
    ...(env.RATE_LIMIT_PER_MINUTE ? { rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE) } : {}),
  };
}

if (import.meta.main) {
  const { origin, setupToken } = await start(optionsFromEnv(process.env));
  console.log(
    `CRM kit listening on ${origin}: API ${origin}/v1, script ${origin}/crm.js, console ${origin}/console`,
  );
  if (setupToken) console.log(`First run: open ${origin}/console and set up with the token ${setupToken}`);
}
