/**
 * Runs the Workers entry in real workerd the way a deploy would: wrangler bundles
 * worker/index.ts (`wrangler deploy --dry-run`), wrangler applies db/migrations to a local
 * D1 (`wrangler d1 migrations apply --local`), and Miniflare serves the bundle over that
 * same persisted D1 database.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const wranglerBin = join(root, 'node_modules/wrangler/bin/wrangler.js');

/** The settings of wrangler.toml the test needs; a regex is enough for these flat keys. */
async function readWranglerToml() {
  const toml = await readFile(join(root, 'wrangler.toml'), 'utf8');
  const value = (key: string) => {
    const match = new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm').exec(toml);
    if (!match?.[1]) throw new Error(`wrangler.toml has no ${key}`);
    return match[1];
  };
  return {
    compatibilityDate: value('compatibility_date'),
    databaseName: value('database_name'),
    databaseId: value('database_id'),
  };
}

/** Runs the repo's wrangler with metrics off and no prompts. */
async function wrangler(args: string[]) {
  try {
    await run(process.execPath, [wranglerBin, ...args], {
      cwd: root,
      env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** A running workerd with the bundled worker and its migrated D1 database. */
export interface Workerd {
  mf: Miniflare;
  db: Awaited<ReturnType<Miniflare['getD1Database']>>;
  /** Sends a request to the worker, as a browser or server on the internet would. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

/** Bundles, migrates and starts; `vars` become the worker's environment variables. */
export async function startWorkerd(vars: Record<string, string> = {}): Promise<Workerd> {
  const config = await readWranglerToml();
  const dir = await mkdtemp(join(tmpdir(), 'crm-workerd-'));
  const outDir = join(dir, 'bundle');
  const persistTo = join(dir, 'state');
  await Promise.all([
    wrangler(['deploy', '--dry-run', '--outdir', outDir]),
    wrangler(['d1', 'migrations', 'apply', config.databaseName, '--local', '--persist-to', persistTo]),
  ]);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outDir, 'index.js'),
    // Module names are paths relative to this root; the bundle lives outside the repo.
    modulesRoot: outDir,
    compatibilityDate: config.compatibilityDate,
    d1Databases: { DB: config.databaseId },
    // wrangler keeps local D1 state under <persist-to>/v3/d1, keyed by the database id.
    d1Persist: join(persistTo, 'v3', 'd1'),
    bindings: vars,
    // Lets the test fire the cron through `/cdn-cgi/handler/scheduled`, as `wrangler dev` does.
    unsafeTriggerHandlers: true,
  });
  await mf.ready;
  const db = await mf.getD1Database('DB');
  return {
    mf,
    db,
    fetch: async (path, init) =>
      (await mf.dispatchFetch(`https://crm.test${path}`, init as never)) as unknown as Response,
    dispose: async () => {
      await mf.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
