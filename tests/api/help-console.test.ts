import { beforeEach, describe, expect, it } from 'vitest';
import type { HelpConsoleArticleDetail, HelpExport, HelpReport } from '../../worker/contract/help.ts';
import { expectError } from '../fixtures/assert.ts';
import { makeTestApp, type TestApp } from '../fixtures/app.ts';
import { signedInMember } from '../fixtures/console.ts';
import { loadHelpCorpus, searchSlugs } from '../fixtures/help.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

const article = {
  slug: 'gift-cards',
  locale: 'en',
  title: 'Gift cards',
  body: 'Gift cards never expire.',
  tags: ['gift'],
};

describe('console help center', () => {
  it('drafts, publishes, edits with revisions, restores and unpublishes', async () => {
    const { browser } = await signedInMember(t, 'content');
    const base = `/sites/${t.site.id}/help`;
    const created = await browser.call('POST', `${base}/articles`, article);
    expect(created.status).toBe(201);
    const { id } = await created.json<HelpConsoleArticleDetail>();
    expect((await searchSlugs(t, 'gift')).slugs).toEqual([]);

    await browser.call('POST', `${base}/articles/${id}/status`, { status: 'published' });
    expect((await searchSlugs(t, 'gift')).slugs).toEqual(['gift-cards']);

    const edited = await browser.call('PATCH', `${base}/articles/${id}`, {
      ...article,
      title: 'Vouchers',
      body: 'Vouchers last a year.',
    });
    const detail = await edited.json<HelpConsoleArticleDetail>();
    expect(detail.revisions.map((r) => r.title)).toEqual(['Vouchers', 'Gift cards', 'Gift cards']);
    expect((await searchSlugs(t, 'gift')).slugs).toEqual(['gift-cards']); // still tagged gift
    expect((await searchSlugs(t, 'expire')).slugs).toEqual([]);
    expect((await searchSlugs(t, 'vouchers')).slugs).toEqual(['gift-cards']);

    const first = detail.revisions.at(-1)?.id ?? 0;
    const restored = await browser.call('POST', `${base}/articles/${id}/revisions/${first}/restore`, {});
    expect((await restored.json<HelpConsoleArticleDetail>()).title).toBe('Gift cards');
    expect((await searchSlugs(t, 'expire')).slugs).toEqual(['gift-cards']);

    await browser.call('POST', `${base}/articles/${id}/status`, { status: 'draft' });
    expect((await searchSlugs(t, 'gift')).slugs).toEqual([]);
    expect((await t.widget('GET', '/v1/help/articles/gift-cards')).status).toBe(404);
  });

  it('previews Markdown through the same renderer', async () => {
    const { browser } = await signedInMember(t, 'content');
    const res = await browser.call('POST', `/sites/${t.site.id}/help/preview`, {
      body: '**hi** <script>x</script>',
    });
    expect(await res.json()).toEqual({
      doc: [{ t: 'p', c: [{ t: 'strong', c: ['hi'] }, ' <script>x</script>'] }],
    });
  });

  it('exports and imports a knowledge base; a bad file changes nothing', async () => {
    await loadHelpCorpus(t);
    const { browser } = await signedInMember(t, 'admin');
    const exported = await (await browser.call('GET', `/sites/${t.site.id}/help/export`)).json<HelpExport>();
    expect(exported.articles.length).toBe(25);
    const other = await t.addSite('Copy');
    const bad = { ...exported, articles: [{ ...exported.articles[0], category: 'nope' }] };
    await expectError(
      await browser.call('POST', `/sites/${other.site.id}/help/import`, bad),
      400,
      'unknown_category',
    );
    expect((await other.widget('GET', '/v1/help/search?q=return')).status).toBe(200);
    expect(
      (await (await other.widget('GET', '/v1/help/categories')).json<{ categories: unknown[] }>()).categories,
    ).toEqual([]);
    const res = await browser.call('POST', `/sites/${other.site.id}/help/import`, exported);
    expect(await res.json()).toEqual({ categories: 4, created: 25, updated: 0 });
    const again = await browser.call('POST', `/sites/${other.site.id}/help/import`, exported);
    expect(await again.json()).toEqual({ categories: 4, created: 0, updated: 25 });
    const hits = await other.widget('GET', `/v1/help/search?q=${encodeURIComponent('退货')}&lang=zh-CN`);
    expect((await hits.json<{ results: { slug: string }[] }>()).results[0]?.slug).toBe('request-a-return');
  });

  it('lets readers read and only writers write', async () => {
    const { browser } = await signedInMember(t, 'marketing');
    const base = `/sites/${t.site.id}/help`;
    expect((await browser.call('GET', `${base}/articles`)).status).toBe(200);
    expect((await browser.call('GET', `${base}/report`)).status).toBe(200);
    await expectError(await browser.call('POST', `${base}/articles`, article), 403);
    await expectError(await t.staff('GET', `/console/api${base}/articles`), 401);
  });

  it('reports searches, no-result searches, helpfulness and deflection', async () => {
    await loadHelpCorpus(t);
    const token = await t.newVisitor();
    const headers = { Authorization: `Bearer ${token}` };
    await t.widget('POST', '/v1/help/searches', { body: { q: 'refund', lang: 'en' }, headers });
    await t.widget('POST', '/v1/help/searches', { body: { q: 'gift wrapping', lang: 'en' } });
    await t.widget('POST', '/v1/help/searches', { body: { q: 'gift wrapping', lang: 'en' } });
    await t.widget('POST', '/v1/help/escalations', { body: { q: 'refund', articleIds: [] }, headers });
    const { browser } = await signedInMember(t, 'owner');
    const report = await (
      await browser.call('GET', `/sites/${t.site.id}/help/report?days=7`)
    ).json<HelpReport>();
    expect(report.topSearches[0]).toEqual({ query: 'gift wrapping', searches: 2, noResult: 2 });
    expect(report.noResultSearches).toEqual([{ query: 'gift wrapping', searches: 2 }]);
    expect(report.deflection.total).toEqual({ key: 'total', sessions: 1, deflected: 0 });
    expect(report.escalationSource).toBe('tickets and "still need help?" clicks');
  });
});
