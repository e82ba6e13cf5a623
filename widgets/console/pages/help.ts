import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { HELP_LOCALES, HELP_STATUSES } from '../../../worker/contract/constants.ts';
import type {
  HelpConsoleArticle,
  HelpConsoleCategory,
  HelpExport,
  HelpReport,
} from '../../../worker/contract/help.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { chart, chartStyles, reportStyles } from '../ui/chart.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type HelpMessages } from './help.messages.ts';

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/**
 * The help center of a site: its articles (filter by language and status, new, import and
 * export as JSON), its categories, and the report (searches, helpfulness, deflection).
 */
export class CrmConsoleHelp extends ConsolePage<HelpMessages> {
  static override styles = [
    ...ConsolePage.styles,
    chartStyles,
    reportStyles,
    css`
      .tabs,
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: end;
        margin-block-end: var(--_crm-space);
      }
      .tabs a[aria-current='page'] {
        background: var(--_crm-color-accent);
        color: var(--_crm-color-surface);
      }
      .category-form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: 8px;
        align-items: end;
      }
      /* Report tables sit in narrow cards: headers wrap rather than overflow. */
      table.compact th {
        white-space: normal;
      }
      input[type='file'] {
        max-width: 16rem;
      }
    `,
  ];
  protected readonly messages = messages;

  #notice = '';
  #error: unknown = undefined;

