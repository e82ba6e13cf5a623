import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { MeResponse, MyOrder, RecentPage } from '../../worker/contract/me.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { findKit, type KitError } from '../core/kit.ts';
import { tokens } from '../core/tokens.ts';
import { Formatter } from './format.ts';
import { messages, type CardMessages } from './messages.ts';
import { styles } from './customer-card.styles.ts';

const STATES = ['initial', 'pending', 'complete', 'error'] as const;

/**
 * Shows visitors their own profile as the CRM knows it: their name (or "Guest" while
 * anonymous), when they became a member, their orders with the latest few, and the pages
 * they viewed recently with the time spent on each. The data comes from `GET /v1/me` through
 * `crm.js`, which must run on the page; the card reloads whenever the visitor is identified
 * or logs out (`crm-identity-change`) or consent changes (`crm-consent-change`).
 *
 * All user data is rendered as text.
 *
 * @tag crm-customer-card
 *
 * @attr lang - Locale of the card (`en`, `zh-CN`, `zh-TW`; `zh-Hant`, `zh-HK` → `zh-TW`).
 *   Defaults to the closest `[lang]` ancestor, then the browser's language.
 *
 * @event - None: the card only reads.
 *
 * @slot - None.
 *
 * @csspart base - The card (a labelled region). `data-state` tells `initial`, `pending`,
 *   `complete` or `error`.
 * @csspart header - Heading, name and member-since line.
 * @csspart name - The visitor's name, or "Guest".
 * @csspart stats - Counts of orders and pages viewed.
 * @csspart orders - Recent orders.
 * @csspart pages - Recently viewed pages.
 * @csspart state - Loading, not-tracked and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssprop --crm-font-family - Font of the card.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Secondary text color.
 * @cssprop --crm-color-accent - Button color.
 * @cssprop --crm-color-surface - Background.
 * @cssprop --crm-color-border - Border color.
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing unit.
 */
export class CrmCustomerCard extends LitElement {
  static override styles = [tokens, styles];

  readonly #locale = new LocaleController(this);

  readonly #profile = new Task(this, {
    task: async (_args, { signal }): Promise<MeResponse | null> => {
      const kit = findKit();
      if (!kit) throw new Error('crm.js is not running on this page');
      return kit.me(signal);
    },
    args: () => [],
  });

  readonly #reload = (): void => {
    void this.#profile.run();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('crm-identity-change', this.#reload);
    document.addEventListener('crm-consent-change', this.#reload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('crm-identity-change', this.#reload);
    document.removeEventListener('crm-consent-change', this.#reload);
  }

  protected override render(): TemplateResult {
    const t = messages[this.#locale.value];
    const status = this.#profile.status;
    return html`<section
      part="base"
      class="base"
      role="region"
      aria-labelledby="heading"
      aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}
      data-state=${STATES[status]}
    >
      ${this.#profile.render({
        initial: () => this.#loading(t),
        pending: () => this.#loading(t),
        complete: (me) => (me ? this.#card(me, t) : this.#notTracked(t)),
        error: (error) => this.#error(error, t),
      })}
    </section>`;
  }

  #heading(t: CardMessages): TemplateResult {
    return html`<h2 id="heading">${t.heading}</h2>`;
  }

  #loading(t: CardMessages): TemplateResult {
    return html`<header part="header">${this.#heading(t)}</header>
      <p part="state" role="status">${t.loading}</p>`;
  }

  #notTracked(t: CardMessages): TemplateResult {
    return html`<header part="header">${this.#heading(t)}</header>
      <p part="state" class="muted">${t.notTracked}</p>`;
  }

  #error(error: unknown, t: CardMessages): TemplateResult {
    const code = (error as Partial<KitError> | undefined)?.code;
    return html`<header part="header">${this.#heading(t)}</header>
      <div part="state" role="alert">
        <p>${code === 'identity_required' ? t.signInAgain : t.error}</p>
        <button part="retry" type="button" @click=${this.#reload}>${t.retry}</button>
      </div>`;
  }

  #card(me: MeResponse, t: CardMessages): TemplateResult {
    const format = new Formatter(this.#locale.value);
    return html`<header part="header">
        ${this.#heading(t)}
        <p part="name">${me.identified && me.name ? me.name : t.guest}</p>
        <p class="muted">${t.memberSince(format.date(me.memberSince))}</p>
      </header>
      <ul part="stats">
        <li>${t.orders(me.orders)}</li>
        <li>${t.pageViews(me.pageViews)}</li>
      </ul>
      <section part="orders" aria-labelledby="orders-heading">
        <h3 id="orders-heading">${t.recentOrders}</h3>
        ${
          me.recentOrders.length === 0
            ? html`<p class="muted">${t.noOrders}</p>`
            : html`<ul>
                ${me.recentOrders.map((order) => this.#order(order, t, format))}
              </ul>`
        }
      </section>
      <section part="pages" aria-labelledby="pages-heading">
        <h3 id="pages-heading">${t.recentPages}</h3>
        ${
          me.recentPages.length === 0
            ? html`<p class="muted">${t.noPages}</p>`
            : html`<ul>
                ${me.recentPages.map((page) => this.#page(page, format))}
              </ul>`
        }
      </section>`;
  }

  #order(order: MyOrder, t: CardMessages, format: Formatter): TemplateResult {
    const items = order.items.map((item) =>
      item.quantity > 1 ? `${item.name} × ${item.quantity}` : item.name,
    );
    return html`<li>
      <div class="line">
        <span>${t.order(order.reference)}</span>
        <span class="total">${format.money(order.totalCents, order.currency)}</span>
      </div>
      <div class="muted">
        <time datetime=${new Date(order.placedAt).toISOString()}>${format.date(order.placedAt)}</time>
        ${items.length > 0 ? html` · ${items.join(', ')}` : nothing}
      </div>
    </li>`;
  }

  #page(page: RecentPage, format: Formatter): TemplateResult {
    return html`<li class="line">
      <span>${page.title || page.path}</span>
      ${page.dwellMs === null ? nothing : html`<span class="muted">${format.duration(page.dwellMs)}</span>`}
    </li>`;
  }
}
