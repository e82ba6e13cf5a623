/**
 * The bench's server process (serve.ts) seen from the load generator: its origin, its memory
 * as the kernel counts it, and a way to stop it.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface BenchServer {
  origin: string;
  /** Resident memory now and its peak since the process started (`VmRSS`, `VmHWM`), bytes. */
  memory(): Promise<{ rss: number; peak: number }>;
  /** CPU seconds (user + system) the server process has used since it started. */
  cpuSeconds(): Promise<number>;
  /** Its event loop's thread: time it ran and time it was ready but waited for a CPU, ms. */
  schedule(): Promise<Schedule>;
  stop(): Promise<void>;
}

async function memoryOf(pid: number) {
  // The kernel's own counters: sampling from inside the server would miss the peaks, since
  // the server's thread is busy in the database driver exactly when memory peaks.
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

/** Clock ticks a second in `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const CLOCK_TICKS = 100;

async function cpuOf(pid: number) {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** How long a thread ran on a CPU and how long it was ready to run but waited for one, ms. */
export interface Schedule {
  ranMs: number;
  waitedMs: number;
}

/**
 * The scheduler's counters of a process's main thread (`/proc/<pid>/schedstat`, ns): on a
 * shared machine the wait is the part of a request's time other processes took.
 */
export async function scheduleOf(pid: number | 'self'): Promise<Schedule> {
  const [ran = NaN, waited = NaN] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ').map(Number);
  return { ranMs: ran / 1e6, waitedMs: waited / 1e6 };
}

/**
 * Starts tests/bench/serve.ts on `dbUrl` (or another script of this folder that reports its
 * origin the same way, e.g. floor-serve.ts) and waits for its origin.
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the server there.
 */
export async function startServer(dbUrl: string, script = 'serve.ts'): Promise<BenchServer> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(join(here, script), [dbUrl], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir)] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = await Promise.race([once(child, 'message'), once(child, 'exit')]);
  const origin = (first[0] as { origin?: unknown } | null)?.origin;
  if (typeof origin !== 'string' || child.pid === undefined) {
    throw new Error('the bench server exited before listening');
  }
  const pid = child.pid;
  return {
    origin,
    memory: () => memoryOf(pid),
    cpuSeconds: () => cpuOf(pid),
    schedule: () => scheduleOf(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}
