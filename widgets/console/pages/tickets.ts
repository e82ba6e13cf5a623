import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../worker/contract/constants.ts';
import type { QueuePage, QueueRow, ServiceSiteView } from '../../../worker/contract/tickets.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { formText } from '../ui/form.ts';
import { renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type TicketsMessages } from './tickets.messages.ts';

/** Filters the queue keeps in the URL. */
const FILTERS = [
  'status',
  'serviceSiteId',
  'category',
  'priority',
  'breached',
  'assignee',
  'olderThanHours',
] as const;
const AGES = [4, 24, 72, 168] as const;
/** The default view: what still needs work. */
const ACTIVE = 'open,pending';

/** Members who may be assigned, as `GET …/service-staff` lists them. */
export interface ServiceMember {
  id: string;
  name: string;
  email: string;
  role: string;
  serviceSiteIds: string[];
}

/**
 * The service queue: tickets most urgent first and oldest first within a priority, filtered
 * by status, service site, category, priority, SLA breach, assignee and age (all in the URL),
 * with the count per status. A service member limited to some sites sees only theirs.
 */
export class CrmConsoleTickets extends ConsolePage<TicketsMessages> {
  static override styles = [
    ...ConsolePage.styles,
    css`
      form .field {
        margin: 0;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin: 0 0 var(--_crm-space);
        padding: 0;
        list-style: none;
      }
      .counts a[aria-current='true'] {
        background: var(--_crm-color-accent);
        color: var(--_crm-color-surface);
      }
      td a {
        font-weight: 600;
      }
      .prio-urgent,
      .breach {
        color: var(--_crm-color-danger);
      }
      nav.paging {
        display: flex;
        gap: 8px;
        margin-block-start: var(--_crm-space);
      }
    `,
  ];
  protected readonly messages = messages;

