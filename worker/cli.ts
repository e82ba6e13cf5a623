// Command-line entry: `npm run crm -- <command>`. It works on whatever LIBSQL_URL names (the
// embedded file by default, or a libSQL server with LIBSQL_AUTH_TOKEN). Later features add
// their commands to COMMANDS.
import { parseArgs } from 'node:util';
import type { OpenDatabase } from '../db/client.ts';
import { migrateDb } from '../db/migrate.ts';
import { serviceContext } from './app.ts';
import { JOBS, findJob } from './jobs/index.ts';
import { runJob } from './jobs/job.ts';
import { originPattern, type SiteKeys } from './contract/console.ts';
import { STAFF_ROLES } from './contract/constants.ts';
import { randomToken } from './lib/crypto.ts';
import {
  createSiteWithAudit,
  listSites,
  rotateIdentitySecret,
  rotateSecretKey,
  siteById,
  updateSite,
} from './modules/sites/settings.ts';
import { backtest } from './modules/scoring/backtest.ts';
import { scoreSite } from './modules/scoring/pass.ts';
import { createStaff } from './modules/staff/accounts.ts';
import { openNodeDatabase } from './node/database.ts';

/** A command: its usage line, and what it does with the arguments after its name. */
interface Command {
  usage: string;
  run(database: OpenDatabase, args: string[], env: NodeJS.ProcessEnv): Promise<void>;
}

/** Where the snippets printed here load `crm.js` from. */
const crmOrigin = (env: NodeJS.ProcessEnv) => env.CRM_ORIGIN ?? 'http://127.0.0.1:8787';

function printKeys(keys: SiteKeys): void {
  console.log(`site            ${keys.site.name} (${keys.site.id})`);
  console.log(`publishable key ${keys.publishableKey}`);
  if (keys.secretKey)
    console.log(`secret key      ${keys.secretKey}   (shown once: keep it on your servers)`);
  if (keys.identitySecret) {
    console.log(
      `identity secret ${keys.identitySecret}   (shown once: your servers sign identity tokens with it)`,
    );
  }
  console.log(`\nPaste this into every page of the site:\n\n  ${keys.snippet}\n`);
}

/** Checks each origin against the contract's rule, as the console does. */
function origins(values: string[]): string[] {
  for (const value of values) {
    if (!originPattern.safeParse(value).success)
      throw new UsageError(`${value} is not an origin like https://shop.example`);
  }
  return values;
}