  get #tab(): 'articles' | 'report' {
    return this.ctx.query.get('tab') === 'report' ? 'report' : 'articles';
  }

  get #days(): 7 | 30 | 90 {
    const days = Number(this.ctx.query.get('days'));
    return days === 7 || days === 90 ? days : 30;
  }

  get #base(): string {
    return `/sites/${encodeURIComponent(this.siteId)}/help`;
  }

  readonly #articles = new Task(this, {
    task: ([api, base, tab, locale, status], { signal }) =>
      tab === 'articles'
        ? api.get<{ articles: HelpConsoleArticle[] }>(`${base}/articles`, signal, { locale, status })
        : Promise.resolve({ articles: [] }),
    args: () =>
      [
        this.ctx.api,
        this.#base,
        this.#tab,
        this.ctx.query.get('locale') ?? '',
        this.ctx.query.get('status') ?? '',
      ] as const,
  });

  readonly #categories = new Task(this, {
    task: ([api, base], { signal }) =>
      api.get<{ categories: HelpConsoleCategory[] }>(`${base}/categories`, signal),
    args: () => [this.ctx.api, this.#base] as const,
  });

  readonly #report = new Task(this, {
    task: ([api, base, tab, days], { signal }) =>
      tab === 'report' ? api.get<HelpReport>(`${base}/report`, signal, { days }) : Promise.resolve(undefined),
    args: () => [this.ctx.api, this.#base, this.#tab, this.#days] as const,
  });

  #filter(name: string, value: string): void {
    const query = new URLSearchParams(this.ctx.query);
    if (value) query.set(name, value);
    else query.delete(name);
    this.ctx.navigate(`${siteUrl(this.siteId, 'help')}?${query.toString()}`, { replace: true });
  }

  async #export(): Promise<void> {
    try {
      const data = await this.ctx.api.get<HelpExport>(`${this.#base}/export`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      link.download = 'help-center.json';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      this.#error = error;
      this.requestUpdate();
    }
  }

  async #import(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.#error = undefined;
    try {
      const data: unknown = JSON.parse(await file.text());
      const result = await this.ctx.api.post<{ created: number; updated: number }>(
        `${this.#base}/import`,
        data,
      );
      this.#notice = this.t.imported(result.created, result.updated);
      void this.#articles.run();
      void this.#categories.run();
    } catch (error) {
      this.#error = error instanceof SyntaxError ? new Error('invalid_json') : error;
    }
    input.value = '';
    this.requestUpdate();
  }

  async #saveCategory(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const names = Object.fromEntries(
      HELP_LOCALES.flatMap((l) => (text(`name-${l}`) ? [[l, text(`name-${l}`)]] : [])),
    );
    this.#error = undefined;
    try {
      await this.ctx.api.post(`${this.#base}/categories`, {
        slug: text('slug'),
        names,
        position: Number(text('position') || 0),
      });
      form.reset();
      void this.#categories.run();
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
  }

  async #deleteCategory(id: string): Promise<void> {
    try {
      await this.ctx.api.delete(`${this.#base}/categories/${encodeURIComponent(id)}`);
      void this.#categories.run();
    } catch (error) {
      this.#error = error;
      this.requestUpdate();
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const tab = this.#tab;
    return html`<h1>${t.heading}</h1>
      <nav class="tabs" aria-label=${t.heading}>
        <a
          class="button secondary"
          href=${siteUrl(this.siteId, 'help')}
          aria-current=${tab === 'articles' ? 'page' : nothing}
          >${t.articlesTab}</a
        >
        <a
          class="button secondary"
          href="${siteUrl(this.siteId, 'help')}?tab=report"
          aria-current=${tab === 'report' ? 'page' : nothing}
          >${t.reportTab}</a
        >
      </nav>
      ${alertFor(this.#error, this.ctx.locale)}
      ${this.#notice ? html`<p role="status" class="success">${this.#notice}</p>` : nothing}
      ${tab === 'report' ? this.#reportView(t) : this.#articlesView(t)}`;
  }

  #articlesView(t: HelpMessages): TemplateResult {
    const locale = this.ctx.query.get('locale') ?? '';
    const status = this.ctx.query.get('status') ?? '';
    const categories = this.#categories.value?.categories ?? [];
    const nameOf = (id: string | null) => {
      const category = categories.find((c) => c.id === id);
      return category
        ? (category.names[this.ctx.locale] ?? category.names.en ?? category.slug)
        : t.noCategory;
    };
    return html`<div class="toolbar">
        <a class="button" href=${siteUrl(this.siteId, 'help', 'new')}>${t.newArticle}</a>
        <label
          >${t.language}
          <select
            @change=${(e: Event) => {
              this.#filter('locale', (e.target as HTMLSelectElement).value);
            }}
          >
            <option value="" ?selected=${!locale}>${t.all}</option>
            ${HELP_LOCALES.map((l) => html`<option value=${l} ?selected=${l === locale}>${t.locales[l]}</option>`)}
          </select></label
        >
        <label
          >${t.status}
          <select
            @change=${(e: Event) => {
              this.#filter('status', (e.target as HTMLSelectElement).value);
            }}
          >
            <option value="" ?selected=${!status}>${t.all}</option>
            ${HELP_STATUSES.map((s) => html`<option value=${s} ?selected=${s === status}>${t.statuses[s]}</option>`)}
          </select></label
        >
        <button type="button" class="secondary" @click=${() => void this.#export()}>${t.export}</button>
        <label
          >${t.import}
          <input type="file" accept="application/json,.json" @change=${(e: Event) => void this.#import(e)}
        /></label>
      </div>
      <section class="card" aria-label=${t.articlesTab}>
        ${renderTask(this.#articles, this.ctx.locale, ({ articles }) =>
          articles.length === 0
            ? html`<p class="muted">${t.none}</p>`
            : html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.title}</th>
                      <th scope="col">${t.language}</th>
                      <th scope="col">${t.category}</th>
                      <th scope="col">${t.status}</th>
                      <th scope="col" class="num">${t.views}</th>
                      <th scope="col" class="num">${t.helpful}</th>
                      <th scope="col">${t.updated}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${articles.map(
                      (a) =>
                        html`<tr>
                          <td>
                            <a href=${siteUrl(this.siteId, 'help', String(a.id))} lang=${a.locale}
                              >${a.title}</a
                            >
                          </td>
                          <td class="nowrap">${t.locales[a.locale]}</td>
                          <td>${nameOf(a.categoryId)}</td>
                          <td>${t.statuses[a.status]}</td>
                          <td class="num">${this.ctx.format.number(a.views)}</td>
                          <td class="num">${a.helpfulYes} / ${a.helpfulNo}</td>
                          <td class="nowrap">${this.ctx.format.date(a.updatedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`,
        )}
      </section>
      ${this.#categoriesView(t, categories)}`;
  }

  #categoriesView(t: HelpMessages, categories: HelpConsoleCategory[]): TemplateResult {
    return html`<section class="card" aria-labelledby="categories-heading">
      <h2 id="categories-heading">${t.categories}</h2>
      ${
        categories.length === 0
          ? html`<p class="muted">${t.none}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col" class="num">${t.position}</th>
                  <th scope="col">Slug</th>
                  ${HELP_LOCALES.map((l) => html`<th scope="col">${t.locales[l]}</th>`)}
                  <th scope="col"><span class="sr-only">${t.delete}</span></th>
                </tr>
              </thead>
              <tbody>
                ${categories.map(
                  (c) =>
                    html`<tr>
                      <td class="num">${c.position}</td>
                      <td><code>${c.slug}</code></td>
                      ${HELP_LOCALES.map((l) => html`<td lang=${l}>${c.names[l] ?? ''}</td>`)}
                      <td>
                        <button
                          type="button"
                          class="secondary"
                          aria-label="${t.delete} ${c.slug}"
                          @click=${() => void this.#deleteCategory(c.id)}
                        >
                          ${t.delete}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <form class="category-form" @submit=${(e: SubmitEvent) => void this.#saveCategory(e)}>
        <label>Slug <input name="slug" required pattern="[a-z0-9][a-z0-9\\-]*" maxlength="100" /></label>
        ${HELP_LOCALES.map((l) => html`<label>${t.name(t.locales[l])} <input name="name-${l}" maxlength="100" /></label>`)}
        <label>${t.position} <input name="position" type="number" min="0" max="10000" value="0" /></label>
        <button type="submit">${t.addCategory}</button>
      </form>
    </section>`;
  }

  #reportView(t: HelpMessages): TemplateResult {
    return html`<div class="tabs" role="group" aria-label=${t.period}>
        ${([7, 30, 90] as const).map(
          (days) =>
            html`<a
              class="button secondary"
              href="${siteUrl(this.siteId, 'help')}?tab=report&days=${days}"
              aria-current=${days === this.#days ? 'page' : nothing}
              >${t.days(days)}</a
            >`,
        )}
      </div>
      ${renderTask(this.#report, this.ctx.locale, (report) => (report ? this.#report_(t, report) : nothing))}`;
  }

  #report_(t: HelpMessages, r: HelpReport): TemplateResult {
    const f = this.ctx.format;
    const categories = this.#categories.value?.categories ?? [];
    const categoryName = (slug: string) => {
      if (!slug) return t.searchOnly;
      const category = categories.find((c) => c.slug === slug);
      return category?.names[this.ctx.locale] ?? category?.names.en ?? slug;
    };
    const total = r.deflection.total;
    return html`<ul class="totals">
        <li class="card">
          <span class="muted">${t.deflection}</span
          ><span class="total">${percent(total.deflected, total.sessions)}</span>
        </li>
        <li class="card">
          <span class="muted">${t.sessions}</span><span class="total">${f.number(total.sessions)}</span>
        </li>
        <li class="card">
          <span class="muted">${t.deflected}</span><span class="total">${f.number(total.deflected)}</span>
        </li>
      </ul>
      <p class="muted">${t.deflectionHint} ${t.source()}</p>
      <div class="grid">
        <section class="card" aria-label=${t.deflectionByDay}>
          ${chart({
            id: 'deflection',
            title: t.deflectionByDay,
            labels: r.deflection.byDay.map((d) => f.day(d.key)),
            kind: 'line',
            series: [
              { label: t.sessions, values: r.deflection.byDay.map((d) => d.sessions) },
              { label: t.deflected, values: r.deflection.byDay.map((d) => d.deflected) },
            ],
            format: (v) => f.number(v),
            tableLabel: t.showNumbers,
            labelHeader: t.day,
          })}
        </section>
        <section class="card" aria-label=${t.deflectionByCategory}>
          ${chart({
            id: 'by-category-chart',
            title: t.deflectionByCategory,
            labels: r.deflection.byCategory.map((c) => categoryName(c.key)),
            kind: 'bar',
            series: [
              { label: t.sessions, values: r.deflection.byCategory.map((c) => c.sessions) },
              { label: t.deflected, values: r.deflection.byCategory.map((c) => c.deflected) },
            ],
            format: (v) => f.number(v),
            tableLabel: t.showNumbers,
            labelHeader: t.category,
          })}
          ${this.#table(
            [t.category, t.sessions, t.deflection],
            r.deflection.byCategory.map((c) => [
              categoryName(c.key),
              f.number(c.sessions),
              percent(c.deflected, c.sessions),
            ]),
          )}
        </section>
        <section class="card" aria-labelledby="top-searches">
          <h2 id="top-searches">${t.topSearches}</h2>
          ${this.#table(
            [t.query, t.searches, t.noResult],
            r.topSearches.map((s) => [s.query, f.number(s.searches), f.number(s.noResult)]),
          )}
        </section>
        <section class="card" aria-labelledby="no-result">
          <h2 id="no-result">${t.noResultSearches}</h2>
          ${this.#table(
            [t.query, t.searches],
            r.noResultSearches.map((s) => [s.query, f.number(s.searches)]),
          )}
        </section>
        <section class="card" aria-labelledby="most-helpful">
          <h2 id="most-helpful">${t.mostHelpful}</h2>
          ${this.#table(
            [t.article, t.yesNo],
            r.mostHelpful.map((a) => [a.title, `${a.yes} / ${a.no}`]),
          )}
        </section>
        <section class="card" aria-labelledby="least-helpful">
          <h2 id="least-helpful">${t.leastHelpful}</h2>
          ${this.#table(
            [t.article, t.yesNo],
            r.leastHelpful.map((a) => [a.title, `${a.yes} / ${a.no}`]),
          )}
        </section>
      </div>`;
  }

  #table(headers: string[], rows: string[][]): TemplateResult {
    if (rows.length === 0) return html`<p class="muted">${this.t.none}</p>`;
    return html`<table class="compact">
      <thead>
        <tr>
          ${headers.map((h, i) => html`<th scope="col" class=${i > 0 ? 'num' : ''}>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell, i) => html`<td class=${i > 0 ? 'num' : ''}>${cell}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

definePage('crm-console-help', CrmConsoleHelp);
