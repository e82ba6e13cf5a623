import { Task } from '@lit/task';
import { css, html, type TemplateResult } from 'lit';
import type { CsatRow, ServiceReport } from '../../../worker/contract/tickets.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { chart, chartStyles, reportStyles } from '../ui/chart.ts';
import { renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type TicketsMessages } from './tickets.messages.ts';

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Service reports over the last 7, 30 or 90 days: tickets opened, median time to first
 * response and to resolution, SLA breaches, CSAT per service site and per category, and the
 * volume per category over time, as charts with their numbers as tables.
 */
export class CrmConsoleServiceReports extends ConsolePage<TicketsMessages> {
  static override styles = [
    ...ConsolePage.styles,
    chartStyles,
    reportStyles,
    css`
      h2 {
        font-size: 1rem;
        margin: 0 0 8px;
      }
      /* One line per category: the chart colors two series; these tell the next ones apart. */
      .line.s2 {
        stroke: var(--_crm-color-danger);
      }
      .swatch.s2 {
        background: var(--_crm-color-danger);
      }
      .line.s3 {
        stroke: var(--_crm-color-muted);
      }
      .swatch.s3 {
        background: var(--_crm-color-muted);
      }
      .line.s4 {
        stroke: var(--_crm-color-text);
      }
      .swatch.s4 {
        background: var(--_crm-color-text);
      }
    `,
  ];
  protected readonly messages = messages;

  get #days(): number {
    const days = Number(this.ctx.query.get('days'));
    return (PERIODS as readonly number[]).includes(days) ? days : 30;
  }

  readonly #report = new Task(this, {
    task: ([api, siteId, days], { signal }) =>
      api.get<ServiceReport>(`/sites/${encodeURIComponent(siteId)}/service-reports`, signal, { days }),
    args: () => [this.ctx.api, this.siteId, this.#days] as const,
  });

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.reports}</h1>
      <div class="period" role="group" aria-label=${t.period}>
        ${PERIODS.map(
          (days) =>
            html`<a
              class="button secondary"
              href="${siteUrl(this.siteId, 'service-reports')}?days=${days}"
              aria-current=${days === this.#days ? 'true' : 'false'}
              >${t.days(days)}</a
            >`,
        )}
      </div>
      ${renderTask(this.#report, this.ctx.locale, (report) => this.#body(report, t))}`;
  }

  #body(r: ServiceReport, t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    const totals: [string, string][] = [
      [t.tickets, f.number(r.tickets)],
      [t.medianFirst, r.medianFirstResponseMs === null ? '—' : t.duration(r.medianFirstResponseMs)],
      [t.medianResolution, r.medianResolutionMs === null ? '—' : t.duration(r.medianResolutionMs)],
      [t.breachesFirst, f.number(r.breaches.firstResponse)],
      [t.breachesResolution, f.number(r.breaches.resolution)],
    ];
    const days = Array.from({ length: Math.round((r.to - r.from) / DAY_MS) }, (_, i) =>
      new Date(r.from + i * DAY_MS).toISOString().slice(0, 10),
    );
    const categories = [...new Set(r.volume.map((v) => v.category))].sort();
    const count = new Map(r.volume.map((v) => [`${v.day}|${v.category}`, v.count]));
    return html`<ul class="totals">
        ${totals.map(
          ([label, value]) =>
            html`<li class="card">
              <span class="muted">${label}</span><span class="total">${value}</span>
            </li>`,
        )}
      </ul>
      <div class="grid charts">
        ${this.#csat('csat-site', t.csatBySite, r.csatBySite, t)}
        ${this.#csat('csat-category', t.csatByCategory, r.csatByCategory, t)}
      </div>
      <section class="card" aria-label=${t.volume}>
        ${
          categories.length === 0
            ? html`<h2>${t.volume}</h2>
                <p class="muted">${t.noData}</p>`
            : chart({
                id: 'volume',
                title: t.volume,
                labels: days.map((d) => f.day(d)),
                kind: 'line',
                series: categories.map((c) => ({
                  label: c,
                  values: days.map((d) => count.get(`${d}|${c}`) ?? 0),
                })),
                format: (v) => f.number(v),
                tableLabel: t.showNumbers,
                labelHeader: t.day,
              })
        }
      </section>`;
  }

  #csat(id: string, title: string, rows: CsatRow[], t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    if (rows.length === 0)
      return html`<section class="card" aria-label=${title}>
        <h2>${title}</h2>
        <p class="muted">${t.noData}</p>
      </section>`;
    return html`<section class="card" aria-label=${title}>
      ${chart({
        id,
        title,
        labels: rows.map((r) => r.label),
        kind: 'bar',
        series: [{ label: t.csat, values: rows.map((r) => Math.round(r.csat * 100)) }],
        format: (v) => `${f.number(v)} %`,
        tableLabel: t.showNumbers,
        labelHeader: id === 'csat-site' ? t.serviceSite : t.category,
      })}
      <table>
        <thead>
          <tr>
            <th scope="col">${id === 'csat-site' ? t.serviceSite : t.category}</th>
            <th scope="col" class="num">${t.csat}</th>
            <th scope="col" class="num">${t.meanStars}</th>
            <th scope="col" class="num">${t.ratings}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td>${r.label}</td>
                <td class="num">${f.number(Math.round(r.csat * 100))} %</td>
                <td class="num">${r.meanStars.toFixed(1)}</td>
                <td class="num">${f.number(r.ratings)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

definePage('crm-console-service-reports', CrmConsoleServiceReports);
