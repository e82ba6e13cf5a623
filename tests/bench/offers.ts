/**
 * Offers' figures, part of `npm run bench`: the decision endpoint's latency under 50 concurrent
 * clients with 100 live offers (real HTTP against the production Node entry, visitors with
 * browsing history made over the same API), and the report of one offer over 1,000,000
 * exposures (rows made with SQL on the real migrations, read through the report's service).
 * Prints figures only; every request must succeed or the run fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offers, products } from '../../db/schema/index.ts';
import { serviceContext } from '../../worker/app.ts';
import type { OfferInput } from '../../worker/contract/offers.ts';
import { verifyVisitorToken } from '../../worker/modules/identity/visitors.ts';
import { OfferCache } from '../../worker/modules/offers/cache.ts';
import { decide as decideOffer } from '../../worker/modules/offers/decide.ts';
import { offerReport } from '../../worker/modules/offers/report.ts';
import { DEFAULT_SOURCES } from '../../worker/modules/offers/sources.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { start } from '../../worker/node.ts';

const LIVE_OFFERS = 100;
const VISITORS = 2_000;
const CLIENTS = 50;
const DECISIONS = 10_000;
/** The paced phase: decisions a second across all clients, and for how long. */
const PACED_RATE = 100;
const PACED_SECONDS = 15;
const EXPOSURES = 1_000_000;
const ORIGIN = 'http://bench.local';
const CATEGORIES = ['Lighting', 'Furniture', 'Kitchen', 'Textiles', 'Garden'];

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const rows: { figure: string; value: string }[] = [];
const note = (figure: string, value: string) => {
  rows.push({ figure, value });
  console.log(`  ${figure}: ${value}`);
};

