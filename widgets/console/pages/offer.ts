import { Task } from '@lit/task';
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { OfferStatus } from '../../../worker/contract/constants.ts';
import type {
  AudienceEstimate,
  OfferReport,
  OfferView,
  ReportSlice,
  Uplift,
} from '../../../worker/contract/offers.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { chart, chartStyles } from '../ui/chart.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import './offer-preview.ts';
import { RULE_KINDS, WITH_DAYS, WITH_SECOND, ruleOf, rowOf, type RuleRow } from './offer-rules.ts';
import { messages, type OffersMessages } from './offers.messages.ts';

/** A new offer's starting point. */
const BLANK: Partial<OfferView> = {
  placement: 'home-hero',
  holdoutPercent: 10,
  attributionDays: 7,
  priority: 0,
};

/** An epoch as a `datetime-local` value in the browser's zone, and back. */
const toLocal = (ms: number | null | undefined) => {
  if (ms == null) return '';
  const date = new Date(ms);
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (value: string) => (value ? new Date(value).getTime() : null);
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));
const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * One offer: the editor (content, schedule and limits, control group, targeting rules, exclude
 * list) with a live preview of the banner and the estimated audience, launch/pause, and the
 * report: treatment against control, the uplift with its interval, the checks, and the series.
 */
