/**
 * The figures of one database and how the bench prints them: side by side for the empty and
 * the big database, then the goals as ratios with a mark. Speed never fails the run.
 */
import type { Sample } from './load.ts';
import type { RawResult } from './raw.ts';

export interface Figures {
  /** 1–5 events per request from many visitors, as browsers send them. */
  small: Sample;
  /** 100-event batches. */
  batch: Sample;
  raw: { before: RawResult; after: RawResult };
  orders: Sample;
  meAlone: Sample;
  meDuring: Sample;
  /** The ingestion running while `meDuring` was measured. */
  ingestDuring: Sample;
  identify: Sample;
  search: { email: Sample; missingName: Sample; externalId: Sample };
  bytesPerEvent: number;
  fileBytesPerEvent: number;
  rss: { idle: number; peak: number };
  stored: { events: number; orders: number };
  /** Customers in the database at the end of the run. */
  customers: number;
}

/** The value below which `p` of the samples lie (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? `${int(n)} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
export const rate = (s: Sample) => (s.seconds > 0 ? s.items / s.seconds : 0);
export const rawRate = (f: Figures) => (f.raw.before.rate + f.raw.after.rate) / 2;
const p = (s: Sample, q: number) => percentile(s.latencies, q);
const latency = (s: Sample) => `${ms(p(s, 0.5))} / ${ms(p(s, 0.99))} (n=${s.latencies.length})`;

interface Row {
  figure: string;
  empty: string;
  big: string;
  'big/empty'?: string;
}

function rows(e: Figures, b: Figures): Row[] {
  const rated = (figure: string, of: (f: Figures) => number, unit: string): Row => ({
    figure,
    empty: `${int(of(e))}${unit}`,
    big: `${int(of(b))}${unit}`,
    'big/empty': ratio(of(b) / of(e)),
  });
  const both = (figure: string, of: (f: Figures) => string): Row => ({ figure, empty: of(e), big: of(b) });
  return [
    rated('ingestion, 1–5 events/request', (f) => rate(f.small), ' events/s'),
    both('  request p50 / p99', (f) => latency(f.small)),
    rated('ingestion, 100-event batches', (f) => rate(f.batch), ' events/s'),
    both('  request p50 / p99', (f) => latency(f.batch)),
    rated('raw insert ceiling (mean)', rawRate, ' rows/s'),
    both('  before / after the HTTP run', (f) => `${int(f.raw.before.rate)} / ${int(f.raw.after.rate)}`),
    both('ingestion / raw, 1–5 events', (f) => ratio(rate(f.small) / rawRate(f))),
    both('ingestion / raw, 100-event batches', (f) => ratio(rate(f.batch) / rawRate(f))),
    rated('POST /v1/orders', (f) => rate(f.orders), ' orders/s'),
    both('  request p50 / p99', (f) => latency(f.orders)),
    both('GET /v1/me alone p50 / p99', (f) => latency(f.meAlone)),
    both('GET /v1/me during ingestion p50 / p99', (f) => latency(f.meDuring)),
    both('  ingestion meanwhile', (f) => `${int(rate(f.ingestDuring))} events/s`),
    both('identify with merge p50 / p99', (f) => latency(f.identify)),
    both('search: email p50 / p99', (f) => latency(f.search.email)),
    both('search: missing name p50 / p99', (f) => latency(f.search.missingName)),
    both('search: external id p50 / p99', (f) => latency(f.search.externalId)),
    both('  customers in the database', (f) => int(f.customers)),
    both('bytes per event (events + indexes)', (f) => int(f.bytesPerEvent)),
    both('  whole file / events', (f) => int(f.fileBytesPerEvent)),
    both('server RSS idle / peak', (f) => `${mib(f.rss.idle)} / ${mib(f.rss.peak)}`),
    both('stored = accepted (events, orders)', (f) => `${int(f.stored.events)}, ${int(f.stored.orders)}`),
  ];
}

interface Goal {
  goal: string;
  value: string;
  target: string;
  met: string;
}

function goals(e: Figures, b: Figures): Goal[] {
  const atLeast = (goal: string, value: number, target: number, show = ratio): Goal => ({
    goal,
    value: show(value),
    target: `≥ ${show(target)}`,
    met: value >= target ? '✓ pass' : '✗ fail',
  });
  const atMost = (goal: string, value: number, target: number): Goal => ({
    goal,
    value: ms(value),
    target: `≤ ${ms(target)}`,
    met: value <= target ? '✓ pass' : '✗ fail',
  });
  return [
    atLeast('ingestion big/empty, 1–5 events/request', rate(b.small) / rate(e.small), 0.8),
    atLeast('ingestion big/empty, 100-event batches', rate(b.batch) / rate(e.batch), 0.8),
    atLeast('ingestion/raw, big, 1–5 events/request', rate(b.small) / rawRate(b), 0.5),
    atLeast('ingestion/raw, big, 100-event batches', rate(b.batch) / rawRate(b), 0.5),
    atLeast('ingestion/raw, empty, 1–5 events/request', rate(e.small) / rawRate(e), 0.5),
    atLeast('ingestion/raw, empty, 100-event batches', rate(e.batch) / rawRate(e), 0.5),
    atLeast('orders/s, big', rate(b.orders), 1000, int),
    atMost('identify with merge p99, big', p(b.identify, 0.99), 20),
    atMost('GET /v1/me p99 during ingestion, big', p(b.meDuring, 0.99), 50),
    atMost(`search p99, email, ${int(b.customers)} customers`, p(b.search.email, 0.99), 20),
    atMost(`search p99, missing name, ${int(b.customers)} customers`, p(b.search.missingName, 0.99), 20),
    atMost(`search p99, external id, ${int(b.customers)} customers`, p(b.search.externalId, 0.99), 20),
  ];
}

export function printReport(empty: Figures, big: Figures): void {
  console.log('\nFigures (empty database | big database)');
  console.table(rows(empty, big));
  const list = goals(empty, big);
  console.log(
    `\nGoals of the issue: ${list.filter((g) => g.met.startsWith('✓')).length} of ${list.length} met`,
  );
  console.table(list);
}
