import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Customer360, TimelineEvent, TimelineSession } from '../../../worker/contract/console.ts';
import type { OrderResponse } from '../../../worker/contract/orders.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { messages, type CustomerMessages } from './customer.messages.ts';
import { serviceCard } from './customer-service.ts';
import { definePage } from './define.ts';
import './customer-scores.ts';
import './customer-referrals.ts';

/**
 * The customer 360: contact and consent, stats, orders with their items, and the browsing
 * history by session (pages in the order viewed with the dwell time on each, products viewed,
 * custom events). The page is a grid of cards; later features (tickets, scores, offers,
 * custom orders) add their card to the side column.
 */
export class CrmConsoleCustomer extends ConsolePage<CustomerMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _older: { state: true },
    _olderError: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr);
        gap: var(--_crm-space);
        align-items: start;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
        gap: 8px;
        margin: 0;
      }
      .stats div {
        display: flex;
        flex-direction: column-reverse;
      }
      .stats dd {
        font-size: 1.25rem;
        font-weight: 700;
      }
      .session {
        border-inline-start: 3px solid var(--_crm-color-border);
        padding-inline-start: var(--_crm-space);
        margin-block-end: var(--_crm-space);
      }
      .session ol {
        margin: 0;
        padding-inline-start: 1.5em;
      }
      .session li {
        padding: 4px 0;
      }
      .session li::marker {
        color: var(--_crm-color-muted);
      }
      .event {
        display: flex;
        justify-content: space-between;
        gap: var(--_crm-space);
      }
      .dwell {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .kind {
        font-size: 0.75rem;
      }
      .orders > li {
        list-style: none;
        margin-block-end: var(--_crm-space);
      }
      .orders {
        padding: 0;
        margin: 0;
      }
    `,
  ];
  protected readonly messages = messages;
  /** Older sessions loaded on demand, for the customer they belong to. */
  declare _older: { customerId: string; sessions: TimelineSession[]; nextCursor: string | null } | undefined;
  declare _olderError: unknown;

  readonly #customer = new Task(this, {
    task: ([api, siteId, id], { signal }) =>
      api.get<Customer360>(
        `/sites/${encodeURIComponent(siteId)}/customers/${encodeURIComponent(id)}`,
        signal,
      ),
    args: () => [this.ctx.api, this.siteId, this.ctx.params.id ?? ''] as const,
  });

  async #loadOlder(customerId: string, before: string): Promise<void> {
    this._olderError = undefined;
    try {
      const page = await this.ctx.api.get<{ sessions: TimelineSession[]; nextCursor: string | null }>(
        `/sites/${encodeURIComponent(this.siteId)}/customers/${encodeURIComponent(customerId)}/timeline`,
        undefined,
        { before },
      );
      const loaded = this._older?.customerId === customerId ? this._older.sessions : [];
      this._older = { customerId, sessions: [...loaded, ...page.sessions], nextCursor: page.nextCursor };
    } catch (error) {
      this._olderError = error;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<p><a href=${siteUrl(this.siteId, 'customers')}>← ${t.back}</a></p>
      ${renderTask(this.#customer, this.ctx.locale, (c) => this.#page(c))}`;
  }

  #page(c: Customer360): TemplateResult {
    const t = this.t;
    return html`<h1>${c.name ?? c.email ?? t.anonymous}</h1>
      <div class="layout">
        <div>${this.#stats(c)} ${this.#timeline(c)}</div>
        <div>
          ${this.#contact(c)}
          <crm-console-customer-scores .ctx=${this.ctx} .customerId=${c.id}></crm-console-customer-scores>
          ${this.#orders(c.orders)} ${serviceCard(c.service, this.ctx, this.siteId)}
          <crm-console-referrals .ctx=${this.ctx} .customerId=${c.id}></crm-console-referrals>
        </div>
      </div>`;
  }

  #contact(c: Customer360): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="contact">
      <h2 id="contact">${t.contact}</h2>
      <dl>
        <dt>${t.email}</dt>
        <dd>${c.email ?? '—'}</dd>
        <dt>${t.phone}</dt>
        <dd>${c.phone ?? '—'}</dd>
        <dt>${t.externalId}</dt>
        <dd>${c.externalId ?? '—'}</dd>
        <dt>${t.consent}</dt>
        <dd><span class="badge">${t.consentStates[c.consent]}</span></dd>
        <dt>${t.identifiedAt}</dt>
        <dd>${c.identifiedAt ? f.dateTime(c.identifiedAt) : t.notIdentified}</dd>
        <dt>${t.firstSeen}</dt>
        <dd>${f.dateTime(c.firstSeenAt)}</dd>
        <dt>${t.lastSeen}</dt>
        <dd>${f.dateTime(c.lastSeenAt)}</dd>
      </dl>
    </section>`;
  }

  #stats(c: Customer360): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const s = c.stats;
    const currency = c.orders[0]?.currency;
    const items: [string, string][] = [
      [t.pageViews, f.number(s.pageViews)],
      [t.dwell, f.duration(s.totalDwellMs)],
      [t.sessions, f.number(s.sessions)],
      [t.orders, f.number(s.orders)],
      [t.revenue, f.money(s.revenueCents, currency)],
      [t.lastOrder, s.lastOrderAt ? f.date(s.lastOrderAt) : '—'],
    ];
    return html`<section class="card" aria-labelledby="stats">
      <h2 id="stats">${t.stats}</h2>
      <dl class="stats">
        ${items.map(
          ([label, value]) =>
            html`<div>
              <dt>${label}</dt>
              <dd>${value}</dd>
            </div>`,
        )}
      </dl>
      ${
        s.topCategories.length > 0
          ? html`<p class="muted">
              ${t.topCategories}:
              ${s.topCategories.map((cat) => `${cat.category} (${f.number(cat.count)})`).join(', ')}
            </p>`
          : nothing
      }
    </section>`;
  }

  #orders(orders: OrderResponse[]): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="orders">
      <h2 id="orders">${t.orders}</h2>
      ${
        orders.length === 0
          ? html`<p class="muted">${t.noOrders}</p>`
          : html`<ul class="orders">
              ${orders.map(
                (order) =>
                  html`<li>
                    <h3>${t.order(order.reference)} · ${f.money(order.totalCents, order.currency)}</h3>
                    <p class="muted">${f.dateTime(order.placedAt)}</p>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">${t.items}</th>
                          <th scope="col" class="num">${t.quantity}</th>
                          <th scope="col" class="num">${t.price}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${order.items.map(
                          (item) =>
                            html`<tr>
                              <td>${item.name}</td>
                              <td class="num">${f.number(item.quantity)}</td>
                              <td class="num">${f.money(item.unitPriceCents, order.currency)}</td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  #timeline(c: Customer360): TemplateResult {
    const t = this.t;
    const older = this._older?.customerId === c.id ? this._older : undefined;
    const sessions = [...c.timeline.sessions, ...(older?.sessions ?? [])];
    const cursor = older ? older.nextCursor : c.timeline.nextCursor;
    return html`<section class="card" aria-labelledby="timeline">
      <h2 id="timeline">${t.timeline}</h2>
      <p class="muted">${t.timelineHint}</p>
      ${sessions.length === 0 ? html`<p>${t.noSessions}</p>` : sessions.map((s) => this.#session(s))}
      ${alertFor(this._olderError, this.ctx.locale)}
      ${
        cursor
          ? html`<button type="button" class="secondary" @click=${() => void this.#loadOlder(c.id, cursor)}>
              ${t.older}
            </button>`
          : nothing
      }
    </section>`;
  }

  #session(s: TimelineSession): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const id = `session-${s.id}`;
    return html`<section class="session" aria-labelledby=${id}>
      <h3 id=${id}>${t.session(f.dateTime(s.startedAt))}</h3>
      <p class="muted">${t.sessionSummary(s.pageViews, f.duration(s.dwellMs))}</p>
      <ol>
        ${s.events.filter((e) => e.type !== 'page_leave').map((e) => this.#event(e))}
      </ol>
    </section>`;
  }

  #event(e: TimelineEvent): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    if (e.type === 'page_view') {
      const title = e.title || e.path || '';
      return html`<li data-type="page_view">
        <div class="event">
          <span>${title} ${e.title && e.path ? html`<code class="muted">${e.path}</code>` : nothing}</span>
          <span class="dwell muted"
            >${e.dwellMs === null ? t.noDwell : t.dwellOn(f.duration(e.dwellMs))}</span
          >
        </div>
      </li>`;
    }
    const name = e.name ?? e.productName ?? e.sku ?? '';
    return html`<li data-type=${e.type}>
      <div class="event">
        <span>${t.events[e.type](name)}</span>
        <time class="muted kind" datetime=${new Date(e.at).toISOString()}>${f.time(e.at)}</time>
      </div>
    </li>`;
  }
}

definePage('crm-console-customer', CrmConsoleCustomer);
