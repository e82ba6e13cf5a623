import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { MeResponse, MyOrder, RecentPage } from '../../worker/contract/me.ts';
import type { ERROR_CODES } from '../../worker/contract/constants.ts';
import { Formatter } from '../../worker/contract/shared/format.ts';
import { KitController } from '../core/kit-controller.ts';
import type { KitError } from '../core/kit.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { tokens } from '../core/tokens.ts';
import { fetchProfile, fetchReferral } from './api.ts';
import { messages, type CardMessages } from './messages.ts';
import { styles } from './customer-card.styles.ts';

/** Spelled here, checked against the contract: a runtime import would pull a shared chunk into crm.js. */
type IdentityRequired = (typeof ERROR_CODES)['identityRequired'];

const STATES = ['initial', 'pending', 'complete', 'error'] as const;

/**
 * Shows visitors their own profile as the CRM knows it: their name (or "Guest" while
 * anonymous), when they became a member, their orders with the latest few, and the pages
 * they viewed recently with the time spent on each. The data comes from `GET /v1/me` through
 * `crm.js`, which must run on the page (it may start after the card). The card reloads when
 * the visitor is identified or logs out (`crm-identity-change`) or consent changes
 * (`crm-consent-change`), and refreshes in place when this browser's events were stored
 * (`crm-events-stored`), so a returning visitor sees the profile after one request and the
 * visit in progress a moment later.
 *
 * All user data is rendered as text.
 *
 * @tag crm-customer-card
 *
 * @attr staff-token - Staff mode, for a company's own tools: a short-lived token its server
 *   signs (HS256 with the site's identity secret, `typ` and `aud` `crm-staff`, at most 15
 *   minutes). The card then shows the customer named by `customer` with their scores. Without
 *   a valid token nothing is shown; a visitor's card never reads scores.
 * @attr customer - Staff mode: the site's own id (`sub`) of the customer to show.
 * @attr referral - Also show the customer's personal referral link (when the site runs a
 *   referral offer) and how many friends it brought; one more request once identified.
 * @attr lang - Locale of the card (`en`, `zh-CN`, `zh-TW`; `zh-Hant`, `zh-HK` → `zh-TW`).
 *   Defaults to the closest `[lang]` ancestor, then the browser's language.
 *
 * @event crm-load - The profile is shown (also after each refresh). Detail: `{}`.
 * @event crm-error - The profile could not be loaded. Detail: `{ code }`, such as
 *   `identity_required` (the site should call `crm.identify` again) or `network_error`.
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
 * @csspart production - A custom order's production status (`data-status` tells which).
 * @csspart referral - The referral link and its count.
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
  static override properties = {
    staffToken: { attribute: 'staff-token' },
    customer: { attribute: 'customer' },
    referral: { type: Boolean },
    _staffReady: { state: true },
  };

  /** Staff mode: a staff token the host's server signed; the card then shows `customer` with scores. */
  declare staffToken: string | null;
  /** Staff mode: the site's own id of the customer to show. */
  declare customer: string | null;
  /** Whether to show the customer's referral link. */
  declare referral: boolean;
  declare _staffReady: boolean;

  constructor() {
    super();
    this.staffToken = null;
    this.customer = null;
    this.referral = false;
    this._staffReady = false;
  }

  readonly #locale = new LocaleController(this);

  // Stored events refresh a shown profile quietly; a load or an error in progress is left alone.
  readonly #kit: KitController = new KitController(this, () => {
    if (this.#profile.status === TaskStatus.COMPLETE) this.#reload();
  });

  readonly #profile = new Task(this, {
    // In staff mode the card reads no visitor's profile (and makes no visitor).
    task: async ([kit, visitor, staff, referral], { signal }) => {
      if (!kit || staff) return initialState;
      const me = await fetchProfile(kit, signal);
      // A lost referral link must not hide the profile.
      const link = referral && me?.identified ? await fetchReferral(kit, signal).catch(() => null) : null;
      return { me, visitor, link };
    },
    args: () => [this.#kit.kit, this.#kit.visitor, Boolean(this.staffToken), this.referral] as const,
    onComplete: () => {
      this.#kit.emit('crm-load', {});
    },
    onError: (error) => {
      this.#kit.emit('crm-error', { code: (error as Partial<KitError> | undefined)?.code ?? 'unknown' });
    },
  });

  readonly #reload = (): void => {
    void this.#profile.run();
  };

  protected override render(): TemplateResult {
    if (this.staffToken) return this.#staff(this.staffToken);
    const t = messages[this.#locale.value];
    const { status, value, error } = this.#profile;
    // While refreshing, the profile already shown stays, unless it was someone else's.
    const shown =
      status === TaskStatus.COMPLETE ||
      (status === TaskStatus.PENDING && value?.visitor === this.#kit.visitor)
        ? value
        : undefined;
    const me = shown?.me;
    const format = new Formatter(this.#locale.value);
    return html`<section
      part="base"
      class="base"
      role="region"
      aria-labelledby="heading"
      aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}
      data-state=${STATES[status]}
    >
      <header part="header">
        <h2 id="heading">${t.heading}</h2>
        ${
          me
            ? html`<p part="name">${me.identified && me.name ? me.name : t.guest}</p>
                <p class="muted">${t.memberSince(format.date(me.memberSince))}</p>`
            : nothing
        }
      </header>
      ${
        me
          ? html`${this.#profileOf(me, t, format)}${shown.link?.url ? this.#referral(shown.link.url, shown.link.referred, t) : nothing}`
          : shown
            ? html`<p part="state" class="muted">${t.notTracked}</p>`
            : status === TaskStatus.ERROR
              ? this.#error(error, t)
              : html`<p part="state" role="status">${t.loading}</p>`
      }
    </section>`;
  }

  /** Staff mode, drawn by its own chunk, loaded only when a staff token is set. */
  #staff(token: string): TemplateResult {
    if (!this._staffReady) {
      void import('./staff-view.ts').then(() => {
        this._staffReady = true;
      });
      return html`<section part="base" class="base" aria-busy="true"></section>`;
    }
    return html`<crm-customer-staff-view
      .kit=${this.#kit.kit}
      .staffToken=${token}
      .customer=${this.customer ?? ''}
      .locale=${this.#locale.value}
    ></crm-customer-staff-view>`;
  }

  #error(error: unknown, t: CardMessages): TemplateResult {
    const code = (error as Partial<KitError> | undefined)?.code;
    return html`<div part="state" role="alert">
      <p>${code === ('identity_required' satisfies IdentityRequired) ? t.signInAgain : t.error}</p>
      <button part="retry" type="button" @click=${this.#reload}>${t.retry}</button>
    </div>`;
  }

  #profileOf(me: MeResponse, t: CardMessages, format: Formatter): TemplateResult {
    return html`<ul part="stats">
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

  #referral(url: string, referred: number, t: CardMessages): TemplateResult {
    return html`<section part="referral" aria-labelledby="referral-heading">
      <h3 id="referral-heading">${t.referral}</h3>
      <p><a href=${url}>${url}</a></p>
      <p class="muted">${t.referred(referred)}</p>
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
      ${
        order.production
          ? html`<div part="production" class="production" data-status=${order.production}>
              ${t.production[order.production]}
            </div>`
          : nothing
      }
    </li>`;
  }

  #page(page: RecentPage, format: Formatter): TemplateResult {
    return html`<li class="line">
      <span>${page.title || page.path}</span>
      ${page.dwellMs === null ? nothing : html`<span class="muted">${format.duration(page.dwellMs)}</span>`}
    </li>`;
  }
}