  readonly #options = new Task(this, {
    task: async ([api, siteId], { signal }) => {
      const base = `/sites/${encodeURIComponent(siteId)}`;
      const [sites, members] = await Promise.all([
        api.get<{ serviceSites: ServiceSiteView[] }>(`${base}/service-sites`, signal),
        api.get<{ staff: ServiceMember[] }>(`${base}/service-staff`, signal),
      ]);
      return { sites: sites.serviceSites, members: members.staff };
    },
    args: () => [this.ctx.api, this.siteId] as const,
  });

  readonly #queue = new Task(this, {
    task: ([api, siteId, search], { signal }) => {
      const q = new URLSearchParams(search);
      const status = q.get('status') ?? ACTIVE;
      return api.get<QueuePage>(`/sites/${encodeURIComponent(siteId)}/tickets`, signal, {
        ...Object.fromEntries(FILTERS.map((key) => [key, q.get(key) ?? undefined])),
        status: status === 'all' ? undefined : status,
        limit: 50,
        cursor: q.get('cursor') ?? undefined,
      });
    },
    args: () => [this.ctx.api, this.siteId, this.ctx.query.toString()] as const,
  });

  #url(changes: Record<string, string | null>): string {
    const query = new URLSearchParams(this.ctx.query);
    if (!('cursor' in changes)) query.delete('cursor');
    for (const [key, value] of Object.entries(changes)) {
      if (value) query.set(key, value);
      else query.delete(key);
    }
    const search = query.toString();
    return `${siteUrl(this.siteId, 'tickets')}${search ? `?${search}` : ''}`;
  }

  #submit(event: SubmitEvent): void {
    const field = formText(event);
    this.ctx.navigate(this.#url(Object.fromEntries(FILTERS.map((key) => [key, field(key) || null]))));
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.queue}</h1>
      ${this.#filters(t)}
      <div class="card">${renderTask(this.#queue, this.ctx.locale, (page) => this.#table(page))}</div>`;
  }

  #filters(t: TicketsMessages): TemplateResult {
    const q = this.ctx.query;
    const options = this.#options.value;
    const categories = [...new Set(options?.sites.flatMap((s) => s.categories) ?? [])].sort();
    const me = this.ctx.me?.member.id ?? '';
    const select = (name: string, label: string, choices: [string, string][], any = true) =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <select id=${name} name=${name}>
          ${any ? html`<option value="">${t.any}</option>` : nothing}
          ${choices.map(([value, text]) => html`<option value=${value} ?selected=${(q.get(name) ?? '') === value}>${text}</option>`)}
        </select>
      </div>`;
    return html`<form
      class="card row"
      aria-label=${t.filters}
      @submit=${(e: SubmitEvent) => {
        this.#submit(e);
      }}
    >
      <div class="field">
        <label for="status">${t.status}</label>
        <select id="status" name="status">
          <option value="" ?selected=${!q.get('status')}>${t.activeOnly}</option>
          <option value="all" ?selected=${q.get('status') === 'all'}>${t.any}</option>
          ${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${q.get('status') === s}>${t.statuses[s]}</option>`)}
        </select>
      </div>
      ${select(
        'serviceSiteId',
        t.serviceSite,
        (options?.sites ?? []).map((s) => [s.id, s.name]),
      )}
      ${select(
        'category',
        t.category,
        categories.map((c) => [c, c]),
      )}
      ${select(
        'priority',
        t.priority,
        TICKET_PRIORITIES.map((p) => [p, t.priorities[p]]),
      )}
      ${select('breached', t.breached, [['yes', t.breachedBadge]])}
      ${select('assignee', t.assignee, [
        ['none', t.unassigned],
        ...(me ? [[me, t.mine] as [string, string]] : []),
        ...(options?.members ?? []).filter((m) => m.id !== me).map((m): [string, string] => [m.id, m.name]),
      ])}
      ${select(
        'olderThanHours',
        t.age,
        AGES.map((h) => [String(h), t.olderThan(h)]),
      )}
      <button type="submit">${t.apply}</button>
      <a class="button secondary" href=${siteUrl(this.siteId, 'tickets')}>${t.reset}</a>
    </form>`;
  }

  #table(page: QueuePage): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const status = this.ctx.query.get('status');
    return html`<ul class="counts" aria-label=${t.counts}>
        ${TICKET_STATUSES.map(
          (s) =>
            html`<li>
              <a
                class="button secondary"
                aria-current=${status === s ? 'true' : 'false'}
                href=${this.#url({ status: s })}
              >
                ${t.statuses[s]}: ${f.number(page.counts[s])}${page.counts[s] >= page.countCap ? '+' : ''}
              </a>
            </li>`,
        )}
      </ul>
      ${
        page.tickets.length === 0
          ? html`<p role="status">${t.none}</p>`
          : html`<p class="muted" role="status">
                ${t.results(page.tickets.length, page.nextCursor !== null)}
              </p>
              <div class="scroll" tabindex="0">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.priority}</th>
                      <th scope="col">${t.subject}</th>
                      <th scope="col">${t.customer}</th>
                      <th scope="col">${t.category}</th>
                      <th scope="col">${t.serviceSite}</th>
                      <th scope="col">${t.status}</th>
                      <th scope="col">${t.assignee}</th>
                      <th scope="col">${t.opened}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${page.tickets.map((row) => this.#row(row))}
                  </tbody>
                </table>
              </div>`
      }
      <nav class="paging" aria-label=${t.paging}>
        ${this.ctx.query.has('cursor') ? html`<a class="button secondary" href=${this.#url({ cursor: null })}>${t.first}</a>` : nothing}
        ${page.nextCursor ? html`<a class="button secondary" href=${this.#url({ cursor: page.nextCursor })}>${t.next}</a>` : nothing}
      </nav>`;
  }

  #row(row: QueueRow): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<tr>
      <td class="prio-${row.priority}">${t.priorities[row.priority]}</td>
      <td>
        <a href=${siteUrl(this.siteId, 'tickets', row.id)}>${row.subject}</a>
        <div class="muted">${row.reference}</div>
        ${row.breached ? html`<span class="badge breach">${t.breachedBadge}</span>` : nothing}
      </td>
      <td>${row.customerName ?? '—'}</td>
      <td>${row.category}</td>
      <td>${row.serviceSiteName ?? '—'}</td>
      <td>${t.statuses[row.status]}</td>
      <td>${row.assigneeName ?? t.unassigned}</td>
      <td class="nowrap">${f.dateTime(row.createdAt)}</td>
    </tr>`;
  }
}

definePage('crm-console-tickets', CrmConsoleTickets);
