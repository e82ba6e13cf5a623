import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { loadHelpCorpus, searchSlugs } from '../fixtures/help.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await loadHelpCorpus(t);
});

describe('help search over the fixed corpus (en, zh-CN, zh-TW)', () => {
  // query, visitor language, expected first slug, expected locale of that hit
  it.each([
    ['return', 'en', 'request-a-return', 'en'],
    ['retu', 'en', 'request-a-return', 'en'],
    ['refund', 'en', 'refund-times', 'en'],
    ['How to request a return', 'en', 'request-a-return', 'en'],
    ['pasword', 'en', 'reset-password', 'en'],
    ['shiping', 'en', 'shipping-times', 'en'],
    ['paypal', 'en', 'payment-methods', 'en'],
    ['Café PayPal', 'en', 'payment-methods', 'en'],
    // One Chinese character, inside words: 灯 is in 台灯 / 檯燈.
    ['灯', 'zh-CN', 'lamp-bulbs', 'zh-CN'],
    ['燈', 'zh-CN', 'lamp-bulbs', 'zh-CN'],
    // Two characters: the bigram the trigram tokenizer cannot find.
    ['退货', 'zh-CN', 'request-a-return', 'zh-CN'],
    ['退款', 'zh-CN', 'refund-times', 'zh-CN'],
    // Simplified query finds the Traditional article, and back.
    ['退货', 'zh-TW', 'request-a-return', 'zh-TW'],
    ['退貨', 'zh-CN', 'request-a-return', 'zh-CN'],
    ['密码', 'zh-TW', 'reset-password', 'zh-TW'],
    // Three characters inside a sentence.
    ['工作日', 'zh-CN', 'refund-times', 'zh-CN'],
    ['收货地址', 'zh-TW', 'change-address', 'zh-TW'],
    // Mixed Latin and Chinese.
    ['PayPal 付款', 'zh-CN', 'payment-methods', 'zh-CN'],
    ['E27 灯泡', 'zh-TW', 'lamp-bulbs', 'zh-TW'],
    // Fallback: only in Traditional, found from Simplified.
    ['门市自取', 'zh-CN', 'store-pickup', 'zh-TW'],
    // Fallback: no Traditional translation, the Simplified one is shown.
    ['保修', 'zh-TW', 'warranty', 'zh-CN'],
    // FTS5 syntax is taken as words, never as operators.
    ['"refund', 'en', 'refund-times', 'en'],
    ['refund*', 'en', 'refund-times', 'en'],
    ['NEAR(refund', 'en', 'refund-times', 'en'],
    ['title:refund', 'en', 'refund-times', 'en'],
    ['refund OR NOT -(return)', 'en', 'refund-times', 'en'],
    ['^refund', 'en', 'refund-times', 'en'],
    ['refund:', 'en', 'refund-times', 'en'],
  ])('%s (%s) → %s', async (q, lang, slug, locale) => {
    const { results } = await searchSlugs(t, q, lang);
    expect(results[0]?.slug).toBe(slug);
    expect(results[0]?.locale).toBe(locale);
  });

  it('ranks a title match above a body match', async () => {
    // "refund" is in the title of refund-times and in the body/tags of request-a-return.
    const { slugs } = await searchSlugs(t, 'refund');
    expect(slugs.slice(0, 2)).toEqual(['refund-times', 'request-a-return']);
  });

  it('answers odd input with 200 and no error', async () => {
    for (const q of ['"', '*', '()', 'AND', 'NEAR', '""""', ':', '-', '^', '   ', '\u0000', '🙂']) {
      const res = await t.widget('GET', `/v1/help/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it('never returns an unpublished article, by search, list or slug', async () => {
    expect((await searchSlugs(t, 'loyalty')).slugs).toEqual([]);
    expect((await searchSlugs(t, 'secret draft')).slugs).toEqual([]);
    const list = await t.widget('GET', '/v1/help/articles?lang=en');
    const { articles } = await list.json<{ articles: { slug: string }[] }>();
    expect(articles.map((a) => a.slug)).not.toContain('loyalty-preview');
    expect(articles.length).toBe(8);
    expect((await t.widget('GET', '/v1/help/articles/loyalty-preview?lang=en')).status).toBe(404);
  });

  it('marks the matched words in the original text, never the index tokens', async () => {
    const res = await t.widget('GET', `/v1/help/search?q=${encodeURIComponent('退货')}&lang=zh-TW`);
    const { results } = await res.json<{
      results: { title: { text: string; mark?: true }[]; snippet: { text: string; mark?: true }[] }[];
    }>();
    const first = results[0];
    expect(first?.title).toEqual([{ text: '如何申請' }, { text: '退貨', mark: true }]);
    const snippet = first?.snippet.map((s) => s.text).join('') ?? '';
    expect(snippet).toContain('收到商品後');
    expect(snippet).not.toMatch(/退 退货|申 申请/);
    expect(first?.snippet.filter((s) => s.mark).map((s) => s.text)).toContain('退貨');
  });

  it('keeps each site to its own articles', async () => {
    const other = await t.addSite('Other shop');
    const res = await other.widget('GET', '/v1/help/search?q=return');
    expect((await res.json<{ results: unknown[] }>()).results).toEqual([]);
    expect((await other.widget('GET', '/v1/help/articles/request-a-return')).status).toBe(404);
  });

  it('reads an article in the visitor language with a fallback, rendered as a safe tree', async () => {
    const res = await t.widget('GET', '/v1/help/articles/warranty?lang=zh-TW');
    const article = await res.json<{
      locale: string;
      title: string;
      doc: unknown[];
      related: { slug: string }[];
    }>();
    expect(article.locale).toBe('zh-CN');
    expect(article.title).toBe('保修与维修');
    expect(JSON.stringify(article.doc)).toContain('"t":"strong"');
    const en = await (
      await t.widget('GET', '/v1/help/articles/request-a-return?lang=en')
    ).json<{
      related: { slug: string }[];
    }>();
    expect(en.related.map((r) => r.slug)).toContain('refund-times');
    expect(en.related.map((r) => r.slug)).not.toContain('request-a-return');
  });

  it('refuses bad input with 400 and the error shape', async () => {
    expect((await t.widget('GET', '/v1/help/search')).status).toBe(400);
    expect((await t.widget('GET', `/v1/help/search?q=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await t.widget('GET', '/v1/help/articles/Bad%20Slug')).status).toBe(400);
    expect((await t.widget('GET', '/v1/help/search?q=a&extra=1')).status).toBe(400);
  });
});
