// `npm start`: the demo. The production Node entry with the example shop mounted beside the
// API, over its own embedded database, seeded with a demo site whose keys are in this repo.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv, start, type RunningServer, type StartOptions } from '../worker/node.ts';
import { PRODUCT_PAGES } from './shop/catalog.ts';
import {
  DEMO_CUSTOMERS,
  DEMO_OWNER,
  DEMO_PRODUCTS,
  DEMO_SITE,
  seedDemo,
  seedDemoOwner,
} from './shop/seed.ts';
import { seedDemoService } from './shop/seed-service.ts';
import { createShopApp } from './shop/server.ts';
import { seedScoringDemo } from './shop/seed-scoring.ts';
import { seedOfferHistory } from './shop/seed-offers.ts';

const shopDir = join(dirname(fileURLToPath(import.meta.url)), 'shop');

/** What the demo takes beyond the server's options. */
export interface DemoOptions extends StartOptions {
  /** Shoppers in the lighting offer's seeded history; none unless told (`npm start` seeds 120, once). */
  offerHistory?: number;
}

/**
 * Starts the demo: the CRM, the example shop on the same origin, and the seeded demo site
 * allowing that origin. Only an embedded database: the demo's public secret key must never
 * become a tenant of a real server.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningServer> {
  const dbUrl = options.dbUrl ?? 'file:./data/demo.db';
  if (!dbUrl.startsWith('file:')) {
    throw new Error(`The demo runs on an embedded database only (file:…), not ${dbUrl}`);
  }
  let origin = '';
  const shop = createShopApp({
    customers: DEMO_CUSTOMERS,
    identitySecret: DEMO_SITE.identitySecret,
    crmSecretKey: DEMO_SITE.secretKey,
    crmBaseUrl: () => origin,
    products: DEMO_PRODUCTS.flatMap((p) => {
      const page = PRODUCT_PAGES[p.sku];
      return page ? [{ ...p, ...page }] : [];
    }),
    readPage: (name) => readFile(join(shopDir, name), 'utf8').catch(() => null),
  });
  const server = await start({ ...options, dbUrl, routes: shop });
  origin = server.origin;
  const port = new URL(origin).port;
  // Seeded once the port is known, so the demo site allows the origin the shop is really on.
  await seedDemo(server.database.db, [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  await seedDemoOwner(server.database.db);
  await seedDemoService(server.database.db);
  if (options.offerHistory) await seedOfferHistory(server.database.db, options.offerHistory);
  return server;
}

if (import.meta.main) {
  const server = await startDemo({ ...optionsFromEnv(process.env), offerHistory: 120 });
  const { origin } = server;
  // Shoppers with a past, scored, for the customer-intelligence pages (once per database).
  await seedScoringDemo(server.database.db, DEMO_SITE.publishableKey);
  console.log(
    `CRM demo on ${origin}: the example shop at ${origin}/, API ${origin}/v1, script ${origin}/crm.js`,
  );
  console.log(`Staff console: ${origin}/console, sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
}
