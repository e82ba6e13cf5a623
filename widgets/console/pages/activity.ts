import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Activity } from '../../../worker/contract/console.ts';
import type { EventType } from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { alertFor } from '../ui/states.ts';
import { definePage } from './define.ts';

/** How often the page asks for new events. */
export const POLL_MS = 4000;
/** Most events the page keeps on screen. */
const KEEP = 200;

interface ActivityMessages {
  heading: string;
  intro: string;
  pause: string;
  resume: string;
  paused: string;
  live: string;
  newEvents: (count: number) => string;
  time: string;
  event: string;
  what: string;
  customer: string;
  anonymous: string;
  waiting: string;
  types: Record<EventType, string>;
}

const messages: Catalog<ActivityMessages> = {
  en: {
    heading: 'Live activity',
    intro:
      'The latest events across the site, newest first. The list refreshes on its own every few seconds.',
    pause: 'Pause updates',
    resume: 'Resume updates',
    paused: 'Paused',
    live: 'Live',
    newEvents: (count) => `${count} new ${count === 1 ? 'event' : 'events'}`,
    time: 'Time',
    event: 'Event',
    what: 'Page or name',
    customer: 'Customer',
    anonymous: 'Anonymous visitor',
    waiting: 'Waiting for events…',
    types: {
      page_view: 'Page view',
      page_leave: 'Left page',
      product_view: 'Product view',
      add_to_cart: 'Add to cart',
      purchase: 'Purchase',
      custom: 'Custom',
    },
  },
  'zh-CN': {
    heading: '实时动态',
    intro: '站点上最新的事件，最新的在前。列表每隔几秒自动刷新。',
    pause: '暂停更新',
    resume: '继续更新',
    paused: '已暂停',
    live: '实时',
    newEvents: (count) => `${count} 个新事件`,
    time: '时间',
    event: '事件',
    what: '页面或名称',
    customer: '客户',
    anonymous: '匿名访客',
    waiting: '正在等待事件…',
    types: {
      page_view: '页面浏览',
      page_leave: '离开页面',
      product_view: '商品浏览',
      add_to_cart: '加入购物车',
      purchase: '购买',
      custom: '自定义',
    },
  },
  'zh-TW': {
    heading: '即時動態',
    intro: '網站上最新的事件，最新的在前。清單每隔幾秒自動重新整理。',
    pause: '暫停更新',
    resume: '繼續更新',
    paused: '已暫停',
    live: '即時',
    newEvents: (count) => `${count} 個新事件`,
    time: '時間',
    event: '事件',
    what: '頁面或名稱',
    customer: '客戶',
    anonymous: '匿名訪客',
    waiting: '正在等待事件…',
    types: {
      page_view: '頁面瀏覽',
      page_leave: '離開頁面',
      product_view: '商品瀏覽',
      add_to_cart: '加入購物車',
      purchase: '購買',
      custom: '自訂',
    },
  },
};

type Row = Activity['events'][number];

/**
 * Live activity: asks for the events after the last one it has every few seconds (not while
 * the tab is hidden or the member paused it), newest first.
 */
export class CrmConsoleActivity extends ConsolePage<ActivityMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _events: { state: true },
    _paused: { state: true },
    _error: { state: true },
    _fresh: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .bar {
        display: flex;
        gap: var(--_crm-space);
        align-items: center;
        margin-block-end: var(--_crm-space);
      }
      .live::before {
        content: '';
        display: inline-block;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        margin-inline-end: 6px;
        background: var(--_crm-color-success);
      }
    `,
  ];
  protected readonly messages = messages;
  declare _events: Row[];
  declare _paused: boolean;
  declare _error: unknown;
  declare _fresh: number;
  #site = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;

  constructor() {
    super();
    this._events = [];
    this._paused = false;
    this._fresh = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx') && this.siteId !== this.#site) {
      this.#site = this.siteId;
      this._events = [];
      this.#schedule(0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#site) this.#schedule(0);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  #schedule(delay: number): void {
    this.#stop();
    this.#timer = setTimeout(() => void this.#poll(), delay);
  }

  async #poll(): Promise<void> {
    if (this._paused || !this.isConnected) return;
    if (document.hidden) {
      this.#schedule(POLL_MS);
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const site = this.#site;
    try {
      const after = this._events[0]?.id;
      const { events } = await this.ctx.api.get<Activity>(
        `/sites/${encodeURIComponent(site)}/activity`,
        controller.signal,
        { after },
      );
      if (site !== this.#site) return;
      const newest = [...events].sort((a, b) => b.id - a.id);
      this._fresh = this._events.length > 0 ? newest.length : 0;
      this._events = [...newest, ...this._events].slice(0, KEEP);
      this._error = undefined;
    } catch (error) {
      if (controller.signal.aborted) return;
      this._error = error;
    }
    this.#schedule(POLL_MS);
  }

  #toggle(): void {
    this._paused = !this._paused;
    if (this._paused) this.#stop();
    else this.#schedule(0);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<h1>${t.heading}</h1>
      <p class="muted">${t.intro}</p>
      <div class="bar">
        <button
          type="button"
          class="secondary"
          aria-pressed=${this._paused ? 'true' : 'false'}
          @click=${() => {
            this.#toggle();
          }}
        >
          ${this._paused ? t.resume : t.pause}
        </button>
        <span class=${this._paused ? 'muted' : 'live'}>${this._paused ? t.paused : t.live}</span>
        <span class="sr-only" role="status">${this._fresh > 0 ? t.newEvents(this._fresh) : ''}</span>
      </div>
      ${alertFor(this._error, this.ctx.locale)}
      <div class="card scroll" tabindex="0">
        ${
          this._events.length === 0
            ? html`<p role="status">${t.waiting}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t.time}</th>
                    <th scope="col">${t.event}</th>
                    <th scope="col">${t.what}</th>
                    <th scope="col">${t.customer}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this._events.map(
                    (e) =>
                      html`<tr>
                        <td><time datetime=${new Date(e.at).toISOString()}>${f.time(e.at)}</time></td>
                        <td>${t.types[e.type]}</td>
                        <td>${e.path ? html`<code>${e.path}</code>` : nothing} ${e.name ?? ''}</td>
                        <td>
                          <a href=${siteUrl(this.siteId, 'customers', e.customerId)}
                            >${e.customerName ?? t.anonymous}</a
                          >
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </div>`;
  }
}

definePage('crm-console-activity', CrmConsoleActivity);
