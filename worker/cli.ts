// Command-line entry: `npm run crm -- <command>`. It works on whatever LIBSQL_URL names (the
// embedded file by default, or a libSQL server with LIBSQL_AUTH_TOKEN). Later features add
// their commands to COMMANDS.
import { parseArgs } from 'node:util';
import type { OpenDatabase } from '../db/client.ts';
import { migrateDb } from '../db/migrate.ts';
import { serviceContext } from './app.ts';
import { JOBS, findJob } from './jobs/index.ts';
import { runJob } from './jobs/job.ts';
import { openNodeDatabase } from './node/database.ts';

/** A command: its usage line, and what it does with the arguments after its name. */
interface Command {
  usage: string;
  run(database: OpenDatabase, args: string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
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
      const ctx = serviceContext({ db });
      for (const job of jobs) {
        const run = await runJob(ctx, job, budget);
        const state = run.finished ? 'finished' : 'paused (budget spent; the next run goes on)';
        console.log(`${job.name}: ${run.processed} rows in ${run.pages} pages, ${state}`);
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
    await command.run(database, args);
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
