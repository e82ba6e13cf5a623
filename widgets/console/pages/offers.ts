import { Task } from '@lit/task';
import { css, html, type TemplateResult } from 'lit';
import type { OfferStatus } from '../../../worker/contract/constants.ts';
import type { OfferView } from '../../../worker/contract/offers.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type OffersMessages } from './offers.messages.ts';

/** The status an offer's one action button moves it to. */
const NEXT: Record<OfferStatus, OfferStatus> = { draft: 'live', live: 'paused', paused: 'live' };

/** Offers: every offer of the site with its status and treatment figures; launch, pause, resume. */
export class CrmConsoleOffers extends ConsolePage<OffersMessages> {
  static override properties = { ...ConsolePage.properties, _error: { state: true } };
  static override styles = [
    ...ConsolePage.styles,
    css`
      td {
        vertical-align: middle;
      }
    `,
  ];
  protected readonly messages = messages;
  declare _error: unknown;

  readonly #offers = new Task(this, {
    task: ([api, siteId], { signal }) =>
      api.get<{ offers: OfferView[] }>(`/sites/${encodeURIComponent(siteId)}/offers`, signal),
    args: () => [this.ctx.api, this.siteId] as const,
  });

  async #move(offer: OfferView): Promise<void> {
    this._error = undefined;
    try {
      await this.ctx.api.post(`/sites/${encodeURIComponent(this.siteId)}/offers/${offer.id}/status`, {
        status: NEXT[offer.status],
      });
      await this.#offers.run();
    } catch (error) {
      this._error = error;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.heading}</h1>
      <p><a class="button" href=${siteUrl(this.siteId, 'offers', 'new')}>${t.newOffer}</a></p>
      ${alertFor(this._error, this.ctx.locale)}
      ${renderTask(this.#offers, this.ctx.locale, ({ offers }) =>
        offers.length === 0 ? html`<p class="muted">${t.none}</p>` : this.#table(offers, t),
      )}`;
  }

  #table(offers: OfferView[], t: OffersMessages): TemplateResult {
    const f = this.ctx.format;
    const action = { draft: t.launch, live: t.pause, paused: t.resume };
    return html`<div class="card scroll" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.placement}</th>
            <th scope="col">${t.status}</th>
            <th scope="col" class="num">${t.exposed}</th>
            <th scope="col" class="num">${t.conversions}</th>
            <th scope="col"><span class="sr-only">${t.status}</span></th>
          </tr>
        </thead>
        <tbody>
          ${offers.map(
            (offer) =>
              html`<tr>
                <td><a href=${siteUrl(this.siteId, 'offers', offer.id)}>${offer.name}</a></td>
                <td><code>${offer.placement}</code></td>
                <td><span class="badge">${t.statuses[offer.status]}</span></td>
                <td class="num">${f.number(offer.treatmentExposed)}</td>
                <td class="num">${f.number(offer.treatmentConversions)}</td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    aria-label="${action[offer.status]}: ${offer.name}"
                    @click=${() => void this.#move(offer)}
                  >
                    ${action[offer.status]}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

definePage('crm-console-offers', CrmConsoleOffers);
