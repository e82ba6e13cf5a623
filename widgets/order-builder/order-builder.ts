import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { PlaceOrderResponse, ProductResponse } from '../../worker/contract/configurator.ts';
import { Formatter } from '../../worker/contract/shared/format.ts';
import {
  choiceKey,
  defaultConfiguration,
  evaluate,
  previewShapes,
  setUnits,
  suggestFix,
  text,
  toggle,
  type Choice,
  type Configuration,
  type Evaluation,
  type OptionGroup,
  type ProductModel,
} from '../../worker/contract/shared/configurator/index.ts';
import { KitController } from '../core/kit-controller.ts';
import type { Locale } from '../core/i18n.ts';
import type { KitError } from '../core/kit.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { tokens } from '../core/tokens.ts';
import { copyShared, fetchProduct, fetchShared, placeOrder, saveDesign, shareDesign } from './api.ts';
import { messages, type BuilderMessages } from './messages.ts';
import { styles } from './order-builder.styles.ts';

declare module '../core/events.ts' {
  interface CrmEventMap {
    /** `<crm-order-builder>` placed an order; `reference` is the one shown to the shopper. */
    'crm-order-placed': { reference: string; total: number; currency: string };
  }
}

/** What the builder keeps in localStorage per product, so a reload or a stray click loses nothing. */
interface Draft {
  configuration: Configuration;
  designId?: string | undefined;
  /** The idempotency key of the placement in progress, so a retry after a reload replays it. */
  orderKey?: string | undefined;
  step?: number | undefined;
}

const STATES = ['initial', 'pending', 'complete', 'error'] as const;