const dir = await mkdtemp(join(tmpdir(), 'crm-bench-offers-'));
const server = await start({ dbUrl: `file:${join(dir, 'offers.db')}`, port: 0, rateLimitPerMinute: 1e9 });
try {
  const { db, client } = server.database;
  const ctx = serviceContext({ db });
  const created = await createSite(ctx, { name: 'Bench offers', allowedOrigins: [ORIGIN] });
  const { site } = created;
  const key = created.publishableKey;
  await db.insert(products).values(
    CATEGORIES.flatMap((category, c) =>
      Array.from({ length: 20 }, (_, i) => ({
        siteId: site.id,
        sku: `SKU-${c}-${i}`,
        name: `${category} ${i}`,
        category,
        priceCents: 1000 + i * 100,
      })),
    ),
  );
  // 100 live offers at one placement, with every stored-data rule kind among them.
  const now = Date.now();
  const rules = (i: number): OfferInput['targeting'] => {
    const category = CATEGORIES[i % CATEGORIES.length] ?? 'Lighting';
    switch (i % 4) {
      case 0:
        return [{ kind: 'viewedCategory', categories: [category], days: 30 }];
      case 1:
        return [{ kind: 'viewedProduct', skus: [`SKU-${i % 5}-${i % 20}`], days: 7 }];
      case 2:
        return [{ kind: 'boughtNotBought', bought: ['SKU-0-0'], notBought: ['SKU-0-1'] }];
      default:
        return [
          { kind: 'audience', identified: false },
          { kind: 'pageUrl', pattern: '/products/*' },
        ];
    }
  };
  await db.insert(offers).values(
    Array.from({ length: LIVE_OFFERS }, (_, i) => ({
      id: `bench-offer-${i}`,
      siteId: site.id,
      name: `Offer ${i}`,
      status: 'live' as const,
      placement: 'home-hero',
      title: `Offer ${i}`,
      priority: i % 10,
      skus: [`SKU-${i % 5}-${(i + 3) % 20}`],
      targeting: rules(i),
      createdAt: now,
      updatedAt: now,
    })),
  );

  const call = async (
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${server.origin}${path}${path.includes('?') ? '&' : '?'}key=${key}`, {
      ...init,
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  };
  console.log(`Offers bench: ${VISITORS} visitors browsing, ${LIVE_OFFERS} live offers`);
  const preparing = performance.now();
  const tokens: string[] = [];
  for (let start = 0; start < VISITORS; start += CLIENTS) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CLIENTS, VISITORS - start) }, async (_, j) => {
        const i = start + j;
        const { visitorToken } = JSON.parse(await call('/v1/visitors', { method: 'POST', body: '{}' })) as {
          visitorToken: string;
        };
        const events = Array.from({ length: 5 }, (_, n) => ({
          id: `bench-${i}-${n}`,
          type: 'product_view',
          sessionId: `bench-session-${i}`,
          seq: n,
          ts: now,
          properties: { sku: `SKU-${(i + n) % 5}-${(i * 7 + n) % 20}` },
        }));
        await call('/v1/events', { method: 'POST', body: JSON.stringify({ visitorToken, events }) });
        return visitorToken;
      }),
    );
    tokens.push(...batch);
  }
  note('visitors made over HTTP', `${VISITORS} in ${((performance.now() - preparing) / 1000).toFixed(1)} s`);

  const decide = async (token: string) => {
    const started = performance.now();
    await call('/v1/offers/decide', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ placement: 'home-hero', url: `${ORIGIN}/products/lamp`, language: 'en' }),
    });
    return performance.now() - started;
  };
  // Warm-up: the first decision of each visitor records its exposures.
  for (let i = 0; i < VISITORS; i += CLIENTS) {
    await Promise.all(tokens.slice(i, i + CLIENTS).map(decide));
  }
  const samples: number[] = [];
  let next = 0;
  const running = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < DECISIONS) {
        const token = tokens[next++ % tokens.length] ?? '';
        samples.push(await decide(token));
      }
    }),
  );
  const seconds = (performance.now() - running) / 1000;
  note(`decision p50, ${CLIENTS} clients back to back (saturated)`, ms(percentile(samples, 0.5)));
  note(`decision p99, ${CLIENTS} clients back to back (saturated)`, ms(percentile(samples, 0.99)));
  note('decisions per second (saturated)', (DECISIONS / seconds).toFixed(0));
  // Under load, not saturated: the 50 clients each ask at a steady pace, PACED_RATE a second in all.
  const paced: number[] = [];
  const interval = (CLIENTS / PACED_RATE) * 1000;
  const until = performance.now() + PACED_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      await new Promise((resolve) => setTimeout(resolve, (c * interval) / CLIENTS));
      for (let i = 0; performance.now() < until; i++) {
        const started = performance.now();
        paced.push(await decide(tokens[(c * 997 + i) % tokens.length] ?? ''));
        const wait = interval - (performance.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  note(`decision p50, ${CLIENTS} clients at ${PACED_RATE}/s in all`, ms(percentile(paced, 0.5)));
  note(`decision p99, ${CLIENTS} clients at ${PACED_RATE}/s in all`, ms(percentile(paced, 0.99)));
  const single: number[] = [];
  for (let i = 0; i < 500; i++) single.push(await decide(tokens[i] ?? ''));
  note('decision p50, one client', ms(percentile(single, 0.5)));
  note('decision p99, one client', ms(percentile(single, 0.99)));

  // The same decisions through the service alone, in this process: the server's own cost,
  // without HTTP and the clients sharing the machine.
  const deps = { cache: new OfferCache(ctx), sources: DEFAULT_SOURCES };
  const service: number[] = [];
  for (const token of tokens.slice(0, 1000)) {
    const visitor = await verifyVisitorToken(ctx, site, token);
    const started = performance.now();
    await decideOffer(
      ctx,
      deps,
      site,
      visitor,
      { id: visitor.customerId, externalId: null },
      {
        placement: 'home-hero',
        url: `${ORIGIN}/products/lamp`,
        language: 'en',
      },
    );
    service.push(performance.now() - started);
  }
  note('decision service time p50 (in process, no HTTP)', ms(percentile(service, 0.5)));
  note('decision service time p99 (in process, no HTTP)', ms(percentile(service, 0.99)));

  // The report over a million exposures of one offer: a tenth in control, 5 % and 4 % converting.
  const generating = performance.now();
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO customers (id, site_id, first_seen_at, last_seen_at) SELECT printf('rc%08d', i), ?, ?, ? FROM n`,
    args: [EXPOSURES, site.id, now, now],
  });
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO offer_exposures (id, site_id, offer_id, customer_id, person_key, "group", segment,
        first_exposed_at, exposed_day, impressions, clicked_at, converted_at, revenue_cents)
      SELECT printf('rx%08d', i), ?, 'bench-offer-0', printf('rc%08d', i), printf('rc%08d', i),
        CASE WHEN i % 10 = 0 THEN 'control' ELSE 'treatment' END,
        CASE WHEN i % 3 = 0 THEN 'identified' ELSE 'anonymous' END,
        ? - (i % 30) * 86400000, (? - (i % 30) * 86400000) / 86400000, CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END,
        CASE WHEN i % 10 <> 0 AND i % 7 = 0 THEN ? END,
        CASE WHEN (i % 10 <> 0 AND i % 20 = 1) OR (i % 10 = 0 AND i % 250 = 0) THEN ? END,
        CASE WHEN (i % 10 <> 0 AND i % 20 = 1) OR (i % 10 = 0 AND i % 250 = 0) THEN 4900 ELSE 0 END
      FROM n`,
    args: [EXPOSURES, site.id, now, now, now, now],
  });
  note('1,000,000 exposures generated', `${((performance.now() - generating) / 1000).toFixed(1)} s`);
  const reportTimes: number[] = [];
  let report;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    report = await offerReport(ctx, site, 'bench-offer-0');
    reportTimes.push(performance.now() - started);
  }
  note('report over 1,000,000 exposures (median of 5)', ms(percentile(reportTimes, 0.5)));
  const overall = report?.overall;
  note(
    'report says',
    `treatment ${overall?.arms.treatment.exposed} / control ${overall?.arms.control.exposed}, uplift ${((overall?.conversionUplift.absolute ?? 0) * 100).toFixed(2)} pts [${((overall?.conversionUplift.absoluteLow ?? 0) * 100).toFixed(2)}, ${((overall?.conversionUplift.absoluteHigh ?? 0) * 100).toFixed(2)}], SRM ${report?.sampleRatio.mismatch ? 'flagged' : 'ok'}`,
  );
  console.table(rows);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
