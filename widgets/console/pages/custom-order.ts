import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CustomOrderDetail } from '../../../worker/contract/configurator.ts';
import {
  PRODUCTION_STATUSES,
  STAFF_PERMISSIONS,
  type ProductionStatus,
} from '../../../worker/contract/constants.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { formText } from '../ui/form.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { messages, type ConfiguratorMessages } from './configurator.messages.ts';
import { definePage } from './define.ts';

/** Where an order may go next: any later step, or cancelled before delivery (as the server allows). */
function nextStatuses(from: ProductionStatus): ProductionStatus[] {
  if (from === 'delivered' || from === 'cancelled') return [];
  const at = PRODUCTION_STATUSES.indexOf(from);
  return PRODUCTION_STATUSES.filter((s, i) => i > at || s === 'cancelled');
}

/**
 * One custom order for the factory: the configuration spelled out group by group, the priced
 * lines, the customer, and the production status with its log; staff who may move production
 * on choose the next status (and a note), which is logged with their name.
 */
export class CrmConsoleCustomOrder extends ConsolePage<ConfiguratorMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _moved: { state: true },
    _error: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr);
        gap: var(--_crm-space);
        align-items: start;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .spec td:first-child {
        font-weight: 600;
      }
      ol.log {
        margin: 0;
        padding-inline-start: 1.25em;
      }
      ol.log li {
        padding: 4px 0;
      }
    `,
  ];
  protected readonly messages = messages;
  declare _moved: CustomOrderDetail | undefined;
  declare _error: unknown;

  readonly #order = new Task(this, {
    task: ([api, siteId, id], { signal }) =>
      api.get<CustomOrderDetail>(
        `/sites/${encodeURIComponent(siteId)}/configurator/orders/${encodeURIComponent(id)}`,
        signal,
      ),
    args: () => [this.ctx.api, this.siteId, this.ctx.params.id ?? ''] as const,
    onComplete: () => {
      this._moved = undefined;
    },
  });

  async #move(event: SubmitEvent, order: CustomOrderDetail): Promise<void> {
    const field = formText(event);
    this._error = undefined;
    try {
      const note = field('note').trim();
      this._moved = await this.ctx.api.post<CustomOrderDetail>(
        `/sites/${encodeURIComponent(this.siteId)}/configurator/orders/${encodeURIComponent(order.orderId)}/status`,
        { status: field('status'), ...(note ? { note } : {}) },
      );
    } catch (error) {
      this._error = error;
    }
  }

  protected override render(): TemplateResult {
    return html`<p><a href=${siteUrl(this.siteId, 'custom-orders')}>← ${this.t.back}</a></p>
      ${renderTask(this.#order, this.ctx.locale, (order) => this.#page(this._moved ?? order))}`;
  }

  #page(o: CustomOrderDetail): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<h1>
        ${o.reference} <span class="badge" data-status=${o.status}>${t.statuses[o.status]}</span>
      </h1>
      <div class="layout">
        <div>
          <section class="card" aria-labelledby="spec">
            <h2 id="spec">${t.forFactory}: ${o.sku} × ${f.number(o.quantity)}</h2>
            <table class="spec">
              <thead>
                <tr>
                  <th scope="col">${t.group}</th>
                  <th scope="col">${t.choices}</th>
                </tr>
              </thead>
              <tbody>
                ${o.spec.map(
                  (g) =>
                    html`<tr>
                      <td>${g.group}</td>
                      <td>
                        ${g.choices.map((c) => (c.units > 1 ? `${c.label} × ${c.units}` : c.label)).join(', ')}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="price">
            <h2 id="price">${t.price}</h2>
            <dl>
              ${o.lines.map(
                (l) =>
                  html`<dt>${l.units > 1 ? `${l.label} × ${l.units}` : l.label}</dt>
                    <dd class="num">${f.money(l.amount, o.currency)}</dd>`,
              )}
              <dt><strong>${t.total} (× ${f.number(o.quantity)})</strong></dt>
              <dd class="num"><strong>${f.money(o.total, o.currency)}</strong></dd>
            </dl>
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="who">
            <h2 id="who">${t.customer}</h2>
            <p>
              <a href=${siteUrl(this.siteId, 'customers', o.customerId)}>${o.customerName ?? o.customerId}</a>
              ${o.customerEmail ? html`<br /><span class="muted">${o.customerEmail}</span>` : nothing}
            </p>
            <p class="muted">${t.placed}: ${f.dateTime(o.placedAt)}</p>
          </section>
          ${this.#moveForm(o)}
          <section class="card" aria-labelledby="log">
            <h2 id="log">${t.log}</h2>
            <ol class="log">
              ${o.log.map(
                (l) =>
                  html`<li>
                    <strong>${t.statuses[l.status]}</strong> · ${f.dateTime(l.at)} ·
                    <span class="muted">${l.actor ? t.by(l.actor) : t.shopper}</span>
                    ${l.note ? html`<br />${l.note}` : nothing}
                  </li>`,
              )}
            </ol>
          </section>
        </div>
      </div>`;
  }

  #moveForm(o: CustomOrderDetail): TemplateResult {
    const t = this.t;
    const role = this.ctx.me?.member.role;
    if (!role || !(STAFF_PERMISSIONS['production.write'] as readonly string[]).includes(role)) return html``;
    const next = nextStatuses(o.status);
    return html`<section class="card" aria-labelledby="move">
      <h2 id="move">${t.move}</h2>
      ${
        next.length === 0
          ? html`<p class="muted">${t.finished}</p>`
          : html`<form @submit=${(e: SubmitEvent) => void this.#move(e, o)}>
              <div class="field">
                <label class="label" for="status">${t.moveTo}</label>
                <select id="status" name="status">
                  ${next.map((s) => html`<option value=${s}>${t.statuses[s]}</option>`)}
                </select>
              </div>
              <div class="field">
                <label class="label" for="note">${t.note}</label>
                <input id="note" name="note" maxlength="500" />
              </div>
              <button class="button" type="submit">${t.move}</button>
            </form>`
      }
      ${this._moved ? html`<p class="success" role="status">${t.moved}</p>` : nothing}
      ${alertFor(this._error, this.ctx.locale)}
    </section>`;
  }
}

definePage('crm-console-custom-order', CrmConsoleCustomOrder);