function isConfiguration(value: unknown): value is Configuration {
  if (typeof value !== 'object' || value === null) return false;
  const { quantity, picks } = value as Record<string, unknown>;
  return typeof quantity === 'number' && typeof picks === 'object' && picks !== null;
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A product configurator: the shopper picks a colour, a layout, compartments, add-ons and a
 * quantity; choices a rule blocks are disabled with the rule's reason ("needs: Freezer at the
 * bottom"), the price and its breakdown follow every change (announced politely), an SVG preview
 * drawn from the product model shows the design, and "Place order" sends it to the CRM, which
 * checks and prices it again before recording the order in the shopper's profile.
 *
 * The rules run in the browser through the same engine the server runs. The design is kept in
 * localStorage on every change and again when the page is hidden or left, so a reload or an
 * accidental navigation loses nothing; it can also be saved to the shopper's profile and shared
 * by a link (`?crm-design=<token>`), which others open read-only and may copy.
 *
 * @tag crm-order-builder
 *
 * @attr product - The configurable product's sku (required).
 * @attr layout - `page` (every group on one page, the default) or `steps` (one group at a time).
 * @attr shared - A share token to open; defaults to the page URL's `crm-design` parameter.
 * @attr lang - Locale (`en`, `zh-CN`, `zh-TW`); defaults to the closest `[lang]`, then the browser's.
 *
 * @event crm-load - The model is loaded and shown. Detail: `{}`.
 * @event crm-error - The model could not be loaded. Detail: `{ code }`.
 * @event crm-order-placed - An order was placed. Detail: `{ reference, total, currency }`.
 *
 * @csspart base - The builder; `data-state` tells `initial`, `pending`, `complete` or `error`.
 * @csspart group - A group of choices (a fieldset).
 * @csspart choice - One choice; `data-blocked` is set while a rule blocks it.
 * @csspart reason - Why a choice is blocked.
 * @csspart preview - The SVG preview.
 * @csspart price - The price with its breakdown.
 * @csspart summary - The design in words.
 * @csspart problems - What keeps the design from being ordered.
 * @csspart button - Every button; `place` is also the place-order button.
 * @csspart place - The place-order button.
 * @csspart result - The order's reference and status after placement.
 *
 * @cssprop --crm-font-family - Font.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Secondary text color.
 * @cssprop --crm-color-accent - Buttons, focus ring and selected choices.
 * @cssprop --crm-color-surface - Background.
 * @cssprop --crm-color-border - Borders.
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing unit.
 */
export class CrmOrderBuilder extends LitElement {
  static override styles = [tokens, styles];

  static override properties = {
    product: { type: String },
    layout: { type: String },
    shared: { type: String },
    model: { attribute: false },
    configuration: { attribute: false },
    _step: { state: true },
    _notice: { state: true },
    _placed: { state: true },
    _busy: { state: true },
    _shareToken: { state: true },
    _readOnly: { state: true },
  };

  /** The product's sku. */
  declare product: string;
  /** `page` or `steps`. */
  declare layout: 'page' | 'steps';
  /** A share token to open. */
  declare shared: string | undefined;
  /**
   * A model to show instead of fetching the product's: the console's editor previews a model
   * before it is saved. Nothing is then kept, saved or ordered.
   */
  declare model: ProductModel | undefined;
  /** The shopper's current configuration; `undefined` until the model is loaded. */
  declare configuration: Configuration | undefined;
  declare _step: number;
  declare _notice: { kind: 'status' | 'alert'; text: string } | undefined;
  declare _placed: PlaceOrderResponse | undefined;
  declare _busy: boolean;
  declare _shareToken: string | undefined;
  declare _readOnly: boolean;

  #designId: string | undefined;
  #orderKey: string | undefined;

  readonly #locale = new LocaleController(this);
  readonly #kit = new KitController(this);

  readonly #model = new Task(this, {
    task: async ([kit, sku, shared, model], { signal }) => {
      if (model) return { product: { sku: model.sku, version: 0, model, updatedAt: 0 }, design: undefined };
      if (!kit || !sku) return initialState;
      const product = await fetchProduct(kit, sku, signal);
      const design = shared ? await fetchShared(kit, shared, signal) : undefined;
      return { product, design };
    },
    args: () => [this.#kit.kit, this.product, this.#sharedToken(), this.model] as const,
    onComplete: ({ product, design }) => {
      this.#start(product, design);
      this.#kit.emit('crm-load', {});
    },
    onError: (error) => {
      this.#kit.emit('crm-error', { code: (error as Partial<KitError> | undefined)?.code ?? 'unknown' });
    },
  });

  constructor() {
    super();
    this.product = '';
    this.layout = 'page';
    this.shared = undefined;
    this.model = undefined;
    this.configuration = undefined;
    this._step = 0;
    this._notice = undefined;
    this._placed = undefined;
    this._busy = false;
    this._shareToken = undefined;
    this._readOnly = false;
  }

  /** The engine's verdict on the current configuration, in the builder's locale. */
  get evaluation(): Evaluation | undefined {
    const model = this.#currentModel();
    return model && this.configuration ? evaluate(model, this.configuration, this.#locale.value) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.#persist);
    addEventListener('beforeunload', this.#persist);
  }

  override disconnectedCallback(): void {
    removeEventListener('pagehide', this.#persist);
    removeEventListener('beforeunload', this.#persist);
    this.#persist();
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('configuration') || changed.has('_step')) this.#persist();
  }

  #sharedToken(): string | undefined {
    return this.shared ?? (new URLSearchParams(location.search).get('crm-design') || undefined);
  }

  #currentModel(): ProductModel | undefined {
    return this.#model.value?.product.model;
  }

  #storageKey(): string {
    return `crm-order-builder:${this.product}`;
  }

  #readDraft(): Draft | undefined {
    try {
      const raw = localStorage.getItem(this.#storageKey());
      const draft = raw ? (JSON.parse(raw) as Partial<Draft>) : undefined;
      return draft && isConfiguration(draft.configuration) ? (draft as Draft) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the draft; storage may be missing or full, and then the design lives in memory only. */
  readonly #persist = (): void => {
    if (!this.configuration || this._readOnly || this.model) return;
    const draft: Draft = {
      configuration: this.configuration,
      designId: this.#designId,
      orderKey: this.#orderKey,
      step: this._step,
    };
    try {
      localStorage.setItem(this.#storageKey(), JSON.stringify(draft));
    } catch {
      // Private modes and quotas: nothing more to do.
    }
  };

  #start(
    product: ProductResponse,
    design: { configuration: Configuration; mine: boolean; id: string } | undefined,
  ): void {
    if (this.model) {
      this.configuration = defaultConfiguration(product.model);
      return;
    }
    if (design) {
      this.configuration = design.configuration;
      this._readOnly = !design.mine;
      this.#designId = design.mine ? design.id : undefined;
      return;
    }
    if (this.configuration) return;
    const draft = this.#readDraft();
    this.configuration = draft?.configuration ?? defaultConfiguration(product.model);
    this.#designId = draft?.designId;
    this.#orderKey = draft?.orderKey;
    this._step = draft?.step ?? 0;
  }

  #change(next: Configuration): void {
    this.configuration = next;
    // A different design is a different order: a new key, so it is never taken for a retry.
    this.#orderKey = undefined;
    this._placed = undefined;
    this._notice = undefined;
  }

  protected override render(): TemplateResult {
    const t = messages[this.#locale.value];
    const status = this.#model.status;
    const model = this.#currentModel();
    const config = this.configuration;
    return html`<section
      part="base"
      class="base"
      aria-labelledby="title"
      aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}
      data-state=${STATES[status]}
    >
      ${
        model && config
          ? this.#builder(model, config, t)
          : status === TaskStatus.ERROR
            ? html`<div role="alert">
                <h2 id="title">${t.error}</h2>
                <p>
                  ${(this.#model.error as Partial<KitError> | undefined)?.status === 404 ? t.notFound : ''}
                </p>
                <button part="button" type="button" @click=${() => void this.#model.run()}>${t.retry}</button>
              </div>`
            : html`<h2 id="title" class="muted" role="status">${t.loading}</h2>`
      }
    </section>`;
  }

  #builder(model: ProductModel, config: Configuration, t: BuilderMessages): TemplateResult {
    const locale = this.#locale.value;
    const result = evaluate(model, config, locale);
    const format = new Formatter(locale);
    const money = (amount: number) => format.money(amount, model.currency);
    const steps = this.layout === 'steps';
    const step = Math.min(this._step, model.groups.length);
    const groups = steps ? model.groups.slice(step, step + 1) : model.groups;
    const reviewing = !steps || step === model.groups.length;
    return html`<h2 id="title">${text(model.name, locale)}</h2>
      ${
        this._readOnly
          ? html`<p class="note" role="status">
              ${t.sharedReadOnly} <button part="button" type="button" @click=${this.#copy}>${t.copy}</button>
            </p>`
          : nothing
      }
      <div class="layout">
        <div class="options">
          ${
            steps
              ? html`<p class="step" aria-live="polite">
                  ${
                    step < model.groups.length
                      ? t.step(
                          step + 1,
                          model.groups.length,
                          text(model.groups[step]?.label ?? { en: '' }, locale),
                        )
                      : t.summary
                  }
                </p>`
              : nothing
          }
          ${groups.map((group) => this.#group(group, config, result, t, money))}
          ${
            reviewing
              ? html`<label class="quantity"
                  >${t.quantity}
                  <input
                    type="number"
                    min="1"
                    max=${model.maxQuantity}
                    .value=${String(config.quantity)}
                    ?disabled=${this._readOnly}
                    @change=${(e: Event) => {
                      const value = Math.round(Number((e.target as HTMLInputElement).value));
                      this.#change({
                        ...config,
                        quantity: Math.min(Math.max(value || 1, 1), model.maxQuantity),
                      });
                    }}
                /></label>`
              : nothing
          }
          ${steps ? this.#stepButtons(step, model.groups.length, t) : nothing}
        </div>
        <div class="side">${this.#preview(model, config, locale, t)} ${this.#price(result, t, money)}</div>
      </div>
      ${reviewing ? this.#summary(model, config, result, t) : nothing}`;
  }

  #group(
    group: OptionGroup,
    config: Configuration,
    result: Evaluation,
    t: BuilderMessages,
    money: (amount: number) => string,
  ): TemplateResult {
    const locale = this.#locale.value;
    const single = group.kind === 'single';
    const picks = config.picks[group.id] ?? {};
    return html`<fieldset part="group" class="group">
      <legend>
        ${text(group.label, locale)} <span class="muted hint">${t.pick(group.min, group.max, single)}</span>
      </legend>
      ${group.choices.map((choice) => this.#choice(group, choice, picks[choice.id] ?? 0, result, t, money))}
    </fieldset>`;
  }

  #choice(
    group: OptionGroup,
    choice: Choice,
    units: number,
    result: Evaluation,
    t: BuilderMessages,
    money: (amount: number) => string,
  ): TemplateResult {
    const locale = this.#locale.value;
    const id = `${group.id}--${choice.id}`;
    const blocked = result.blocked[choiceKey(group.id, choice.id)];
    const picked = units > 0;
    const perUnit = choice.price.per === 'unit';
    const label = text(choice.label, locale);
    const price =
      choice.price.amount === 0 ? t.included : `+${money(choice.price.amount)}${perUnit ? ' ×' : ''}`;
    return html`<div part="choice" class="choice" ?data-blocked=${Boolean(blocked)} ?data-picked=${picked}>
      <input
        id=${id}
        type=${group.kind === 'single' ? 'radio' : 'checkbox'}
        name=${group.id}
        .checked=${picked}
        ?disabled=${this._readOnly || (Boolean(blocked) && !picked)}
        aria-describedby=${blocked ? `${id}--reason` : nothing}
        @change=${() => {
          const model = this.#currentModel();
          if (model && this.configuration)
            this.#change(toggle(model, this.configuration, group.id, choice.id));
        }}
      />
      <label for=${id}>
        ${
          choice.swatch
            ? svg`<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" rx="8" fill=${choice.swatch}></rect></svg>`
            : nothing
        }
        <span class="name">${label}</span>
        <span class="muted">${price}</span>
      </label>
      ${
        perUnit && picked
          ? html`<input
              class="units"
              type="number"
              min="1"
              max=${blocked ? units : choice.price.per === 'unit' ? choice.price.maxUnits : 1}
              .value=${String(units)}
              aria-label=${t.units(label)}
              aria-describedby=${blocked ? `${id}--reason` : nothing}
              ?disabled=${this._readOnly}
              @change=${(e: Event) => {
                const input = e.target as HTMLInputElement;
                const max = Number(input.max);
                const value = Math.min(Math.max(Math.round(Number(input.value)) || 1, 1), max);
                input.value = String(value);
                if (this.configuration)
                  this.#change(setUnits(this.configuration, group.id, choice.id, value));
              }}
            />`
          : nothing
      }
      ${blocked ? html`<span part="reason" class="reason" id="${id}--reason">${blocked.reason}</span>` : nothing}
    </div>`;
  }

  #stepButtons(step: number, count: number, t: BuilderMessages): TemplateResult {
    return html`<div class="buttons">
      <button part="button" type="button" ?disabled=${step === 0} @click=${() => (this._step = step - 1)}>
        ${t.back}
      </button>
      ${
        step < count
          ? html`<button part="button" type="button" @click=${() => (this._step = step + 1)}>
              ${step === count - 1 ? t.review : t.next}
            </button>`
          : nothing
      }
    </div>`;
  }

  #preview(model: ProductModel, config: Configuration, locale: Locale, t: BuilderMessages): TemplateResult {
    if (!model.preview) return html``;
    const described = model.groups
      .flatMap((g) =>
        g.choices.filter((c) => (config.picks[g.id]?.[c.id] ?? 0) > 0).map((c) => text(c.label, locale)),
      )
      .join(', ');
    return html`<figure class="preview">
      <svg
        part="preview"
        viewBox="0 0 ${model.preview.width} ${model.preview.height}"
        role="img"
        aria-label=${t.previewOf(described)}
      >
        ${previewShapes(model, config).map((shape) => {
          const a = shape.at;
          switch (shape.type) {
            case 'rect':
              return svg`<rect x=${a.x ?? 0} y=${a.y ?? 0} width=${a.width ?? 0} height=${a.height ?? 0} rx=${a.rx ?? 0} fill=${shape.fill} stroke=${shape.stroke} data-layer=${shape.key}></rect>`;
            case 'circle':
              return svg`<circle cx=${a.cx ?? 0} cy=${a.cy ?? 0} r=${a.r ?? 0} fill=${shape.fill} stroke=${shape.stroke} data-layer=${shape.key}></circle>`;
            case 'line':
              return svg`<line x1=${a.x1 ?? 0} y1=${a.y1 ?? 0} x2=${a.x2 ?? 0} y2=${a.y2 ?? 0} stroke=${shape.stroke} stroke-width="2" data-layer=${shape.key}></line>`;
          }
        })}
      </svg>
    </figure>`;
  }

  #price(result: Evaluation, t: BuilderMessages, money: (amount: number) => string): TemplateResult {
    return html`<section part="price" class="price" aria-labelledby="price-heading">
      <h3 id="price-heading">${t.price}</h3>
      <dl>
        ${result.lines
          .filter((line) => line.amount !== 0 || line.kind === 'base')
          .map(
            (line) =>
              html`<div class="line">
                <dt>
                  ${line.kind === 'tier' ? t.discount(line.label) : line.units > 1 ? `${line.label} × ${line.units}` : line.label}
                </dt>
                <dd>${money(line.amount)}</dd>
              </div>`,
          )}
      </dl>
      <p class="total" aria-live="polite" aria-atomic="true">
        <span>${t.total}</span>
        <strong data-total=${result.total}>${money(result.total)}</strong>
        ${result.quantity > 1 ? html`<span class="muted">${t.each(money(result.unitPrice))}</span>` : nothing}
      </p>
    </section>`;
  }

  #summary(
    model: ProductModel,
    config: Configuration,
    result: Evaluation,
    t: BuilderMessages,
  ): TemplateResult {
    const locale = this.#locale.value;
    const placed = this._placed;
    return html`<section part="summary" class="summary" aria-labelledby="summary-heading">
      <h3 id="summary-heading">${t.summary}</h3>
      <ul>
        ${model.groups.map((group) => {
          const picks = config.picks[group.id] ?? {};
          const chosen = group.choices
            .filter((c) => (picks[c.id] ?? 0) > 0)
            .map((c) =>
              (picks[c.id] ?? 0) > 1
                ? `${text(c.label, locale)} × ${picks[c.id] ?? 0}`
                : text(c.label, locale),
            );
          return chosen.length > 0
            ? html`<li><span class="muted">${text(group.label, locale)}:</span> ${chosen.join(', ')}</li>`
            : nothing;
        })}
      </ul>
      ${
        result.valid
          ? nothing
          : html`<div part="problems" class="problems">
              <h4>${t.problems}</h4>
              <ul>
                ${result.violations.map((v) => html`<li>${v.message}</li>`)}
              </ul>
              ${
                this._readOnly
                  ? nothing
                  : html`<button
                      part="button"
                      type="button"
                      @click=${() => {
                        this.#fix(model, config);
                      }}
                    >
                      ${t.fix}
                    </button>`
              }
            </div>`
      }
      ${
        this._readOnly || this.model
          ? nothing
          : html`<div class="buttons">
              <button part="button" type="button" ?disabled=${this._busy} @click=${this.#save}>
                ${t.save}
              </button>
              <button part="button" type="button" ?disabled=${this._busy} @click=${this.#share}>
                ${t.share}
              </button>
              <button
                part="button place"
                class="primary"
                type="button"
                ?disabled=${this._busy || !result.valid}
                @click=${() => void this.#place(model, result)}
              >
                ${this._busy ? t.placing : t.place}
              </button>
            </div>`
      }
      ${
        this._shareToken
          ? html`<p class="share">${t.shareLink} <output>${this.#shareUrl(this._shareToken)}</output></p>`
          : nothing
      }
      <div role="status" class="notice">
        ${
          placed
            ? html`<p part="result" class="result">
                ${t.placed(placed.reference)} <span class="badge">${t.status[placed.status]}</span>
              </p>`
            : this._notice?.kind === 'status'
              ? html`<p>${this._notice.text}</p>`
              : nothing
        }
      </div>
      <div role="alert" class="alert">
        ${this._notice?.kind === 'alert' ? html`<p>${this._notice.text}</p>` : nothing}
      </div>
    </section>`;
  }

  #shareUrl(token: string): string {
    const url = new URL(location.href);
    url.searchParams.set('crm-design', token);
    return url.href;
  }

  #fix(model: ProductModel, config: Configuration): void {
    const fix = suggestFix(model, config);
    if (fix) this.#change(fix.configuration);
  }

  readonly #save = async (): Promise<void> => {
    const kit = this.#kit.kit;
    if (!kit || !this.configuration) return;
    const t = messages[this.#locale.value];
    this._busy = true;
    try {
      const design = await saveDesign(kit, this.product, this.configuration, this.#designId);
      this.#designId = design.id;
      this.#persist();
      this._notice = { kind: 'status', text: t.saved };
    } catch {
      this._notice = { kind: 'alert', text: t.failed };
    } finally {
      this._busy = false;
    }
  };

  readonly #share = async (): Promise<void> => {
    await this.#save();
    const kit = this.#kit.kit;
    if (!kit || !this.#designId) return;
    try {
      this._shareToken = (await shareDesign(kit, this.#designId)).shareToken;
    } catch {
      this._notice = { kind: 'alert', text: messages[this.#locale.value].failed };
    }
  };

  readonly #copy = async (): Promise<void> => {
    const kit = this.#kit.kit;
    const token = this.#sharedToken();
    if (!kit || !token) return;
    try {
      const design = await copyShared(kit, token);
      this.#designId = design.id;
      this._readOnly = false;
      this.configuration = design.configuration;
      // The copy is the shopper's own now: a reload must reopen it, not the shared original.
      const url = new URL(location.href);
      if (url.searchParams.has('crm-design')) {
        url.searchParams.delete('crm-design');
        history.replaceState(history.state, '', url.href);
      }
    } catch {
      this._notice = { kind: 'alert', text: messages[this.#locale.value].failed };
    }
  };

  async #place(model: ProductModel, result: Evaluation): Promise<void> {
    const kit = this.#kit.kit;
    if (!kit || !this.configuration) return;
    const t = messages[this.#locale.value];
    this.#orderKey ??= newKey();
    this.#persist();
    this._busy = true;
    this._notice = undefined;
    try {
      const placed = await placeOrder(
        kit,
        {
          sku: this.product,
          configuration: this.configuration,
          expectedTotal: result.total,
          currency: model.currency,
          locale: this.#locale.value,
        },
        this.#orderKey,
      );
      this._placed = placed;
      this.#kit.emit('crm-order-placed', {
        reference: placed.reference,
        total: placed.total,
        currency: placed.currency,
      });
    } catch (error) {
      const { code, message } = (error as Partial<KitError> | undefined) ?? {};
      if (code === 'price_changed') {
        this.#orderKey = undefined;
        this.configuration = { ...this.configuration };
        void this.#model.run();
      }
      this._notice = {
        kind: 'alert',
        text:
          code === 'identity_required'
            ? t.signIn
            : code === 'price_changed'
              ? t.priceChanged
              : code === 'invalid_configuration' && message
                ? message
                : t.failed,
      };
    } finally {
      this._busy = false;
    }
  }
}
