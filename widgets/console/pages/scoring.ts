import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { CONSOLE_PATH, STAFF_PERMISSIONS } from '../../../worker/contract/constants.ts';
import type {
  RuleView,
  ScoredCustomer,
  ScoringDashboard,
  ScoringDistributionView,
} from '../../../worker/contract/scoring.ts';
import {
  CHURN_BUCKETS,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  VALUE_TIERS,
} from '../../../worker/contract/shared/scoring.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { chart, chartStyles, reportStyles } from '../ui/chart.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { scoreLabels } from '../../core/score-labels.ts';
import { messages, type ScoringMessages } from './scoring.messages.ts';

/** The list filters the page reads from its URL, as the API names them. */
const FILTERS = ['segment', 'tier', 'stage', 'group', 'churn'] as const;
const SORTS = ['churn', 'clv', 'monetary'] as const;

/** Heat level 0–4 of a cell against the largest cell, for the grid's shading (classes, no inline styles). */
const level = (value: number, max: number) =>
  max <= 0 || value <= 0 ? 0 : Math.min(4, Math.ceil((value / max) * 4));

/**
 * Customer intelligence: how the site's customers score (RFM segments and grid, the Pareto
 * curve of revenue, stages, churn buckets, the value × risk grid, each against the previous
 * full run), the look-alike groups, customers by any score (paged, CSV) and the cross-sell rules.
 */
