/**
 * The help center's figures, part of `npm run bench`: search latency over 10,000 published
 * articles in English, Simplified and Traditional Chinese on the embedded database, through the
 * real search service and through the HTTP route, and the size of the `<crm-faq>` chunk.
 * Articles are made from the example knowledge base's sentences plus random words, written with
 * the same token columns the service computes (the FTS5 triggers index them).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { openDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { helpArticles } from '../../db/schema/index.ts';
import { HELP_CENTER } from '../../examples/shop/help-center.ts';
import { createApp, serviceContext } from '../../worker/app.ts';
import type { HelpLocale } from '../../worker/contract/constants.ts';
import { searchColumns } from '../../worker/modules/help/articles.ts';
import { searchArticles } from '../../worker/modules/help/search.ts';
import { createSite } from '../../worker/modules/sites/service.ts';

const ARTICLES = 10_000;
const ROUNDS = 20;

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const LOCALES: HelpLocale[] = ['en', 'zh-CN', 'zh-TW'];
const sentences = new Map(
  LOCALES.map((locale) => [
    locale,
    HELP_CENTER.articles
      .filter((a) => a.locale === locale)
      .flatMap((a) => `${a.title}。${a.body}`.split(/[.。\n]+/).filter((s) => s.trim().length > 3)),
  ]),
);
const WORDS =
  'order parcel delivery refund return warranty lamp chair desk kettle rug throw invoice account password address payment card voucher coupon size colour stock shipping courier tracking exchange repair damage'.split(
    ' ',
  );
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

const HAN_CHARS = Array.from(HAN);

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'crm-bench-help-'));
  const database = await openDb(`file:${join(dir, 'help.db')}`);
  await migrateDb(database.db);
  const ctx = serviceContext({ db: database.db });
  const { site, publishableKey } = await createSite(ctx, {
    name: 'Bench',
    allowedOrigins: ['https://bench.example'],
  });

  let started = performance.now();
  const now = Date.now();
  const rows: (typeof helpArticles.$inferInsert)[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const locale = LOCALES[i % 3] ?? 'en';
    const pool = sentences.get(locale) ?? [];
    const extra =
      locale === 'en'
        ? Array.from({ length: 12 }, () => pick(WORDS)).join(' ')
        : Array.from({ length: 30 }, () => pick(HAN_CHARS)).join('');
    const title = `${pick(pool).slice(0, 40)} ${i}`;
    const body = [pick(pool), pick(pool), extra, pick(pool)].join('\n\n');
    const tags = [pick(WORDS)];
    rows.push({
      siteId: site.id,
      slug: `a-${Math.floor(i / 3)}`,
      locale,
      title,
      body,
      tags,
      ...searchColumns({ title, body, tags }),
      status: 'published',
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await database.db.insert(helpArticles).values(rows.slice(i, i + 500));
  await database.client.execute('ANALYZE');
  const loadSeconds = (performance.now() - started) / 1000;

  const queries: [string, HelpLocale][] = [
    ['refund', 'en'],
    ['return parcel', 'en'],
    ['retu', 'en'],
    ['pasword', 'en'],
    ['gift wrapping', 'en'],
    ['"NEAR(x', 'en'],
    ['退货', 'zh-CN'],
    ['退貨', 'zh-TW'],
    ['的', 'zh-CN'],
    ['工作日', 'zh-CN'],
    ['PayPal 付款', 'zh-TW'],
    ['收货地址', 'zh-TW'],
  ];
  const service: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [q, locale] of queries) {
      started = performance.now();
      await searchArticles(ctx, site.id, locale, q);
      const took = performance.now() - started;
      service.push(took);
      perQuery.set(`${q} (${locale})`, [...(perQuery.get(`${q} (${locale})`) ?? []), took]);
    }
  }
  const app = createApp({
    db: database.db,
    clientAddress: () => '127.0.0.1',
    rateLimitPerMinute: 1_000_000,
    log: () => undefined,
  });
  const http: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [q, locale] of queries) {
      started = performance.now();
      const res = await app.request(
        `/v1/help/search?q=${encodeURIComponent(q)}&lang=${locale}&key=${publishableKey}`,
        { headers: { Origin: 'https://bench.example' } },
      );
      await res.text();
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
      http.push(performance.now() - started);
    }
  }

  const meta = JSON.parse(await readFile('dist/meta.json', 'utf8')) as Metafile;
  const chunk = Object.entries(meta.outputs).find(
    ([, output]) => output.entryPoint === 'widgets/faq/define.ts',
  )?.[0];
  const gzip = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
  const closure = new Set<string>();
  const walk = (file: string) => {
    closure.add(file);
    for (const { path, kind } of meta.outputs[file]?.imports ?? [])
      if (kind === 'import-statement' && !closure.has(path)) walk(path);
  };
  if (chunk) walk(chunk);
  let together = 0;
  for (const file of closure) together += await gzip(file);

  console.log(
    `\nHelp center over ${ARTICLES.toLocaleString('en')} articles (en, zh-CN, zh-TW), loaded in ${loadSeconds.toFixed(1)} s`,
  );
  console.table([
    { figure: 'search, service (p50)', value: ms(percentile(service, 0.5)) },
    { figure: 'search, service (p99)', value: ms(percentile(service, 0.99)) },
    { figure: 'search, HTTP route (p50)', value: ms(percentile(http, 0.5)) },
    { figure: 'search, HTTP route (p99)', value: ms(percentile(http, 0.99)) },
    {
      figure: '<crm-faq> chunk (min+gzip)',
      value: chunk ? `${((await gzip(chunk)) / 1024).toFixed(2)} KB` : 'not built',
    },
    { figure: '<crm-faq> with Lit (min+gzip)', value: `${(together / 1024).toFixed(2)} KB` },
  ]);
  console.table(
    [...perQuery].map(([query, samples]) => ({
      query,
      p50: ms(percentile(samples, 0.5)),
      max: ms(Math.max(...samples)),
    })),
  );
  database.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