export class CrmConsoleOffer extends ConsolePage<OffersMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _draft: { state: true },
    _rules: { state: true },
    _error: { state: true },
    _saved: { state: true },
    _audience: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    chartStyles,
    css`
      form {
        display: grid;
        gap: var(--_crm-space);
      }
      fieldset {
        border: 1px solid var(--_crm-color-border);
        border-radius: var(--_crm-radius);
        padding: var(--_crm-space);
        margin: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
        gap: 12px var(--_crm-space);
      }
      legend {
        font-weight: 600;
        padding: 0 4px;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .check {
        display: flex;
        gap: 8px;
        align-items: center;
        font-weight: 400;
      }
      .rule {
        display: grid;
        grid-template-columns: minmax(170px, 1.5fr) 2fr 1fr auto;
        gap: 8px;
        align-items: end;
        grid-column: 1 / -1;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr);
        gap: var(--_crm-space);
        align-items: start;
      }
      .side {
        position: sticky;
        top: var(--_crm-space);
        display: grid;
        gap: var(--_crm-space);
      }
      .warning {
        border-inline-start: 4px solid var(--crm-color-danger, #cf222e);
        padding: 8px 12px;
        margin: 0 0 var(--_crm-space);
      }
      .interval line {
        stroke: var(--_crm-color-muted);
      }
      .interval .ci {
        stroke: var(--_crm-color-accent);
        stroke-width: 6;
        stroke-linecap: round;
      }
      .interval circle {
        fill: var(--_crm-color-text);
      }
      .interval text {
        font-size: 11px;
        fill: var(--_crm-color-muted);
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  protected readonly messages = messages;
  declare _draft: Partial<OfferView>;
  declare _rules: RuleRow[];
  declare _error: unknown;
  declare _saved: boolean;
  declare _audience: AudienceEstimate | undefined;

  constructor() {
    super();
    this._draft = BLANK;
    this._rules = [];
    this._saved = false;
  }

  get #offerId(): string {
    return this.ctx.params.offerId ?? 'new';
  }

  get #base(): string {
    return `/sites/${encodeURIComponent(this.siteId)}/offers`;
  }

  readonly #offer = new Task(this, {
    task: async ([api, base, offerId], { signal }) => {
      const offer = offerId === 'new' ? BLANK : await api.get<OfferView>(`${base}/${offerId}`, signal);
      this._draft = offer;
      this._rules = (offer.targeting ?? []).map(rowOf);
      this._audience = undefined;
      return offer;
    },
    args: () => [this.ctx.api, this.#base, this.#offerId] as const,
  });

  readonly #report = new Task(this, {
    task: ([api, base, offerId], { signal }) =>
      offerId === 'new' ? Promise.resolve(null) : api.get<OfferReport>(`${base}/${offerId}/report`, signal),
    args: () => [this.ctx.api, this.#base, this.#offerId] as const,
  });

  /** The form as the contract's offer input. */
  #input(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const orNull = (name: string) => text(name).trim() || null;
    const locales = Object.fromEntries(
      (['zh-CN', 'zh-TW'] as const).flatMap((locale) => {
        const entry = {
          ...(text(`${locale}-title`).trim() ? { title: text(`${locale}-title`).trim() } : {}),
          ...(text(`${locale}-body`).trim() ? { body: text(`${locale}-body`) } : {}),
          ...(text(`${locale}-ctaLabel`).trim() ? { ctaLabel: text(`${locale}-ctaLabel`).trim() } : {}),
        };
        return Object.keys(entry).length ? [[locale, entry]] : [];
      }),
    );
    return {
      name: text('name'),
      placement: text('placement'),
      title: text('title'),
      body: text('body'),
      imageUrl: orNull('imageUrl'),
      ctaLabel: orNull('ctaLabel'),
      ctaUrl: orNull('ctaUrl'),
      discountCode: orNull('discountCode'),
      discountPercent: numberOrNull(text('discountPercent')),
      discountAmountCents: this._draft.discountAmountCents ?? null,
      locales,
      skus: list(text('skus')),
      startsAt: fromLocal(text('startsAt')),
      endsAt: fromLocal(text('endsAt')),
      priority: Number(text('priority') || 0),
      frequencyCap: numberOrNull(text('frequencyCap')),
      budget: numberOrNull(text('budget')),
      targeting: this._rules.map(ruleOf),
      excludeExternalIds: list(text('exclude')),
      holdoutPercent: Number(text('holdoutPercent')),
      holdoutOverride: data.get('holdoutOverride') === 'on',
      attributionDays: Number(text('attributionDays') || 7),
      referral: data.get('referral') === 'on',
    };
  }

  #onInput(event: Event): void {
    const form = (event.currentTarget as HTMLElement).closest('form');
    if (form) this._draft = { ...this._draft, ...this.#input(form), targeting: this._draft.targeting ?? [] };
    this._saved = false;
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this._error = undefined;
    this._saved = false;
    const input = this.#input(event.target as HTMLFormElement);
    try {
      if (this.#offerId === 'new') {
        const created = await this.ctx.api.post<OfferView>(this.#base, input);
        this.ctx.navigate(siteUrl(this.siteId, 'offers', created.id), { replace: true });
        return;
      }
      this._draft = await this.ctx.api.request<OfferView>('PUT', `${this.#base}/${this.#offerId}`, {
        body: input,
      });
      this._saved = true;
    } catch (error) {
      this._error = error;
    }
  }

  async #status(status: OfferStatus): Promise<void> {
    this._error = undefined;
    try {
      this._draft = await this.ctx.api.post<OfferView>(`${this.#base}/${this.#offerId}/status`, { status });
      void this.#report.run();
    } catch (error) {
      this._error = error;
    }
  }

  async #estimate(): Promise<void> {
    this._error = undefined;
    try {
      this._audience = await this.ctx.api.post<AudienceEstimate>(`${this.#base}/audience`, {
        targeting: this._rules.map(ruleOf),
      });
    } catch (error) {
      this._error = error;
    }
  }

  #setRule(index: number, change: Partial<RuleRow>): void {
    this._rules = this._rules.map((row, i) => (i === index ? { ...row, ...change } : row));
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const isNew = this.#offerId === 'new';
    return html`<p><a href=${siteUrl(this.siteId, 'offers')}>← ${t.back}</a></p>
      <h1>${isNew ? t.newHeading : `${t.editHeading}: ${this._draft.name ?? ''}`}</h1>
      ${renderTask(this.#offer, this.ctx.locale, () => this.#editor(t, isNew))}
      ${isNew ? nothing : renderTask(this.#report, this.ctx.locale, (report) => (report ? this.#reportOf(report, t) : nothing))}`;
  }

  #editor(t: OffersMessages, isNew: boolean): TemplateResult {
    const d = this._draft;
    const field = (name: string, label: string, value: string | number | null | undefined, type = 'text') =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type=${type} .value=${value == null ? '' : String(value)} />
      </div>`;
    const status = d.status;
    return html`<div class="layout">
      <form
        @submit=${(e: SubmitEvent) => void this.#save(e)}
        @input=${(e: Event) => {
          this.#onInput(e);
        }}
        novalidate
      >
        <fieldset>
          <legend>${t.content}</legend>
          <div class="field">
            <label for="name">${t.name}</label>
            <input id="name" name="name" required maxlength="120" .value=${d.name ?? ''} />
          </div>
          <div class="field">
            <label for="placement">${t.placement}</label>
            <input
              id="placement"
              name="placement"
              required
              pattern="[a-z0-9][a-z0-9-]*"
              .value=${d.placement ?? ''}
            />
          </div>
          <div class="field wide">
            <label for="title">${t.title}</label>
            <input id="title" name="title" required maxlength="120" .value=${d.title ?? ''} />
          </div>
          <div class="field wide">
            <label for="body">${t.body}</label>
            <textarea id="body" name="body" rows="2" maxlength="500" .value=${d.body ?? ''}></textarea>
          </div>
          ${field('imageUrl', t.imageUrl, d.imageUrl, 'url')} ${field('ctaLabel', t.ctaLabel, d.ctaLabel)}
          ${field('ctaUrl', t.ctaUrl, d.ctaUrl)} ${field('discountCode', t.discountCode, d.discountCode)}
          ${field('discountPercent', t.discountPercent, d.discountPercent, 'number')}
          <div class="field wide">
            <label for="skus">${t.skus}</label>
            <input id="skus" name="skus" aria-describedby="skus-hint" .value=${(d.skus ?? []).join(', ')} />
            <p class="hint" id="skus-hint">${t.skusHint}</p>
          </div>
        </fieldset>
        <fieldset>
          <legend>${t.translations}</legend>
          ${(['zh-CN', 'zh-TW'] as const).map((locale) => {
            const text = d.locales?.[locale] ?? {};
            return html`<div class="field">
                <label for="${locale}-title">${t.translationOf[locale]} · ${t.title}</label>
                <input
                  id="${locale}-title"
                  name="${locale}-title"
                  lang=${locale}
                  .value=${text.title ?? ''}
                />
              </div>
              <div class="field">
                <label for="${locale}-ctaLabel">${t.translationOf[locale]} · ${t.ctaLabel}</label>
                <input
                  id="${locale}-ctaLabel"
                  name="${locale}-ctaLabel"
                  lang=${locale}
                  .value=${text.ctaLabel ?? ''}
                />
              </div>
              <div class="field wide">
                <label for="${locale}-body">${t.translationOf[locale]} · ${t.body}</label>
                <textarea
                  id="${locale}-body"
                  name="${locale}-body"
                  lang=${locale}
                  rows="2"
                  .value=${text.body ?? ''}
                ></textarea>
              </div>`;
          })}
        </fieldset>
        <fieldset>
          <legend>${t.schedule}</legend>
          ${field('startsAt', t.startsAt, toLocal(d.startsAt), 'datetime-local')}
          ${field('endsAt', t.endsAt, toLocal(d.endsAt), 'datetime-local')}
          ${field('priority', t.priority, d.priority ?? 0, 'number')}
          ${field('frequencyCap', t.frequencyCap, d.frequencyCap, 'number')}
          <div class="field">
            <label for="budget">${t.budget}</label>
            <input
              id="budget"
              name="budget"
              type="number"
              min="1"
              aria-describedby="budget-hint"
              .value=${d.budget == null ? '' : String(d.budget)}
            />
            <p class="hint" id="budget-hint">${t.budgetHint}</p>
          </div>
          ${field('attributionDays', t.attributionDays, d.attributionDays ?? 7, 'number')}
        </fieldset>
        <fieldset>
          <legend>${t.test}</legend>
          <div class="field">
            <label for="holdoutPercent">${t.holdoutPercent}</label>
            <input
              id="holdoutPercent"
              name="holdoutPercent"
              type="number"
              min="0"
              max="50"
              aria-describedby="holdout-hint"
              .value=${String(d.holdoutPercent ?? 10)}
            />
            <p class="hint" id="holdout-hint">${t.holdoutHint}</p>
          </div>
          <label class="check wide"
            ><input
              type="checkbox"
              name="holdoutOverride"
              .checked=${d.holdoutOverride ?? false}
            />${t.holdoutOverride}</label
          >
          <label class="check wide"
            ><input type="checkbox" name="referral" .checked=${d.referral ?? false} />${t.referral}</label
          >
        </fieldset>
        <fieldset>
          <legend>${t.targeting}</legend>
          <p class="hint wide">${t.targetingHint}</p>
          ${this._rules.map((row, i) => this.#rule(row, i, t))}
          <div class="wide">
            <button
              type="button"
              class="secondary"
              @click=${() => (this._rules = [...this._rules, { kind: 'viewedCategory', values: '', second: '', days: 30 }])}
            >
              ${t.addRule}
            </button>
          </div>
          <div class="field wide">
            <label for="exclude">${t.exclude}</label>
            <textarea
              id="exclude"
              name="exclude"
              rows="2"
              aria-describedby="exclude-hint"
              .value=${(d.excludeExternalIds ?? []).join('\n')}
            ></textarea>
            <p class="hint" id="exclude-hint">${t.excludeHint}</p>
          </div>
        </fieldset>
        ${alertFor(this._error, this.ctx.locale)}
        <div class="row">
          <button type="submit">${t.save}</button>
          ${isNew || !status ? nothing : this.#statusButton(status, t)}
          <span role="status" class="success">${this._saved ? t.saved : ''}</span>
        </div>
      </form>
      <aside class="side">
        <section class="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">${t.preview}</h2>
          <crm-console-offer-preview
            lang=${this.ctx.locale}
            .offer=${this.#previewOf(d)}
            .labels=${{ code: t.discountCode, copy: '', dismiss: '', percentOff: (n: number) => `${n}%` }}
          ></crm-console-offer-preview>
        </section>
        <section class="card" aria-labelledby="audience-heading">
          <h2 id="audience-heading">${t.audience}</h2>
          <button type="button" class="secondary" @click=${() => void this.#estimate()}>${t.estimate}</button>
          <div role="status">${this._audience ? this.#audienceOf(this._audience, t) : nothing}</div>
        </section>
      </aside>
    </div>`;
  }

  /** The draft as the banner would show it in the console's language. */
  #previewOf(d: Partial<OfferView>) {
    const variant = this.ctx.locale === 'en' ? {} : (d.locales?.[this.ctx.locale] ?? {});
    return {
      title: variant.title ?? (d.title || '…'),
      body: variant.body ?? d.body ?? '',
      imageUrl: d.imageUrl ?? null,
      ctaLabel: variant.ctaLabel ?? d.ctaLabel ?? null,
      discountCode: d.discountCode ?? null,
      discountPercent: d.discountPercent ?? null,
    };
  }

  #statusButton(status: OfferStatus, t: OffersMessages): TemplateResult {
    const next: OfferStatus = status === 'live' ? 'paused' : 'live';
    const label = status === 'draft' ? t.launch : status === 'live' ? t.pause : t.resume;
    return html`<span class="badge">${t.statuses[status]}</span>
      <button type="button" class="secondary" @click=${() => void this.#status(next)}>${label}</button>`;
  }

  #audienceOf(a: AudienceEstimate, t: OffersMessages): TemplateResult {
    const f = this.ctx.format;
    return html`<p>${t.estimateResult(f.number(a.matching), f.number(a.total), f.number(a.sampled))}</p>
      ${a.requestTimeKinds.length ? html`<p class="hint">${t.requestTime(a.requestTimeKinds.map((k) => t.kinds[k] ?? k).join(', '))}</p>` : nothing}`;
  }

  #rule(row: RuleRow, i: number, t: OffersMessages): TemplateResult {
    const id = `rule-${i}`;
    const hint = t.valuesHint[row.kind] ?? t.valuesHint.default ?? '';
    return html`<div class="rule" role="group" aria-label="${t.ruleKind} ${i + 1}">
      <div class="field">
        <label for="${id}-kind">${t.ruleKind}</label>
        <select
          id="${id}-kind"
          @change=${(e: Event) => {
            this.#setRule(i, { kind: (e.target as HTMLSelectElement).value as RuleRow['kind'] });
          }}
        >
          ${RULE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === row.kind}>${t.kinds[kind]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="${id}-values">${t.ruleValues}</label>
        <input
          id="${id}-values"
          title=${hint}
          placeholder=${hint}
          .value=${row.values}
          @input=${(e: Event) => {
            this.#setRule(i, { values: (e.target as HTMLInputElement).value });
          }}
        />
      </div>
      ${
        WITH_SECOND.has(row.kind)
          ? html`<div class="field">
              <label for="${id}-second">${t.ruleSecond}</label>
              <input
                id="${id}-second"
                .value=${row.second}
                @input=${(e: Event) => {
                  this.#setRule(i, { second: (e.target as HTMLInputElement).value });
                }}
              />
            </div>`
          : WITH_DAYS.has(row.kind)
            ? html`<div class="field">
                <label for="${id}-days">${t.ruleDays}</label>
                <input
                  id="${id}-days"
                  type="number"
                  min="1"
                  max="365"
                  .value=${String(row.days)}
                  @input=${(e: Event) => {
                    this.#setRule(i, { days: Number((e.target as HTMLInputElement).value) });
                  }}
                />
              </div>`
            : html`<span></span>`
      }
      <button
        type="button"
        class="secondary"
        aria-label="${t.removeRule} ${i + 1}"
        @click=${() => (this._rules = this._rules.filter((_, j) => j !== i))}
      >
        ✕
      </button>
    </div>`;
  }

  #reportOf(report: OfferReport, t: OffersMessages): TemplateResult {
    const f = this.ctx.format;
    const days = [...new Set(report.daily.map((d) => d.day))];
    const of = (group: 'treatment' | 'control', key: 'exposed' | 'conversions') =>
      days.map((day) => report.daily.find((d) => d.day === day && d.group === group)?.[key] ?? 0);
    // Cumulative: each day's rate is over everyone exposed so far, so the lines settle as data comes in.
    const rate = (group: 'treatment' | 'control') => {
      const exposed = of(group, 'exposed');
      let people = 0;
      let converted = 0;
      return of(group, 'conversions').map((c, i) => {
        people += exposed[i] ?? 0;
        converted += c;
        return people ? converted / people : 0;
      });
    };
    const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
    const labels = days.map((d) => f.day(d));
    return html`<section aria-labelledby="report-heading">
      <h2 id="report-heading">${t.report}</h2>
      ${report.unmeasured ? html`<p class="card warning" role="note">${t.unmeasured}</p>` : nothing}
      ${
        report.sampleRatio.mismatch
          ? html`<p class="card warning" role="alert">
              ${t.srmBroken(report.sampleRatio.chiSquare.toFixed(1), report.sampleRatio.pValue.toExponential(1))}
            </p>`
          : html`<p class="muted">${t.srmOk(report.sampleRatio.pValue.toFixed(3))}</p>`
      }
      ${this.#slice(report.overall, t, true)}
      <div class="grid charts">
        <section class="card" aria-label=${t.daily}>
          ${chart({
            id: 'exposed',
            title: t.daily,
            labels,
            kind: 'bar',
            series: [
              { label: t.treatment, values: of('treatment', 'exposed') },
              { label: t.control, values: of('control', 'exposed') },
            ],
            format: (v) => f.number(v),
            tableLabel: t.showNumbers,
            labelHeader: t.day,
          })}
        </section>
        <section class="card" aria-label=${t.dailyRate}>
          ${chart({
            id: 'rate',
            title: t.dailyRate,
            labels,
            kind: 'line',
            series: [
              { label: t.treatment, values: rate('treatment') },
              { label: t.control, values: rate('control') },
            ],
            format: percent,
            tableLabel: t.showNumbers,
            labelHeader: t.day,
          })}
        </section>
      </div>
      ${report.segments.map((segment) => this.#slice(segment, t, false))}
      <p class="hint">${t.method}</p>
    </section>`;
  }

  #slice(s: ReportSlice, t: OffersMessages, overall: boolean): TemplateResult {
    const f = this.ctx.format;
    const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
    const money = (cents: number) => f.money(Math.round(cents));
    const name = overall ? t.segmentAll : (t.segments[s.segment] ?? s.segment);
    return html`<section class="card" aria-label="${t.segment}: ${name}">
      <h3>${t.segment}: ${name}</h3>
      ${s.smallSample ? html`<p class="warning" role="note">${t.smallSample}</p>` : nothing}
      <div class="scroll" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.arm}</th>
              <th scope="col" class="num">${t.exposedPeople}</th>
              <th scope="col" class="num">${t.clickRate}</th>
              <th scope="col" class="num">${t.conversionRate}</th>
              <th scope="col" class="num">${t.revenuePerExposed}</th>
              <th scope="col" class="num">${t.revenue}</th>
            </tr>
          </thead>
          <tbody>
            ${(['treatment', 'control'] as const).map((group) => {
              const a = s.arms[group];
              return html`<tr>
                <th scope="row">${group === 'treatment' ? t.treatment : t.control}</th>
                <td class="num">${f.number(a.exposed)}</td>
                <td class="num">${group === 'treatment' ? percent(a.clickRate) : '—'}</td>
                <td class="num">${percent(a.conversionRate)}</td>
                <td class="num">${money(a.revenuePerExposedCents)}</td>
                <td class="num">${money(a.revenueCents)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${overall ? this.#uplift(t.upliftConversion, s.conversionUplift, percent, t) : nothing}
      ${overall ? this.#uplift(t.upliftRevenue, s.revenueUplift, money, t) : nothing}
    </section>`;
  }

  /** An uplift as text and as its interval drawn around zero. */
  #uplift(title: string, u: Uplift, format: (v: number) => string, t: OffersMessages): TemplateResult {
    const rel = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
    const extent = Math.max(Math.abs(u.absoluteLow), Math.abs(u.absoluteHigh), 1e-9) * 1.1;
    const x = (v: number) => 20 + ((v + extent) / (2 * extent)) * 560;
    return html`<div>
      <h4>${title}</h4>
      <p>
        ${t.absolute}: <strong>${format(u.absolute)}</strong> (${t.interval} ${format(u.absoluteLow)} …
        ${format(u.absoluteHigh)}) · ${t.relative}: <strong>${rel(u.relative)}</strong> (${rel(u.relativeLow)}
        … ${rel(u.relativeHigh)}) · ${t.pValue} ${u.pValue < 0.001 ? '< 0.001' : u.pValue.toFixed(3)} ·
        <span class=${u.significant ? 'success' : 'muted'}
          >${u.significant ? t.significant : t.notSignificant}</span
        >
      </p>
      <svg
        class="interval"
        viewBox="0 0 600 40"
        role="img"
        aria-label="${title}: ${format(u.absoluteLow)} … ${format(u.absoluteHigh)}"
      >
        ${svg`<line x1=${x(0)} x2=${x(0)} y1="4" y2="30"></line>
          <line class="ci" x1=${x(u.absoluteLow)} x2=${x(u.absoluteHigh)} y1="17" y2="17"></line>
          <circle cx=${x(u.absolute)} cy="17" r="5"></circle>
          <text x=${x(0)} y="39" text-anchor="middle">0</text>`}
      </svg>
    </div>`;
  }
}

definePage('crm-console-offer', CrmConsoleOffer);
