import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CustomerPage, CustomerRow } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { renderTask } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';

type Sort = 'lastSeen' | 'firstSeen' | 'orders' | 'revenue';
const SORTS: readonly Sort[] = ['lastSeen', 'firstSeen', 'orders', 'revenue'];
/** Filters the list keeps in the URL, so a filtered list can be shared and the back button works. */
const FILTERS = ['q', 'identified', 'hasOrders', 'seen'] as const;
const SEEN_DAYS = { '1': 1, '7': 7, '30': 30 } as const;
const DAY_MS = 24 * 3600 * 1000;

interface CustomersMessages {
  heading: string;
  filters: string;
  search: string;
  searchHint: string;
  identified: string;
  hasOrders: string;
  seen: string;
  any: string;
  identifiedYes: string;
  identifiedNo: string;
  ordersYes: string;
  ordersNo: string;
  seenDays: (days: number) => string;
  apply: string;
  reset: string;
  customer: string;
  email: string;
  externalId: string;
  anonymous: string;
  columns: Record<Sort | 'pageViews', string>;
  sortBy: (column: string) => string;
  results: (count: number, more: boolean) => string;
  none: string;
  first: string;
  next: string;
  paging: string;
}

const messages: Catalog<CustomersMessages> = {
  en: {
    heading: 'Customers',
    filters: 'Search and filters',
    search: 'Search',
    searchHint: 'Name, email or your customer id',
    identified: 'Identity',
    hasOrders: 'Orders',
    seen: 'Last seen',
    any: 'Any',
    identifiedYes: 'Identified',
    identifiedNo: 'Anonymous',
    ordersYes: 'Has orders',
    ordersNo: 'No orders',
    seenDays: (days) => (days === 1 ? 'Last 24 hours' : `Last ${days} days`),
    apply: 'Apply',
    reset: 'Clear',
    customer: 'Customer',
    email: 'Email',
    externalId: 'Customer id',
    anonymous: 'Anonymous visitor',
    columns: {
      lastSeen: 'Last seen',
      firstSeen: 'First seen',
      orders: 'Orders',
      revenue: 'Revenue',
      pageViews: 'Page views',
    },
    sortBy: (column) => `Sort by ${column}`,
    results: (count, more) => `${count} customers shown${more ? ', more on the next page' : ''}.`,
    none: 'No customers match.',
    first: 'First page',
    next: 'Next page',
    paging: 'Pages',
  },
  'zh-CN': {
    heading: '客户',
    filters: '搜索和筛选',
    search: '搜索',
    searchHint: '姓名、邮箱或您的客户编号',
    identified: '身份',
    hasOrders: '订单',
    seen: '最近访问',
    any: '全部',
    identifiedYes: '已识别',
    identifiedNo: '匿名',
    ordersYes: '有订单',
    ordersNo: '无订单',
    seenDays: (days) => (days === 1 ? '最近 24 小时' : `最近 ${days} 天`),
    apply: '应用',
    reset: '清除',
    customer: '客户',
    email: '邮箱',
    externalId: '客户编号',
    anonymous: '匿名访客',
    columns: {
      lastSeen: '最近访问',
      firstSeen: '首次访问',
      orders: '订单',
      revenue: '收入',
      pageViews: '页面浏览',
    },
    sortBy: (column) => `按${column}排序`,
    results: (count, more) => `显示 ${count} 位客户${more ? '，下一页还有更多' : ''}。`,
    none: '没有符合条件的客户。',
    first: '第一页',
    next: '下一页',
    paging: '分页',
  },
  'zh-TW': {
    heading: '客戶',
    filters: '搜尋和篩選',
    search: '搜尋',
    searchHint: '姓名、電子郵件或您的客戶編號',
    identified: '身分',
    hasOrders: '訂單',
    seen: '最近造訪',
    any: '全部',
    identifiedYes: '已識別',
    identifiedNo: '匿名',
    ordersYes: '有訂單',
    ordersNo: '無訂單',
    seenDays: (days) => (days === 1 ? '最近 24 小時' : `最近 ${days} 天`),
    apply: '套用',
    reset: '清除',
    customer: '客戶',
    email: '電子郵件',
    externalId: '客戶編號',
    anonymous: '匿名訪客',
    columns: {
      lastSeen: '最近造訪',
      firstSeen: '首次造訪',
      orders: '訂單',
      revenue: '營收',
      pageViews: '頁面瀏覽',
    },
    sortBy: (column) => `依${column}排序`,
    results: (count, more) => `顯示 ${count} 位客戶${more ? '，下一頁還有更多' : ''}。`,
    none: '沒有符合條件的客戶。',
    first: '第一頁',
    next: '下一頁',
    paging: '分頁',
  },
};

/**
 * Customers: search, filters, sortable columns and keyset paging. Everything the list shows
 * is in the URL (`?q=&identified=&hasOrders=&seen=&sort=&cursor=`), so the back button
 * returns to the previous page of results.
 */
export class CrmConsoleCustomers extends ConsolePage<CustomersMessages> {
  static override styles = [
    ...ConsolePage.styles,
    css`
      form .field {
        margin: 0;
      }
      .search {
        flex: 1 1 240px;
      }
      th button {
        all: unset;
        cursor: pointer;
        font-weight: 600;
      }
      th button:focus-visible {
        outline: var(--_crm-focus);
        outline-offset: 2px;
      }
      th[aria-sort='descending'] button::after {
        content: ' ▼';
      }
      td a {
        font-weight: 600;
      }
      nav.paging {
        display: flex;
        gap: 8px;
        margin-block-start: var(--_crm-space);
      }
    `,
  ];
  protected readonly messages = messages;

