/**
 * Who lives in the bench databases: the one site (with credentials the bench knows), its
 * catalogue, and the customer tiers of the big database. Customer `n` has an external id,
 * email and name computable both here and in SQL, so the load can name existing customers
 * without reading them back.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';

/** Public on purpose: they exist only in databases the bench made on this machine. */
export const BENCH_SITE = {
  id: 'BenchSite0000000000000',
  name: 'Bench Shop',
  publishableKey: 'pk_bench_shop_1b6f0c9d2e',
  secretKey: 'sk_bench_shop_secret_9f3a7c1e5b2d4a60',
  identitySecret: 'bench-identity-secret-7d1c9e3f5a2b4c6e',
  visitorTokenSecret: 'bench-visitor-token-secret-4e8a2c6f0b1d3e5a',
  /** The shop's pages: the `Origin` of every widget request, allowed exactly, and the events' urls. */
  origin: 'https://shop.bench.local',
} as const;

/** Where the bench's pages live, for event urls. */
export const SHOP_URL = BENCH_SITE.origin;

export const CATEGORIES = [
  'Lighting',
  'Furniture',
  'Kitchen',
  'Textiles',
  'Garden',
  'Bath',
  'Office',
  'Storage',
  'Decor',
  'Outdoor',
  'Kids',
  'Pets',
  'Tools',
  'Audio',
  'Books',
  'Stationery',
  'Travel',
  'Fitness',
  'Beauty',
  'Tableware',
] as const;
export const PRODUCTS_PER_CATEGORY = 25;
export const PRODUCT_COUNT = CATEGORIES.length * PRODUCTS_PER_CATEGORY;

/** The sku of product `i` (0 ≤ i < {@link PRODUCT_COUNT}); category `floor(i / 25)`. */
export const skuOf = (i: number) => `SKU-${String(i).padStart(5, '0')}`;
/** The same as SQL over an integer expression. */
export const skuSql = (i: string) => `'SKU-' || printf('%05d', ${i})`;

/**
 * A tier of customers of the big database, numbered consecutively in the order listed:
 * how many sessions (10 events each), visitors (devices) and orders each of them has.
 */
export interface Tier {
  name: string;
  count: number;
  sessions: number;
  visitors: number;
  orders: number;
  identified: boolean;
}

/** 1M customers: 200k with history (10M events, 1M orders), 800k identified without any. */
export const TIERS = [
  { name: 'heavy', count: 2_000, sessions: 150, visitors: 3, orders: 100, identified: true },
  { name: 'regular', count: 38_000, sessions: 10, visitors: 2, orders: 15, identified: true },
  { name: 'light', count: 115_000, sessions: 2, visitors: 1, orders: 2, identified: true },
  { name: 'anonymous', count: 45_000, sessions: 2, visitors: 1, orders: 0, identified: false },
  { name: 'dormant', count: 800_000, sessions: 0, visitors: 1, orders: 0, identified: true },
] as const satisfies readonly Tier[];
export type TierName = (typeof TIERS)[number]['name'];

/** First customer number of a tier and how many it has. */
export function tierRange(name: TierName): { first: number; count: number } {
  let first = 0;
  for (const tier of TIERS) {
    if (tier.name === name) return { first, count: tier.count };
    first += tier.count;
  }
  throw new Error(`no tier ${name}`);
}

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
  'Hedy',
  'Dennis',
  'Karen',
  'John',
  'Sophie',
  'Niklaus',
  'Shafi',
  'Leslie',
  'Anita',
  'Guido',
  'Carol',
  'Bjarne',
  'Joan',
  'Yukihiro',
  'Mary',
  'James',
  'Lynn',
  'Brian',
  'Jean',
  'Robert',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Berners',
  'Lamarr',
  'Ritchie',
  'Jones',
  'McCarthy',
  'Wilson',
  'Wirth',
  'Goldwasser',
  'Lamport',
  'Borg',
  'Rossum',
  'Shaw',
  'Stroustrup',
  'Clarke',
  'Matsumoto',
  'Keller',
  'Gosling',
  'Conway',
  'Kernighan',
  'Sammet',
  'Floyd',
  'Bartik',
  'Iverson',
  'Backus',
  'Naur',
  'Kay',
  'Engelbart',
  'Sutherland',
  'Cerf',
];
const DOMAINS = ['example.com', 'mail.example.org', 'post.example.net', 'example.co.uk'];

/** The site's own id of customer `n`, as a shop would send it. */
export const externalIdOf = (n: number) => `C${String(n).padStart(7, '0')}`;
export const nameOf = (n: number) => `${FIRST[n % FIRST.length] ?? ''} ${LAST[(n >> 5) % LAST.length] ?? ''}`;
export const emailOf = (n: number) =>
  `${nameOf(n).toLowerCase().replace(' ', '.')}${n}@${DOMAINS[n % DOMAINS.length] ?? ''}`;
/** A name no customer has, for the search that must walk everything. */
export const MISSING_NAME = 'Zebedee Quarrington';

/** {@link externalIdOf}, {@link nameOf} and {@link emailOf} as SQL over the integer expression `n`. */
export const personSql = (n: string) => {
  const first = `json_extract('${JSON.stringify(FIRST)}', '$[' || ((${n}) % ${FIRST.length}) || ']')`;
  const last = `json_extract('${JSON.stringify(LAST)}', '$[' || (((${n}) >> 5) % ${LAST.length}) || ']')`;
  const domain = `json_extract('${JSON.stringify(DOMAINS)}', '$[' || ((${n}) % ${DOMAINS.length}) || ']')`;
  return {
    externalId: `'C' || printf('%07d', ${n})`,
    name: `${first} || ' ' || ${last}`,
    email: `lower(${first} || '.' || ${last}) || (${n}) || '@' || ${domain}`,
  };
};

/** The site row, as `createSite` would store it, allowing only {@link BENCH_SITE}.origin. */
export async function insertBenchSite(client: Client, createdAt: number): Promise<void> {
  const s = BENCH_SITE;
  await client.execute({
    sql: `INSERT INTO sites (id, name, publishable_key, secret_key_hash, identity_secret, visitor_token_secret,
            allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      s.id,
      s.name,
      s.publishableKey,
      createHash('sha256').update(s.secretKey).digest('hex'),
      s.identitySecret,
      s.visitorTokenSecret,
      JSON.stringify([s.origin]),
      createdAt,
    ],
  });
  await client.execute({
    sql: `INSERT INTO products (site_id, sku, name, category, price_cents)
          SELECT ?1, ${skuSql('value')}, json_extract(?2, '$[' || (value / ${PRODUCTS_PER_CATEGORY}) || ']') || ' no. ' || value,
            json_extract(?2, '$[' || (value / ${PRODUCTS_PER_CATEGORY}) || ']'), 500 + (value * 7919) % 50000
          FROM generate_series(0, ${PRODUCT_COUNT - 1})`,
    args: [s.id, JSON.stringify(CATEGORIES)],
  });
}
