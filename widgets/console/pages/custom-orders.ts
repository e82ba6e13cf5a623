import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CustomOrderPage } from '../../../worker/contract/configurator.ts';
import { PRODUCTION_STATUSES } from '../../../worker/contract/constants.ts';
import { API_BASE } from '../api.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { formText } from '../ui/form.ts';
import { renderTask } from '../ui/states.ts';
import { messages, type ConfiguratorMessages } from './configurator.messages.ts';
import { definePage } from './define.ts';

/**
 * Custom orders of a site, newest first: filter by production status and by UTC day (all in the
 * URL), page back by keyset, and download a day's orders as CSV for the production line.
 */
export class CrmConsoleCustomOrders extends ConsolePage<ConfiguratorMessages> {
  static override styles = [
    ...ConsolePage.styles,
    css`
      form.row {
        align-items: end;
      }
      form .field {
        margin: 0;
      }
      td a {
        font-weight: 600;
      }
      .export {
        margin-block-start: var(--_crm-space);
      }
    `,
  ];
  protected readonly messages = messages;

  readonly #list = new Task(this, {
    task: ([api, siteId, search], { signal }) => {
      const query = new URLSearchParams(search);
      return api.get<CustomOrderPage>(`/sites/${encodeURIComponent(siteId)}/configurator/orders`, signal, {
        status: query.get('status') || undefined,
        day: query.get('day') || undefined,
        before: query.get('before') || undefined,
        limit: 50,
      });
    },
    args: () => [this.ctx.api, this.siteId, this.ctx.query.toString()] as const,
  });

  #apply = (event: SubmitEvent): void => {
    const field = formText(event);
    const query = new URLSearchParams();
    for (const name of ['status', 'day']) if (field(name)) query.set(name, field(name));
    this.ctx.navigate(`${siteUrl(this.siteId, 'custom-orders')}${query.size ? `?${query.toString()}` : ''}`);
  };

  protected override render(): TemplateResult {
    const t = this.t;
    const status = this.ctx.query.get('status') ?? '';
    const day = this.ctx.query.get('day') ?? new Date().toISOString().slice(0, 10);
    const csv = `${API_BASE}/sites/${encodeURIComponent(this.siteId)}/configurator/orders.csv?day=${day}`;
    return html`<h1>${t.orders}</h1>
      <section class="card" aria-labelledby="filters">
        <h2 id="filters">${t.filters}</h2>
        <form class="row" @submit=${this.#apply}>
          <div class="field">
            <label class="label" for="status">${t.status}</label>
            <select id="status" name="status">
              <option value="" ?selected=${status === ''}>${t.any}</option>
              ${PRODUCTION_STATUSES.map(
                (s) => html`<option value=${s} ?selected=${status === s}>${t.statuses[s]}</option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label class="label" for="day">${t.day}</label>
            <input id="day" name="day" type="date" .value=${this.ctx.query.get('day') ?? ''} />
          </div>
          <button class="button" type="submit">${t.apply}</button>
        </form>
        <p class="export"><a class="button secondary" href=${csv} download>${t.exportDay} (${day})</a></p>
        <p class="hint">${t.exportHint}</p>
      </section>
      ${renderTask(this.#list, this.ctx.locale, (page) => this.#table(page))}`;
  }

  #table(page: CustomOrderPage): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    if (page.orders.length === 0) return html`<p class="muted">${t.none}</p>`;
    const next = new URLSearchParams(this.ctx.query);
    if (page.next) next.set('before', page.next);
    return html`<div class="scroll">
        <table>
          <caption class="sr-only">
            ${t.orders}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.reference}</th>
              <th scope="col">${t.customer}</th>
              <th scope="col">${t.product}</th>
              <th scope="col" class="num">${t.quantity}</th>
              <th scope="col" class="num">${t.total}</th>
              <th scope="col">${t.status}</th>
              <th scope="col">${t.placed}</th>
            </tr>
          </thead>
          <tbody>
            ${page.orders.map(
              (o) =>
                html`<tr>
                  <td><a href=${siteUrl(this.siteId, 'custom-orders', o.orderId)}>${o.reference}</a></td>
                  <td>
                    <a href=${siteUrl(this.siteId, 'customers', o.customerId)}
                      >${o.customerName ?? o.customerId}</a
                    >
                  </td>
                  <td>${o.sku}</td>
                  <td class="num">${f.number(o.quantity)}</td>
                  <td class="num">${f.money(o.total, o.currency)}</td>
                  <td><span class="badge" data-status=${o.status}>${t.statuses[o.status]}</span></td>
                  <td class="nowrap">${f.dateTime(o.placedAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        page.next
          ? html`<p>
              <a
                class="button secondary"
                href=${`${siteUrl(this.siteId, 'custom-orders')}?${next.toString()}`}
                >${t.older}</a
              >
            </p>`
          : nothing
      }`;
  }
}

definePage('crm-console-custom-orders', CrmConsoleCustomOrders);