export class CrmConsoleScoring extends ConsolePage<ScoringMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _status: { state: true },
    _error: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    chartStyles,
    reportStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_crm-space);
        margin-block-end: var(--_crm-space);
      }
      .heat td {
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      /* Shades light enough for the text and links on them to keep their contrast. */
      .heat td.l1 {
        background: color-mix(in srgb, var(--_crm-color-accent) 6%, var(--_crm-color-surface));
      }
      .heat td.l2 {
        background: color-mix(in srgb, var(--_crm-color-accent) 12%, var(--_crm-color-surface));
      }
      .heat td.l3 {
        background: color-mix(in srgb, var(--_crm-color-accent) 18%, var(--_crm-color-surface));
      }
      .heat td.l4 {
        background: color-mix(in srgb, var(--_crm-color-accent) 24%, var(--_crm-color-surface));
        font-weight: 700;
      }
      .heat a {
        color: var(--_crm-color-text);
      }
      .heat td.first {
        outline: 2px solid var(--_crm-color-danger);
        outline-offset: -2px;
      }
      form.filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--_crm-space);
        margin-block-end: var(--_crm-space);
      }
      form.filters label {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
    `,
  ];
  protected readonly messages = messages;

  declare _status: string | undefined;
  declare _error: unknown;

  get #api() {
    return `/sites/${encodeURIComponent(this.siteId)}/scoring`;
  }

  /** The list's query as in the page URL: filters, sort, cursor. */
  get #listQuery(): Record<string, string> {
    const query: Record<string, string> = {};
    for (const key of [...FILTERS, 'sort', 'cursor'] as const) {
      const value = this.ctx.query.get(key);
      if (value) query[key] = value;
    }
    return query;
  }

  readonly #dashboard = new Task(this, {
    task: ([api, base], { signal }) => api.get<ScoringDashboard>(`${base}/dashboard`, signal),
    args: () => [this.ctx.api, this.#api] as const,
  });

  readonly #list = new Task(this, {
    task: ([api, base, query], { signal }) =>
      api.get<{ customers: ScoredCustomer[]; nextCursor: string | null }>(`${base}/customers`, signal, query),
    args: () => [this.ctx.api, this.#api, this.#listQuery] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[1] === b[1] && JSON.stringify(a[2]) === JSON.stringify(b[2]),
  });

  readonly #rules = new Task(this, {
    task: async ([api, base], { signal }) => {
      const [association, sequence] = await Promise.all([
        api.get<{ rules: RuleView[] }>(`${base}/rules`, signal, { kind: 'association', limit: 20 }),
        api.get<{ rules: RuleView[] }>(`${base}/rules`, signal, { kind: 'sequence', limit: 20 }),
      ]);
      return { association: association.rules, sequence: sequence.rules };
    },
    args: () => [this.ctx.api, this.#api] as const,
  });

  get #mayRescore(): boolean {
    const role = this.ctx.me?.member.role;
    return role !== undefined && (STAFF_PERMISSIONS['scores.run'] as readonly string[]).includes(role);
  }

  async #rescore(): Promise<void> {
    const t = this.t;
    this._error = undefined;
    this._status = t.rescoring;
    try {
      const result = await this.ctx.api.post<{ scored: number }>(`${this.#api}/run`);
      this._status = t.rescored(this.ctx.format.number(result.scored));
      void this.#dashboard.run();
      void this.#list.run();
      void this.#rules.run();
    } catch (error) {
      this._status = undefined;
      this._error = error;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.heading}</h1>
      <div class="toolbar">
        ${
          this.#mayRescore
            ? html`<button type="button" @click=${() => void this.#rescore()}>${t.rescore}</button>`
            : nothing
        }
        <span role="status">${this._status ?? ''}</span>
        ${alertFor(this._error, this.ctx.locale)}
      </div>
      ${renderTask(this.#dashboard, this.ctx.locale, (d) => this.#dashboardView(d))}
      <section class="card" aria-labelledby="list-heading">
        <h2 id="list-heading">${t.list}</h2>
        ${this.#filters()} ${renderTask(this.#list, this.ctx.locale, (page) => this.#listView(page))}
      </section>
      ${renderTask(this.#rules, this.ctx.locale, (rules) => this.#rulesView(rules))}`;
  }

  #dashboardView(d: ScoringDashboard): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const now = d.current?.distribution;
    const before = d.previous?.distribution ?? null;
    const pass = d.lastPass;
    const meta = html`<p class="muted">
      ${d.current?.finishedAt ? t.lastRun(f.time(d.current.finishedAt)) : t.neverRun}
      ${
        pass?.finishedAt
          ? t.lastPass(
              pass.kind === 'full' ? t.full : t.incremental,
              f.time(pass.finishedAt),
              f.number(pass.scored),
            )
          : ''
      }
    </p>`;
    if (!now) return meta;
    const atRisk = (now.valueRisk['A-high']?.count ?? 0) + (now.valueRisk['A-critical']?.count ?? 0);
    const totals: [string, string][] = [
      [t.customers, f.number(now.customers)],
      [t.buyers, f.number(now.buyers)],
      [t.revenue, f.money(now.revenueCents)],
      [t.actFirst, f.number(atRisk)],
    ];
    return html`${meta}
      <ul class="totals">
        ${totals.map(
          ([label, value]) =>
            html`<li class="card">
              <span class="muted">${label}</span><span class="total">${value}</span>
            </li>`,
        )}
      </ul>
      <div class="grid charts">${this.#charts(now, before)}</div>
      <div class="grid charts">${this.#rfmGrid(now, before)} ${this.#valueRisk(now)}</div>
      <div class="grid charts">${this.#segmentTable(now, before)} ${this.#groups(d)}</div>`;
  }

  #charts(now: ScoringDistributionView, before: ScoringDistributionView | null): TemplateResult {
    const t = this.t;
    const l = scoreLabels[this.ctx.locale];
    const f = this.ctx.format;
    const series = (values: (d: ScoringDistributionView) => number[]) => [
      { label: t.current, values: values(now) },
      ...(before ? [{ label: t.previous, values: values(before) }] : []),
    ];
    const common = { tableLabel: t.showNumbers, format: (v: number) => f.number(v) };
    return html`<section class="card" aria-label=${t.segments}>
        ${chart({
          id: 'segments',
          title: t.segments,
          kind: 'bar',
          labels: RFM_SEGMENTS.map((s) => l.segments[s]),
          series: series((d) => RFM_SEGMENTS.map((s) => d.segments[s]?.count ?? 0)),
          labelHeader: t.segment,
          ...common,
        })}
      </section>
      <section class="card" aria-label=${t.pareto}>
        ${chart({
          id: 'pareto',
          title: t.pareto,
          kind: 'line',
          labels: now.pareto.map((_, i) => t.topShare((i + 1) * 5)),
          series: series((d) => d.pareto.map((share) => Math.round(share * 1000) / 10)),
          labelHeader: t.paretoAxis,
          tableLabel: t.showNumbers,
          format: (v) => `${f.number(v)} %`,
        })}
      </section>
      <section class="card" aria-label=${t.stages}>
        ${chart({
          id: 'stages',
          title: t.stages,
          kind: 'bar',
          labels: LIFECYCLE_STAGES.map((s) => l.stages[s]),
          series: series((d) => LIFECYCLE_STAGES.map((s) => d.stages[s] ?? 0)),
          labelHeader: t.stage,
          ...common,
        })}
      </section>
      <section class="card" aria-label=${t.churn}>
        ${chart({
          id: 'churn',
          title: t.churn,
          kind: 'bar',
          labels: CHURN_BUCKETS.map((b) => l.churn[b]),
          series: series((d) => CHURN_BUCKETS.map((b) => d.churn[b] ?? 0)),
          labelHeader: t.bucket,
          ...common,
        })}
      </section>`;
  }

  #listUrl(filter: string, value: string): string {
    return `${siteUrl(this.siteId, 'scoring')}?${filter}=${encodeURIComponent(value)}#list-heading`;
  }

  #rfmGrid(now: ScoringDistributionView, before: ScoringDistributionView | null): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const cells = Object.values(now.rfmGrid).map((n) => n ?? 0);
    const max = Math.max(0, ...cells);
    const delta = (key: string) => {
      if (!before) return '';
      const change = (now.rfmGrid[key] ?? 0) - (before.rfmGrid[key] ?? 0);
      return change === 0 ? '' : ` (${change > 0 ? '+' : '−'}${f.number(Math.abs(change))})`;
    };
    return html`<section class="card" aria-labelledby="rfm-grid">
      <h2 id="rfm-grid">${t.rfmGrid}</h2>
      <p class="muted">${t.rfmHint}</p>
      <div class="scroll">
        <table class="heat">
          <thead>
            <tr>
              <th scope="col">${t.recency} \\ ${t.frequency}</th>
              ${[1, 2, 3, 4, 5].map((fq) => html`<th scope="col">F${fq}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${[5, 4, 3, 2, 1].map(
              (r) =>
                html`<tr>
                  <th scope="row">R${r}</th>
                  ${[1, 2, 3, 4, 5].map((fq) => {
                    const key = `${r}-${fq}`;
                    const n = now.rfmGrid[key] ?? 0;
                    return html`<td class="l${level(n, max)}">${f.number(n)}${delta(key)}</td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #valueRisk(now: ScoringDistributionView): TemplateResult {
    const t = this.t;
    const l = scoreLabels[this.ctx.locale];
    const f = this.ctx.format;
    const buckets = [...CHURN_BUCKETS].reverse();
    const max = Math.max(0, ...Object.values(now.valueRisk).map((c) => c?.clvCents ?? 0));
    return html`<section class="card" aria-labelledby="value-risk">
      <h2 id="value-risk">${t.valueRisk}</h2>
      <p class="muted">${t.valueRiskHint}</p>
      <div class="scroll">
        <table class="heat">
          <thead>
            <tr>
              <th scope="col">${t.tier} \\ ${t.risk}</th>
              ${buckets.map((b) => html`<th scope="col">${l.churn[b]}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${VALUE_TIERS.map(
              (tier) =>
                html`<tr>
                  <th scope="row">${tier}</th>
                  ${buckets.map((b) => {
                    const cell = now.valueRisk[`${tier}-${b}`];
                    const first = tier === 'A' && (b === 'critical' || b === 'high');
                    return html`<td class="l${level(cell?.clvCents ?? 0, max)} ${first ? 'first' : ''}">
                      ${
                        cell
                          ? html`<a
                                href="${siteUrl(this.siteId, 'scoring')}?tier=${tier}&churn=${b}#list-heading"
                                >${f.number(cell.count)}</a
                              ><br /><span>${f.money(cell.clvCents)}</span>`
                          : '0'
                      }
                    </td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #segmentTable(now: ScoringDistributionView, before: ScoringDistributionView | null): TemplateResult {
    const t = this.t;
    const l = scoreLabels[this.ctx.locale];
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="segment-table">
      <h2 id="segment-table">${t.segments}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.segment}</th>
            <th scope="col" class="num">${t.customers}</th>
            <th scope="col" class="num">${t.revenue}</th>
            <th scope="col" class="num">${t.change}</th>
          </tr>
        </thead>
        <tbody>
          ${RFM_SEGMENTS.map((s) => {
            const cell = now.segments[s];
            const change = before ? (cell?.count ?? 0) - (before.segments[s]?.count ?? 0) : 0;
            return html`<tr>
              <td><a href=${this.#listUrl('segment', s)}>${l.segments[s]}</a></td>
              <td class="num">${f.number(cell?.count ?? 0)}</td>
              <td class="num">${f.money(cell?.revenueCents ?? 0)}</td>
              <td class="num">
                ${change === 0 ? '—' : `${change > 0 ? '+' : '−'}${f.number(Math.abs(change))}`}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }

  #groups(d: ScoringDashboard): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="groups">
      <h2 id="groups">${t.groups}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.group}</th>
            <th scope="col" class="num">${t.members}</th>
          </tr>
        </thead>
        <tbody>
          ${d.groups.map(
            (g) =>
              html`<tr>
                <td><a href=${this.#listUrl('group', String(g.id))}>${g.name}</a></td>
                <td class="num">${f.number(g.members)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  #filters(): TemplateResult {
    const t = this.t;
    const l = scoreLabels[this.ctx.locale];
    const query = this.#listQuery;
    const selected = FILTERS.map((k) => (query[k] ? `${k}:${query[k]}` : '')).find(Boolean) ?? '';
    const groups = this.#dashboard.value?.groups ?? [];
    const option = (value: string, label: string) =>
      html`<option value=${value} ?selected=${value === selected}>${label}</option>`;
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const data = new FormData(event.target as HTMLFormElement);
      const params = new URLSearchParams();
      const filter = data.get('filter');
      const sort = data.get('sort');
      const [key, value] = (typeof filter === 'string' ? filter : '').split(':');
      if (key && value) params.set(key, value);
      params.set('sort', typeof sort === 'string' ? sort : 'churn');
      this.ctx.navigate(`${siteUrl(this.siteId, 'scoring')}?${params.toString()}#list-heading`);
    };
    return html`<form class="filters" @submit=${submit}>
      <label
        >${t.filter}
        <select name="filter">
          ${option('', t.all)}
          <optgroup label=${t.segments}>
            ${RFM_SEGMENTS.map((s) => option(`segment:${s}`, l.segments[s]))}
          </optgroup>
          <optgroup label=${t.tier}>${VALUE_TIERS.map((s) => option(`tier:${s}`, l.tiers[s]))}</optgroup>
          <optgroup label=${t.stages}>
            ${LIFECYCLE_STAGES.map((s) => option(`stage:${s}`, l.stages[s]))}
          </optgroup>
          <optgroup label=${t.churn}>${CHURN_BUCKETS.map((s) => option(`churn:${s}`, l.churn[s]))}</optgroup>
          ${
            groups.length
              ? html`<optgroup label=${t.groups}>
                  ${groups.map((g) => option(`group:${g.id}`, g.name))}
                </optgroup>`
              : nothing
          }
        </select>
      </label>
      <label
        >${t.sort}
        <select name="sort">
          ${SORTS.map(
            (s) =>
              html`<option value=${s} ?selected=${(query.sort ?? 'churn') === s}>
                ${s === 'churn' ? t.sortChurn : s === 'clv' ? t.sortClv : t.sortMonetary}
              </option>`,
          )}
        </select>
      </label>
      <button type="submit">${t.apply}</button>
    </form>`;
  }

  #listView(page: { customers: ScoredCustomer[]; nextCursor: string | null }): TemplateResult {
    const t = this.t;
    const l = scoreLabels[this.ctx.locale];
    const f = this.ctx.format;
    const query = this.#listQuery;
    const withoutCursor = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'cursor'));
    const csv = `${CONSOLE_PATH}/api${this.#api}/customers?${new URLSearchParams({ ...withoutCursor, format: 'csv' }).toString()}`;
    const here = (extra: Record<string, string>) =>
      `${siteUrl(this.siteId, 'scoring')}?${new URLSearchParams({ ...withoutCursor, ...extra }).toString()}#list-heading`;
    return html`${
        page.customers.length === 0
          ? html`<p class="muted">${t.noCustomers}</p>`
          : html`<div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.name}</th>
                    <th scope="col">${t.segment}</th>
                    <th scope="col">${t.tier}</th>
                    <th scope="col">${t.stage}</th>
                    <th scope="col">${t.group}</th>
                    <th scope="col" class="num">${t.risk}</th>
                    <th scope="col" class="num">${t.clv}</th>
                    <th scope="col" class="num">${t.orders}</th>
                    <th scope="col" class="num">${t.revenue}</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.customers.map(
                    (c) =>
                      html`<tr>
                        <td>
                          <a href=${siteUrl(this.siteId, 'customers', c.customerId)}
                            >${c.name ?? c.email ?? c.externalId ?? t.anonymous}</a
                          >
                        </td>
                        <td>${c.segment ? l.segments[c.segment] : '—'} <code>${c.rfmCode ?? ''}</code></td>
                        <td>${c.tier ?? '—'}</td>
                        <td>${l.stages[c.stage]}</td>
                        <td>${c.groupName ?? '—'}</td>
                        <td class="num">
                          ${c.churnRisk === null ? '—' : `${f.number(Math.round(c.churnRisk * 100))} %`}
                        </td>
                        <td class="num">${c.clv12mCents === null ? '—' : f.money(c.clv12mCents)}</td>
                        <td class="num">${f.number(c.orders)}</td>
                        <td class="num">${f.money(c.revenueCents)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <p class="toolbar">
        ${query.cursor ? html`<a class="button secondary" href=${here({})}>${t.firstPage}</a>` : nothing}
        ${page.nextCursor ? html`<a class="button secondary" href=${here({ cursor: page.nextCursor })}>${t.next}</a>` : nothing}
        <a class="button secondary" href=${csv} download>${t.exportCsv}</a>
      </p>`;
  }

  #rulesView(rules: { association: RuleView[]; sequence: RuleView[] }): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const table = (id: string, title: string, then: string, rows: RuleView[]) =>
      html`<section class="card" aria-labelledby=${id}>
        <h3 id=${id}>${title}</h3>
        ${
          rows.length === 0
            ? html`<p class="muted">${t.noRules}</p>`
            : html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.ifBought}</th>
                      <th scope="col">${then}</th>
                      <th scope="col" class="num">${t.support}</th>
                      <th scope="col" class="num">${t.confidence}</th>
                      <th scope="col" class="num">${t.lift}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.map(
                      (r) =>
                        html`<tr>
                          <td><code>${r.antecedent.join(' + ')}</code></td>
                          <td><code>${r.consequent.join(' + ')}</code></td>
                          <td class="num">${f.number(r.supportCount)}</td>
                          <td class="num">${f.number(Math.round(r.confidence * 100))} %</td>
                          <td class="num">${r.lift.toFixed(2)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>`;
    return html`<section aria-labelledby="rules">
      <h2 id="rules">${t.rules}</h2>
      <div class="grid charts">
        ${table('rules-association', t.association, t.thenBuys, rules.association)}
        ${table('rules-sequence', t.sequence, t.laterBuys, rules.sequence)}
      </div>
    </section>`;
  }
}

definePage('crm-console-scoring', CrmConsoleScoring);
