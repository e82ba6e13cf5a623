import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ProductResponse } from '../../../worker/contract/configurator.ts';
import { STAFF_PERMISSIONS } from '../../../worker/contract/constants.ts';
import {
  checkModel,
  type ModelIssue,
  type ProductModel,
} from '../../../worker/contract/shared/configurator/index.ts';
import '../../order-builder/define.ts';
import { ConsoleApiError } from '../api.ts';
import { ConsolePage } from '../page.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { messages, type ConfiguratorMessages } from './configurator.messages.ts';
import { definePage } from './define.ts';

/**
 * Configurable products and their models. The editor takes the model as JSON (groups, choices
 * and prices, rules, tiers, preview); "Check and preview" runs the same engine the shop runs,
 * lists what would make the model unofferable, and shows it in `<crm-order-builder>` exactly
 * as shoppers will; saving sends it to the server, which checks it again and refuses it with
 * the reason.
 */
export class CrmConsoleProducts extends ConsolePage<ConfiguratorMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _sku: { state: true },
    _draft: { state: true },
    _preview: { state: true },
    _issues: { state: true },
    _parseError: { state: true },
    _saved: { state: true },
    _error: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--_crm-space);
        align-items: start;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      textarea.model {
        min-height: 520px;
        font-family: ui-monospace, monospace;
        font-size: 0.8rem;
      }
      .tabs {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        padding: 0;
        list-style: none;
      }
    `,
  ];
  protected readonly messages = messages;
  declare _sku: string | undefined;
  declare _draft: string | undefined;
  declare _preview: ProductModel | undefined;
  declare _issues: ModelIssue[] | undefined;
  declare _parseError: string | undefined;
  declare _saved: number | undefined;
  declare _error: unknown;

  readonly #products = new Task(this, {
    task: ([api, siteId], { signal }) =>
      api.get<ProductResponse[]>(`/sites/${encodeURIComponent(siteId)}/configurator/products`, signal),
    args: () => [this.ctx.api, this.siteId] as const,
    onComplete: (products) => {
      const current = products.find((p) => p.sku === this._sku) ?? products[0];
      if (current && this._draft === undefined) this.#open(current);
    },
  });

  #open(product: ProductResponse): void {
    this._sku = product.sku;
    this._draft = JSON.stringify(product.model, null, 2);
    this._preview = product.model;
    this._issues = undefined;
    this._parseError = undefined;
    this._saved = undefined;
    this._error = undefined;
  }

  /** The draft as a model, or `undefined` with the parse error shown. */
  #parse(): ProductModel | undefined {
    try {
      this._parseError = undefined;
      return JSON.parse(this._draft ?? '') as ProductModel;
    } catch (error) {
      this._parseError = (error as Error).message;
      return undefined;
    }
  }

  #check = (): void => {
    const model = this.#parse();
    if (!model) return;
    try {
      this._issues = checkModel(model);
      if (this._issues.length === 0) this._preview = model;
    } catch (error) {
      this._parseError = (error as Error).message;
    }
  };

  #save = async (): Promise<void> => {
    const model = this.#parse();
    if (!model) return;
    this._error = undefined;
    this._saved = undefined;
    try {
      const saved = await this.ctx.api.post<ProductResponse>(
        `/sites/${encodeURIComponent(this.siteId)}/configurator/products/${encodeURIComponent(model.sku)}`,
        { model },
      );
      this._saved = saved.version;
      this._issues = [];
      this._preview = saved.model;
      void this.#products.run();
    } catch (error) {
      this._error = error;
      if (error instanceof ConsoleApiError && error.code === 'invalid_model') this.#check();
    }
  };

  protected override render(): TemplateResult {
    return html`<h1>${this.t.products}</h1>
      ${renderTask(this.#products, this.ctx.locale, (products) => this.#page(products))}`;
  }

  #page(products: ProductResponse[]): TemplateResult {
    const t = this.t;
    const role = this.ctx.me?.member.role;
    const canWrite =
      role !== undefined && (STAFF_PERMISSIONS['configurator.write'] as readonly string[]).includes(role);
    if (products.length === 0) return html`<p class="muted">${t.noProducts}</p>`;
    return html`<ul class="tabs">
        ${products.map(
          (p) =>
            html`<li>
              <button
                type="button"
                class=${p.sku === this._sku ? 'button' : 'button secondary'}
                aria-pressed=${p.sku === this._sku ? 'true' : 'false'}
                @click=${() => {
                  this.#open(p);
                }}
              >
                ${p.model.name.en} · ${p.sku} · ${t.version(p.version)}
              </button>
            </li>`,
        )}
      </ul>
      <div class="layout">
        <section class="card" aria-labelledby="model">
          <h2 id="model">${t.model}</h2>
          <p class="hint" id="model-hint">${t.modelHint}</p>
          <textarea
            class="model"
            aria-labelledby="model"
            aria-describedby="model-hint"
            spellcheck="false"
            ?readonly=${!canWrite}
            .value=${this._draft ?? ''}
            @input=${(e: Event) => {
              this._draft = (e.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
          <div class="row">
            <button class="button secondary" type="button" @click=${this.#check}>${t.check}</button>
            ${canWrite ? html`<button class="button" type="button" @click=${() => void this.#save()}>${t.save}</button>` : nothing}
          </div>
          ${this._parseError ? html`<p class="error" role="alert">${t.invalidJson(this._parseError)}</p>` : nothing}
          ${
            this._issues && this._issues.length > 0
              ? html`<div role="alert">
                  <p class="error">${t.issues}</p>
                  <ul>
                    ${this._issues.map((i) => html`<li>${i.message}</li>`)}
                  </ul>
                </div>`
              : this._issues
                ? html`<p class="success" role="status">${t.valid}</p>`
                : nothing
          }
          ${this._saved ? html`<p class="success" role="status">${t.saved(this._saved)}</p>` : nothing}
          ${this._issues?.length ? nothing : alertFor(this._error, this.ctx.locale)}
        </section>
        <section class="card" aria-labelledby="preview">
          <h2 id="preview">${t.preview}</h2>
          <crm-order-builder lang=${this.ctx.locale} .model=${this._preview}></crm-order-builder>
        </section>
      </div>`;
  }
}

definePage('crm-console-products', CrmConsoleProducts);
