/**
 * The measured loads, each bounded in count and in time: once a bound is reached no new
 * request starts, and the ones in flight are awaited and counted (their time included).
 */
import { randomInt } from 'node:crypto';
import type { CustomerList } from '../../worker/contract/customers.ts';
import type { EventBatchResponse } from '../../worker/contract/events.ts';
import type { IdentifyResponse } from '../../worker/contract/identify.ts';
import type { VisitorResponse } from '../../worker/contract/visitors.ts';
import { type Api, BenchFailure, identityTokenFor } from './http.ts';
import { uuidv7 } from './ids.ts';
import { PRODUCT_COUNT, emailOf, externalIdOf, nameOf, skuOf } from './population.ts';
import { Browser } from './traffic.ts';

export interface Bounds {
  maxMs: number;
  maxCount: number;
}

/** What a load did: requests, the events or orders they carried, how long, each request's time. */
export interface Sample {
  requests: number;
  items: number;
  seconds: number;
  latencies: number[];
}

/** Runs `concurrency` copies of `step` until a bound or `stop()`; each step returns the items it carried. */
async function run(concurrency: number, bounds: Bounds, step: () => Promise<number>, stop = () => false) {
  const sample: Sample = { requests: 0, items: 0, seconds: 0, latencies: [] };
  const started = performance.now();
  const deadline = started + bounds.maxMs;
  let claimed = 0;
  // The first failure stops every loop and is the one reported, once the others have settled.
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!failure && claimed < bounds.maxCount && performance.now() < deadline && !stop()) {
        claimed += 1;
        const sentAt = performance.now();
        try {
          // Not `items += await step()`: that reads `items` before the await and loses the other loops' counts.
          const items = await step();
          sample.items += items;
        } catch (error) {
          failure ??= { error };
          return;
        }
        sample.latencies.push(performance.now() - sentAt);
        sample.requests += 1;
      }
    }),
  );
  if (failure) throw failure.error;
  sample.seconds = (performance.now() - started) / 1000;
  return sample;
}

/** A new anonymous visitor's token, as the tracker gets one on a first visit. */
export async function newVisitorToken(api: Api): Promise<string> {
  const answer = await api.widget('POST', '/v1/visitors', { body: {}, expect: 201 });
  return (answer.body as VisitorResponse).visitorToken;
}

/** New anonymous visitors, as the tracker creates them on a first visit. */
export async function newBrowsers(api: Api, count: number): Promise<Browser[]> {
  const browsers: Browser[] = [];
  await run(8, { maxMs: 120_000, maxCount: count }, async () => {
    browsers.push(new Browser(await newVisitorToken(api)));
    return 0;
  });
  if (browsers.length < count)
    throw new BenchFailure(`only ${browsers.length} of ${count} visitors were created`);
  return browsers;
}

/** Sends one request of `events` for a visitor; every event must be accepted. */
export async function send(api: Api, browser: Browser, count: number): Promise<number> {
  const events = browser.take(count);
  const answer = await api.widget('POST', '/v1/events', {
    body: { visitorToken: browser.token, events },
    expect: 200,
  });
  const body = answer.body as EventBatchResponse;
  if (body.accepted !== events.length) {
    throw new BenchFailure(
      `POST /v1/events accepted ${body.accepted} of ${events.length}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
  return body.accepted;
}

/**
 * Ingestion: `concurrency` loops, each taking an idle visitor from the pool, sending its next
 * `perRequest()` events and putting it back, so no visitor has two requests in flight.
 */
export function ingest(
  api: Api,
  pool: Browser[],
  perRequest: () => number,
  concurrency: number,
  bounds: Bounds,
  stop?: () => boolean,
) {
  if (pool.length <= concurrency) throw new Error('the pool needs more visitors than loops');
  const idle = [...pool];
  return run(
    concurrency,
    bounds,
    async () => {
      const browser = idle.shift();
      if (!browser) throw new Error('no idle visitor');
      const accepted = await send(api, browser, perRequest());
      idle.push(browser);
      return accepted;
    },
    stop,
  );
}

/** The customer card's read, one request at a time. */
export function readMe(
  api: Api,
  me: { visitorToken: string; identity: string },
  bounds: Bounds,
  stop?: () => boolean,
) {
  return run(
    1,
    bounds,
    async () => {
      const { body } = await api.widget('GET', '/v1/me', {
        bearer: me.visitorToken,
        identity: me.identity,
        expect: 200,
      });
      if (!(body as { identified: boolean }).identified)
        throw new BenchFailure('GET /v1/me did not answer for the identified customer');
      return 1;
    },
    stop,
  );
}

/** Orders from the shop's server for `customers` (numbers), 1–3 lines of real products. */
export function placeOrders(api: Api, customers: number[], concurrency: number, bounds: Bounds) {
  let next = 0;
  return run(concurrency, bounds, async () => {
    const n = customers[next++ % customers.length] ?? 0;
    const items = Array.from({ length: 1 + randomInt(3) }, () => ({
      sku: skuOf(randomInt(PRODUCT_COUNT)),
      quantity: 1 + randomInt(2),
      unitPriceCents: 500 + randomInt(50_000),
    }));
    await api.server('POST', '/v1/orders', {
      body: {
        customer: { externalId: externalIdOf(n), email: emailOf(n), name: nameOf(n) },
        reference: `#B${next}`,
        currency: 'USD',
        items,
      },
      headers: { 'Idempotency-Key': uuidv7() },
      expect: 201,
    });
    return 1;
  });
}

/**
 * Identify with merge: a fresh anonymous visitor sends a page's events, then logs in as an
 * existing customer. Only the identify request is timed; `events` counts what was stored.
 */
export async function identifyMerges(api: Api, targets: number[], bounds: Bounds) {
  let events = 0;
  let next = 0;
  const latencies: number[] = [];
  const sample = await run(1, bounds, async () => {
    const visitorToken = await newVisitorToken(api);
    const browser = new Browser(visitorToken);
    const sent = await send(api, browser, 3);
    events += sent;
    const target = externalIdOf(targets[next++ % targets.length] ?? 0);
    const { body, ms } = await api.widget('POST', '/v1/identify', {
      body: {},
      bearer: visitorToken,
      identity: identityTokenFor(target),
      expect: 200,
    });
    const { status } = body as IdentifyResponse;
    if (status !== 'merged') throw new BenchFailure(`identify as ${target} answered ${status}, not merged`);
    latencies.push(ms);
    return 1;
  });
  return { ...sample, latencies, events };
}

/** Staff search, one request at a time; `check` says whether the answer is the expected one. */
export function search(api: Api, q: string, check: (list: CustomerList) => boolean, bounds: Bounds) {
  return run(1, bounds, async () => {
    const answer = await api.server('GET', `/v1/customers?q=${encodeURIComponent(q)}&limit=20`, {
      expect: 200,
    });
    const body = answer.body as CustomerList;
    if (!check(body)) throw new BenchFailure(`search for ${q} found ${body.customers.length} customers`);
    return 1;
  });
}
