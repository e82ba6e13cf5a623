/**
 * The help center inside real workerd over D1 migrated by wrangler: the FTS5 table and its
 * triggers (no custom tokenizer on D1), Chinese matching across scripts (opencc-js in the
 * Worker), the Markdown renderer and votes, through `dispatchFetch`.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchColumns } from '../../worker/modules/help/articles.ts';
import { clientsFor, SHOP_ORIGIN } from '../fixtures/app.ts';
import { startWorkerd, type Workerd } from './harness.ts';

const SITE = {
  id: 'site_workerd_help',
  publishableKey: 'pk_workerd_help',
  secretKey: 'sk_workerd_help_secret',
  identitySecret: 'workerd-help-identity-secret',
  visitorTokenSecret: 'workerd-help-visitor-token-secret',
};

const ARTICLES = [
  {
    slug: 'returns',
    locale: 'zh-TW',
    title: '如何申請退貨',
    body: '收到商品後 **30 天內** 可以申請退貨。',
    tags: ['退貨'],
  },
  {
    slug: 'returns',
    locale: 'en',
    title: 'How to request a return',
    body: 'Return within 30 days.',
    tags: ['refund'],
  },
  {
    slug: 'hostile',
    locale: 'en',
    title: 'Hostile',
    body: '<script>x</script> [a](javascript:alert(1)) <img onerror=x>',
    tags: [],
  },
  { slug: 'draft', locale: 'en', title: 'Draft return policy', body: 'Secret', tags: [], status: 'draft' },
];

let w: Workerd;
let api: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  w = await startWorkerd({ RATE_LIMIT_PER_MINUTE: '100000' });
  api = clientsFor((path, init) => w.fetch(path, init), SITE, Date.now);
  const now = Date.now();
  await w.db.batch([
    w.db
      .prepare(
        `INSERT INTO sites (id, name, publishable_key, secret_key_hash, identity_secret,
           visitor_token_secret, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        SITE.id,
        'Workerd help',
        SITE.publishableKey,
        createHash('sha256').update(SITE.secretKey).digest('hex'),
        SITE.identitySecret,
        SITE.visitorTokenSecret,
        JSON.stringify([SHOP_ORIGIN]),
        now,
      ),
    ...ARTICLES.map((a) => {
      const columns = searchColumns(a);
      return w.db
        .prepare(
          `INSERT INTO help_articles (site_id, slug, locale, title, body, tags, body_text, search_title, search_tags,
             search_body, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          SITE.id,
          a.slug,
          a.locale,
          a.title,
          a.body,
          JSON.stringify(a.tags),
          columns.bodyText,
          columns.searchTitle,
          columns.searchTags,
          columns.searchBody,
          a.status ?? 'published',
          now,
          now,
        );
    }),
  ]);
});

afterAll(async () => {
  await w.dispose();
});

const search = async (q: string, lang: string) => {
  const res = await api.widget('GET', `/v1/help/search?q=${encodeURIComponent(q)}&lang=${lang}`);
  expect(res.status).toBe(200);
  return res.json<{ results: { slug: string; locale: string; title: { text: string; mark?: true }[] }[] }>();
};

describe('help center in workerd over D1', () => {
  it('finds a Traditional article from a Simplified two-character query, marked in its own script', async () => {
    const { results } = await search('退货', 'zh-CN');
    expect(results.map((r) => [r.slug, r.locale])).toEqual([['returns', 'zh-TW']]);
    expect(results[0]?.title).toEqual([{ text: '如何申請' }, { text: '退貨', mark: true }]);
  });

  it('matches prefixes, forgives a typo, never errors on FTS syntax and never shows a draft', async () => {
    expect((await search('retu', 'en')).results.map((r) => r.slug)).toEqual(['returns']);
    expect((await search('retrun', 'en')).results.map((r) => r.slug)).toEqual(['returns']);
    expect((await search('"NEAR( return*', 'en')).results.map((r) => r.slug)).toEqual(['returns']);
    expect((await search('secret', 'en')).results).toEqual([]);
  });

  it('renders Markdown to an inert tree and counts one vote per visitor', async () => {
    const res = await api.widget('GET', '/v1/help/articles/hostile?lang=en');
    const article = await res.json<{ id: number; doc: unknown[] }>();
    const text = JSON.stringify(article.doc);
    expect(text).not.toMatch(/"t":"(script|img)"|"href":|"onerror"/);
    expect(text).toContain('<script>x</script>');
    const token = await api.newVisitor();
    const headers = { Authorization: `Bearer ${token}` };
    await api.widget('POST', `/v1/help/articles/${article.id}/vote`, { body: { helpful: true }, headers });
    const second = await api.widget('POST', `/v1/help/articles/${article.id}/vote`, {
      body: { helpful: false },
      headers,
    });
    expect(await second.json()).toEqual({ helpful: false, helpfulYes: 0, helpfulNo: 1 });
  });

  it('counts a visitor’s repeated view once (changes() inside a D1 batch)', async () => {
    const token = await api.newVisitor();
    const headers = { Authorization: `Bearer ${token}` };
    const row = await w.db
      .prepare("SELECT id FROM help_articles WHERE slug = 'returns' AND locale = 'en'")
      .first<{ id: number }>();
    for (let i = 0; i < 2; i++) {
      const res = await api.widget('POST', '/v1/help/views', { body: { articleId: row?.id }, headers });
      expect(res.status).toBe(204);
    }
    const views = await w.db
      .prepare('SELECT views FROM help_articles WHERE id = ?')
      .bind(row?.id)
      .first<{ views: number }>();
    expect(views?.views).toBe(1);
  });
});