const COMMANDS: Record<string, Command> = {
  site: {
    usage: [
      'site create --name N --origin O [--origin O…]   a new site: prints its keys and the snippet',
      '  site list                                      every site with its origins',
      '  site origins <site-id> --add O | --remove O    change the allowed origins of a site',
      '  site rotate-secret <site-id>                   a new secret key; the old one stops at once',
      '  site rotate-identity <site-id> --grace-hours H a new identity secret; the old one verifies H more hours',
    ].join('\n'),
    async run({ db }, args, env) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          origin: { type: 'string', multiple: true },
          add: { type: 'string', multiple: true },
          remove: { type: 'string', multiple: true },
          'grace-hours': { type: 'string' },
        },
      });
      const ctx = serviceContext({ db, readAhead: true });
      const [verb, id] = positionals;
      if (verb === 'create') {
        if (!values.name || !values.origin?.length) throw new UsageError('site create --name N --origin O');
        printKeys(
          await createSiteWithAudit(
            ctx,
            null,
            { name: values.name, allowedOrigins: origins(values.origin) },
            crmOrigin(env),
          ),
        );
        return;
      }
      if (verb === 'list') {
        for (const summary of await listSites(ctx)) {
          const site = await siteById(ctx, summary.id);
          console.log(`${site.id}  ${site.name}  ${site.publishableKey}  ${site.allowedOrigins.join(' ')}`);
        }
        return;
      }
      if (!id) throw new UsageError(`site ${String(verb)} <site-id>`);
      const site = await siteById(ctx, id);
      if (verb === 'origins') {
        const removed = new Set(values.remove ?? []);
        const allowedOrigins = [
          ...site.allowedOrigins.filter((o) => !removed.has(o)),
          ...origins(values.add ?? []).filter((o) => !site.allowedOrigins.includes(o)),
        ];
        if (allowedOrigins.length === 0) throw new UsageError('a site needs at least one allowed origin');
        const updated = await updateSite(ctx, null, site, { allowedOrigins });
        console.log(updated.allowedOrigins.join('\n'));
      } else if (verb === 'rotate-secret') {
        printKeys(await rotateSecretKey(ctx, null, site, crmOrigin(env)));
      } else if (verb === 'rotate-identity') {
        const hours = Number(values['grace-hours'] ?? 24);
        if (!Number.isInteger(hours) || hours < 0 || hours > 168)
          throw new UsageError('--grace-hours takes 0 to 168');
        printKeys(await rotateIdentitySecret(ctx, null, site, hours, crmOrigin(env)));
      } else {
        throw new UsageError(`unknown: site ${String(verb)}`);
      }
    },
  },
  staff: {
    usage:
      'staff add --email E --name N --role owner|admin|marketing|service|content   password from CRM_STAFF_PASSWORD, or one is made and printed',
    async run({ db }, args, env) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
      });
      const role = STAFF_ROLES.find((r) => r === values.role);
      if (positionals[0] !== 'add' || !values.email || !values.name || !role) {
        throw new UsageError('staff add --email E --name N --role R');
      }
      const password = env.CRM_STAFF_PASSWORD ?? randomToken(15);
      if (password.length < 12) throw new UsageError('CRM_STAFF_PASSWORD needs at least 12 characters');
      const member = await createStaff(
        serviceContext({ db, readAhead: true }),
        { email: values.email, name: values.name, password, role },
        null,
      );
      console.log(`added ${member.email} as ${member.role}`);
      if (!env.CRM_STAFF_PASSWORD) console.log(`password: ${password}   (shown once)`);
    },
  },
  migrate: {
    usage:
      'migrate                       apply pending migrations (a libSQL server is not migrated otherwise)',
    async run({ db }) {
      await migrateDb(db);
      console.log('migrated');
    },
  },
  jobs: {
    usage: 'jobs list | jobs run <name>|--all [--budget-ms N]   background jobs, as the cron runs them',
    async run({ db }, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { all: { type: 'boolean' }, 'budget-ms': { type: 'string' } },
      });
      const [verb, name] = positionals;
      if (verb === 'list') {
        for (const job of JOBS) console.log(`${job.name.padEnd(20)} ${job.description}`);
        return;
      }
      if (verb !== 'run') throw new UsageError('jobs list | jobs run <name>|--all');
      const jobs = values.all ? JOBS : [findJob(name ?? '')].filter((j) => j !== undefined);
      if (jobs.length === 0) throw new UsageError(`no job named ${String(name)}; see "jobs list"`);
      const budget = values['budget-ms'] ? Number(values['budget-ms']) : Infinity;
      if (!(budget > 0)) throw new UsageError('--budget-ms takes a positive number');
      const ctx = serviceContext({ db, readAhead: true });
      for (const job of jobs) {
        const run = await runJob(ctx, job, budget);
        const state = run.finished ? 'finished' : 'paused (budget spent; the next run goes on)';
        console.log(`${job.name}: ${run.processed} rows in ${run.pages} pages, ${state}`);
      }
    },
  },
  scoring: {
    usage:
      'scoring run [--site ID] [--incremental] | scoring backtest [--site ID] [--cut-days 180] [--horizon-days 180]',
    async run({ db }, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          site: { type: 'string' },
          incremental: { type: 'boolean' },
          'cut-days': { type: 'string' },
          'horizon-days': { type: 'string' },
        },
      });
      const [verb] = positionals;
      if (verb !== 'run' && verb !== 'backtest') throw new UsageError('scoring run | scoring backtest');
      const ctx = serviceContext({ db, readAhead: true });
      const siteIds = values.site ? [values.site] : (await listSites(ctx)).map((s) => s.id);
      for (const siteId of siteIds) {
        const started = performance.now();
        if (verb === 'run') {
          const pass = await scoreSite(ctx, siteId, values.incremental ? 'incremental' : 'full');
          const ms = Math.round(performance.now() - started);
          console.log(`${siteId}: ${pass.kind} pass, ${pass.scored} customers scored in ${ms} ms`);
          continue;
        }
        const cutDays = Number(values['cut-days'] ?? 180);
        const horizonDays = Number(values['horizon-days'] ?? cutDays);
        if (!(cutDays > 0) || !(horizonDays > 0))
          throw new UsageError('--cut-days and --horizon-days take days');
        const result = await backtest(ctx, siteId, Date.now() - cutDays * 24 * 3600 * 1000, horizonDays);
        console.log(
          `${siteId}: history cut ${cutDays} days ago; ${result.buyers} buyers, ${result.churned} did not buy ` +
            `in the next ${horizonDays} days; churn risk AUC ${result.auc.toFixed(3)}`,
        );
      }
    },
  },
};

class UsageError extends Error {}

function usage(): string {
  return ['Usage: npm run crm -- <command>', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join(
    '\n',
  );
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(usage());
    return name && name !== 'help' ? 2 : 0;
  }
  const database = await openNodeDatabase(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN);
  try {
    await command.run(database, args, env);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
    console.error(`${error.message}\n${usage()}`);
    return 2;
  } finally {
    database.close();
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2), process.env);
