import { Task } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import type { Overview } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { chart, chartStyles, reportStyles } from '../ui/chart.ts';
import { renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';

interface HomeMessages {
  heading: string;
  period: string;
  days: (n: number) => string;
  visitors: string;
  pageViews: string;
  sessions: string;
  identified: string;
  orders: string;
  revenue: string;
  traffic: string;
  sales: string;
  showNumbers: string;
  day: string;
  topPages: string;
  topProducts: string;
  page: string;
  views: string;
  product: string;
  none: string;
}

const messages: Catalog<HomeMessages> = {
  en: {
    heading: 'Overview',
    period: 'Period',
    days: (n) => `Last ${n} days`,
    visitors: 'Visitors',
    pageViews: 'Page views',
    sessions: 'Sessions',
    identified: 'Identified customers',
    orders: 'Orders',
    revenue: 'Revenue',
    traffic: 'Page views and sessions per day',
    sales: 'Orders per day',
    showNumbers: 'Show the numbers',
    day: 'Day',
    topPages: 'Top pages',
    topProducts: 'Top products',
    page: 'Page',
    views: 'Views',
    product: 'Product',
    none: 'Nothing recorded in this period yet.',
  },
  'zh-CN': {
    heading: '概览',
    period: '时间范围',
    days: (n) => `最近 ${n} 天`,
    visitors: '访客',
    pageViews: '页面浏览',
    sessions: '会话',
    identified: '已识别客户',
    orders: '订单',
    revenue: '收入',
    traffic: '每日页面浏览与会话',
    sales: '每日订单',
    showNumbers: '显示数据',
    day: '日期',
    topPages: '热门页面',
    topProducts: '热门商品',
    page: '页面',
    views: '浏览',
    product: '商品',
    none: '此期间尚无记录。',
  },
  'zh-TW': {
    heading: '概覽',
    period: '時間範圍',
    days: (n) => `最近 ${n} 天`,
    visitors: '訪客',
    pageViews: '頁面瀏覽',
    sessions: '工作階段',
    identified: '已識別客戶',
    orders: '訂單',
    revenue: '營收',
    traffic: '每日頁面瀏覽與工作階段',
    sales: '每日訂單',
    showNumbers: '顯示數據',
    day: '日期',
    topPages: '熱門頁面',
    topProducts: '熱門商品',
    page: '頁面',
    views: '瀏覽',
    product: '商品',
    none: '此期間尚無記錄。',
  },
};

/** Home: the site's last 7 or 30 days at a glance, with charts and the top pages and products. */
export class CrmConsoleHome extends ConsolePage<HomeMessages> {
  static override styles = [...ConsolePage.styles, chartStyles, reportStyles];
  protected readonly messages = messages;

  get #days(): 7 | 30 {
    return this.ctx.query.get('days') === '30' ? 30 : 7;
  }

  readonly #overview = new Task(this, {
    task: ([api, siteId, days], { signal }) =>
      api.get<Overview>(`/sites/${encodeURIComponent(siteId)}/overview`, signal, { days }),
    args: () => [this.ctx.api, this.siteId, this.#days] as const,
  });

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.heading}</h1>
      <div class="period" role="group" aria-label=${t.period}>
        ${([7, 30] as const).map(
          (days) =>
            html`<a
              class="button secondary"
              href="${siteUrl(this.siteId)}?days=${days}"
              aria-current=${days === this.#days ? 'true' : 'false'}
              >${t.days(days)}</a
            >`,
        )}
      </div>
      ${renderTask(this.#overview, this.ctx.locale, (overview) => this.#overview_(overview))}`;
  }

  #overview_(o: Overview): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const labels = o.daily.map((d) => f.day(d.day));
    const totals: [string, string][] = [
      [t.visitors, f.number(o.totals.visitors)],
      [t.pageViews, f.number(o.totals.pageViews)],
      [t.sessions, f.number(o.totals.sessions)],
      [t.identified, f.number(o.totals.identified)],
      [t.orders, f.number(o.totals.orders)],
      [t.revenue, f.money(o.totals.revenueCents)],
    ];
    return html`<ul class="totals">
        ${totals.map(
          ([label, value]) =>
            html`<li class="card">
              <span class="muted">${label}</span><span class="total">${value}</span>
            </li>`,
        )}
      </ul>
      <div class="grid charts">
        <section class="card" aria-label=${t.traffic}>
          ${chart({
            id: 'traffic',
            title: t.traffic,
            labels,
            kind: 'line',
            series: [
              { label: t.pageViews, values: o.daily.map((d) => d.pageViews) },
              { label: t.sessions, values: o.daily.map((d) => d.sessions) },
            ],
            format: (v) => f.number(v),
            tableLabel: t.showNumbers,
            labelHeader: t.day,
          })}
        </section>
        <section class="card" aria-label=${t.sales}>
          ${chart({
            id: 'sales',
            title: t.sales,
            labels,
            kind: 'bar',
            series: [{ label: t.orders, values: o.daily.map((d) => d.orders) }],
            format: (v) => f.number(v),
            tableLabel: t.showNumbers,
            labelHeader: t.day,
          })}
        </section>
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="top-pages">
          <h2 id="top-pages">${t.topPages}</h2>
          ${
            o.topPages.length === 0
              ? html`<p class="muted">${t.none}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t.page}</th>
                      <th scope="col" class="num">${t.views}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${o.topPages.map(
                      (p) =>
                        html`<tr>
                          <td><code>${p.path}</code></td>
                          <td class="num">${f.number(p.views)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>
        <section class="card" aria-labelledby="top-products">
          <h2 id="top-products">${t.topProducts}</h2>
          ${
            o.topProducts.length === 0
              ? html`<p class="muted">${t.none}</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t.product}</th>
                      <th scope="col" class="num">${t.views}</th>
                      <th scope="col" class="num">${t.orders}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${o.topProducts.map(
                      (p) =>
                        html`<tr>
                          <td>${p.name ?? p.sku} <span class="muted">${p.name ? p.sku : ''}</span></td>
                          <td class="num">${f.number(p.views)}</td>
                          <td class="num">${f.number(p.orders)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </section>
      </div>`;
  }
}

definePage('crm-console-home', CrmConsoleHome);