  get #sort(): Sort {
    const sort = this.ctx.query.get('sort') as Sort | null;
    return sort && SORTS.includes(sort) ? sort : 'lastSeen';
  }

  readonly #list = new Task(this, {
    task: ([api, siteId, search], { signal }) => {
      const query = new URLSearchParams(search);
      const days = SEEN_DAYS[query.get('seen') as keyof typeof SEEN_DAYS] as number | undefined;
      return api.get<CustomerPage>(`/sites/${encodeURIComponent(siteId)}/customers`, signal, {
        q: query.get('q') ?? undefined,
        identified: query.get('identified') ?? undefined,
        hasOrders: query.get('hasOrders') ?? undefined,
        // Rounded to the hour so that the same filter is the same request for a while.
        seenSince: days ? Math.floor((Date.now() - days * DAY_MS) / 3_600_000) * 3_600_000 : undefined,
        sort: this.#sort,
        limit: 50,
        cursor: query.get('cursor') ?? undefined,
      });
    },
    args: () => [this.ctx.api, this.siteId, this.ctx.query.toString()] as const,
  });

  /** The list's URL with some parameters changed; any change but paging starts over at page one. */
  #url(changes: Record<string, string | null>): string {
    const query = new URLSearchParams(this.ctx.query);
    if (!('cursor' in changes)) query.delete('cursor');
    for (const [key, value] of Object.entries(changes)) {
      if (value) query.set(key, value);
      else query.delete(key);
    }
    const search = query.toString();
    return `${siteUrl(this.siteId, 'customers')}${search ? `?${search}` : ''}`;
  }

  #submit(event: SubmitEvent): void {
    const field = formText(event);
    const changes = Object.fromEntries(FILTERS.map((key) => [key, field(key).trim() || null]));
    this.ctx.navigate(this.#url(changes));
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const q = this.ctx.query;
    const select = (name: string, label: string, options: [string, string][]) =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <select id=${name} name=${name}>
          <option value="">${t.any}</option>
          ${options.map(([value, text]) => html`<option value=${value} ?selected=${q.get(name) === value}>${text}</option>`)}
        </select>
      </div>`;
    return html`<h1>${t.heading}</h1>
      <form
        class="card row"
        role="search"
        aria-label=${t.filters}
        @submit=${(e: SubmitEvent) => {
          this.#submit(e);
        }}
      >
        <div class="field search">
          <label for="q">${t.search}</label>
          <input
            id="q"
            name="q"
            type="search"
            .value=${q.get('q') ?? ''}
            placeholder=${t.searchHint}
            aria-describedby="q-hint"
          />
          <span id="q-hint" class="sr-only">${t.searchHint}</span>
        </div>
        ${select('identified', t.identified, [
          ['yes', t.identifiedYes],
          ['no', t.identifiedNo],
        ])}
        ${select('hasOrders', t.hasOrders, [
          ['yes', t.ordersYes],
          ['no', t.ordersNo],
        ])}
        ${select(
          'seen',
          t.seen,
          Object.values(SEEN_DAYS).map((d) => [String(d), t.seenDays(d)]),
        )}
        <button type="submit">${t.apply}</button>
        <a class="button secondary" href=${siteUrl(this.siteId, 'customers')}>${t.reset}</a>
      </form>
      <div class="card">${renderTask(this.#list, this.ctx.locale, (page) => this.#table(page))}</div>`;
  }

  #table(page: CustomerPage): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    if (page.customers.length === 0) return html`<p role="status">${t.none}</p>`;
    return html`<p class="muted" role="status">
        ${t.results(page.customers.length, page.nextCursor !== null)}
      </p>
      <div class="scroll" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.customer}</th>
              <th scope="col">${t.externalId}</th>
              ${this.#sortable('firstSeen')} ${this.#sortable('lastSeen')}
              <th scope="col" class="num">${t.columns.pageViews}</th>
              ${this.#sortable('orders', true)} ${this.#sortable('revenue', true)}
            </tr>
          </thead>
          <tbody>
            ${page.customers.map((c) => this.#row(c, f))}
          </tbody>
        </table>
      </div>
      <nav class="paging" aria-label=${t.paging}>
        ${this.ctx.query.has('cursor') ? html`<a class="button secondary" href=${this.#url({ cursor: null })}>${t.first}</a>` : nothing}
        ${page.nextCursor ? html`<a class="button secondary" href=${this.#url({ cursor: page.nextCursor })}>${t.next}</a>` : nothing}
      </nav>`;
  }

  #sortable(sort: Sort, numeric = false): TemplateResult {
    const label = this.t.columns[sort];
    const active = this.#sort === sort;
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${active ? 'descending' : 'none'}>
      <button
        type="button"
        aria-label=${active ? label : this.t.sortBy(label)}
        @click=${() => {
          this.ctx.navigate(this.#url({ sort: sort === 'lastSeen' ? null : sort }));
        }}
      >
        ${label}
      </button>
    </th>`;
  }

  #row(c: CustomerRow, f: this['ctx']['format']): TemplateResult {
    const t = this.t;
    return html`<tr>
      <td>
        <a href=${siteUrl(this.siteId, 'customers', c.id)}>${c.name ?? c.email ?? t.anonymous}</a>
        ${c.name && c.email ? html`<div class="muted">${c.email}</div>` : nothing}
      </td>
      <td>${c.externalId ?? '—'}</td>
      <td>${f.dateTime(c.firstSeenAt)}</td>
      <td>${f.dateTime(c.lastSeenAt)}</td>
      <td class="num">${f.number(c.pageViews)}</td>
      <td class="num">${f.number(c.orders)}</td>
      <td class="num">${f.money(c.revenueCents)}</td>
    </tr>`;
  }
}

definePage('crm-console-customers', CrmConsoleCustomers);
