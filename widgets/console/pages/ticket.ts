import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../worker/contract/constants.ts';
import type { Customer360 } from '../../../worker/contract/console.ts';
import type { ServiceSiteView, StaffTicket } from '../../../worker/contract/tickets.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { formText } from '../ui/form.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type TicketsMessages } from './tickets.messages.ts';
import type { ServiceMember } from './tickets.ts';

/** Page views of the 360 shown beside a ticket: those before it was opened. */
const PAGES_SHOWN = 15;

/**
 * One ticket beside its customer's 360: the thread with internal notes, files, SLA, history;
 * reply (canned replies at hand) or note, assign, reassign to another service site, status,
 * priority and tags. Beside it: who the customer is, what they bought and when, earlier
 * tickets and who handled them, and the pages they viewed before opening this one.
 */
export class CrmConsoleTicket extends ConsolePage<TicketsMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _error: { state: true },
    _saved: { state: true },
    _busy: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr);
        gap: var(--_crm-space);
        align-items: start;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      ol,
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .message {
        border: 1px solid var(--_crm-color-border);
        border-radius: calc(var(--_crm-radius) / 2);
        padding: 8px 12px;
        margin-block-end: 8px;
      }
      .message.staff {
        border-inline-start: 4px solid var(--_crm-color-accent);
      }
      .message.note {
        background: var(--_crm-color-canvas);
        border-style: dashed;
      }
      .who {
        font-size: 0.8125rem;
        color: var(--_crm-color-muted);
        margin: 0 0 4px;
      }
      .text {
        white-space: pre-wrap;
        margin: 0;
      }
      .check {
        display: flex;
        gap: 8px;
        align-items: center;
        font-weight: normal;
      }
      .check input {
        width: auto;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 8px;
      }
      .side li {
        margin-block-end: 6px;
      }
      .breach {
        color: var(--_crm-color-danger);
      }
    `,
  ];
  protected readonly messages = messages;
  declare _error: unknown;
  declare _saved: boolean;
  declare _busy: boolean;

  get #base(): string {
    return `/sites/${encodeURIComponent(this.siteId)}`;
  }

  readonly #ticket = new Task(this, {
    task: ([api, siteId, id], { signal }) =>
      api.get<StaffTicket>(`/sites/${encodeURIComponent(siteId)}/tickets/${encodeURIComponent(id)}`, signal),
    args: () => [this.ctx.api, this.siteId, this.ctx.params.id ?? ''] as const,
  });

  readonly #customer = new Task(this, {
    task: ([api, siteId, customerId], { signal }) =>
      customerId
        ? api.get<Customer360>(
            `/sites/${encodeURIComponent(siteId)}/customers/${encodeURIComponent(customerId)}`,
            signal,
          )
        : Promise.resolve(undefined),
    args: () => [this.ctx.api, this.siteId, this.#ticket.value?.customerId] as const,
  });

  readonly #options = new Task(this, {
    task: async ([api, siteId], { signal }) => {
      const base = `/sites/${encodeURIComponent(siteId)}`;
      const [sites, members, canned] = await Promise.all([
        api.get<{ serviceSites: ServiceSiteView[] }>(`${base}/service-sites`, signal),
        api.get<{ staff: ServiceMember[] }>(`${base}/service-staff`, signal),
        api.get<{ cannedReplies: { id: string; title: string; body: string }[] }>(
          `${base}/canned-replies`,
          signal,
        ),
      ]);
      return { sites: sites.serviceSites, members: members.staff, canned: canned.cannedReplies };
    },
    args: () => [this.ctx.api, this.siteId] as const,
  });

  constructor() {
    super();
    this._error = undefined;
    this._saved = false;
    this._busy = false;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`${renderTask(this.#ticket, this.ctx.locale, (ticket) => this.#page(ticket, t))}`;
  }

  #page(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    return html`<p><a href=${siteUrl(this.siteId, 'tickets')}>← ${t.back}</a></p>
      <h1>${t.ticket(ticket.reference)}: ${ticket.subject}</h1>
      ${alertFor(this._error, this.ctx.locale)}
      <div class="layout">
        <div>
          ${this.#details(ticket, t)} ${this.#thread(ticket, t)} ${this.#replyForm(ticket, t)}
          ${this.#manage(ticket, t)}
        </div>
        <aside class="side" aria-label=${t.profile}>${this.#side(ticket, t)}</aside>
      </div>`;
  }

  #details(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    const km = ticket.distanceM === null ? null : (ticket.distanceM / 1000).toFixed(1);
    const sla = (due: number, done: number | null, breached: boolean) =>
      html`${t.dueAt(f.dateTime(due))}${done !== null ? html` · ${breached ? html`<span class="breach">${t.missed}</span>` : t.met}` : due < Date.now() ? html` · <span class="breach">${t.missed}</span>` : nothing}`;
    return html`<section class="card" aria-labelledby="details">
      <h2 id="details">${t.details}</h2>
      <dl>
        <dt>${t.status}</dt>
        <dd>${t.statuses[ticket.status]} · ${t.priorities[ticket.priority]}</dd>
        <dt>${t.category}</dt>
        <dd>${ticket.category}</dd>
        <dt>${t.serviceSite}</dt>
        <dd>
          ${ticket.serviceSite ? t.routedTo(ticket.serviceSite.name, km, t.reasons[ticket.routingReason]) : t.notRouted}
        </dd>
        ${
          ticket.order
            ? html`<dt>${t.order}</dt>
                <dd>${ticket.order.reference ?? ticket.order.id}</dd>`
            : nothing
        }
        ${
          ticket.contactEmail
            ? html`<dt>${t.contact}</dt>
                <dd>${ticket.contactName ? `${ticket.contactName} · ` : ''}${ticket.contactEmail}</dd>`
            : nothing
        }
        <dt>${t.opened}</dt>
        <dd>${f.dateTime(ticket.createdAt)}</dd>
        <dt>${t.slaFirst}</dt>
        <dd>${sla(ticket.firstResponseDueAt, ticket.firstResponseAt, ticket.firstResponseBreached)}</dd>
        <dt>${t.slaResolution}</dt>
        <dd>${sla(ticket.resolutionDueAt, ticket.resolvedAt, ticket.resolutionBreached)}</dd>
        ${
          ticket.tags.length
            ? html`<dt>${t.tags}</dt>
                <dd>${ticket.tags.join(', ')}</dd>`
            : nothing
        }
        ${
          ticket.rating
            ? html`<dt>${t.ratings}</dt>
                <dd>
                  ${t.rating(ticket.rating.stars)}${ticket.rating.comment ? ` · ${ticket.rating.comment}` : ''}
                </dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  #thread(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="thread">
      <h2 id="thread">${t.thread}</h2>
      <ol>
        <li class="message customer">
          <p class="who">${t.fromCustomer} · ${f.dateTime(ticket.createdAt)}</p>
          <p class="text">${ticket.body}</p>
        </li>
        ${ticket.messages.map(
          (m) =>
            html`<li class="message ${m.kind}">
              <p class="who">
                ${m.kind === 'customer' ? t.fromCustomer : (m.author ?? '—')}${m.kind === 'note' ? ` · ${t.note}` : ''}
                · ${f.dateTime(m.createdAt)}
              </p>
              <p class="text">${m.body}</p>
            </li>`,
        )}
      </ol>
      <h2 id="files">${t.files}</h2>
      ${
        ticket.attachments.length
          ? html`<ul aria-labelledby="files">
              ${ticket.attachments.map(
                (a) =>
                  html`<li>
                    <a href=${a.url} target="_blank" rel="noopener noreferrer">${a.fileName}</a>
                    <span class="muted">${this.ctx.format.number(Math.ceil(a.size / 1024))} KB</span>
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t.noFiles}</p>`
      }
      <form class="row" @submit=${(e: SubmitEvent) => void this.#attach(e, ticket)}>
        <div class="field">
          <label for="attach">${t.attachFile}</label>
          <input
            id="attach"
            name="file"
            type="file"
            required
            accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
            aria-describedby="attach-hint"
          />
          <p class="hint" id="attach-hint">${t.attachHint}</p>
        </div>
        <button type="submit" class="secondary" ?disabled=${this._busy}>${t.attach}</button>
      </form>
    </section>`;
  }

  #replyForm(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const canned = this.#options.value?.canned ?? [];
    return html`<section class="card" aria-labelledby="reply-heading">
      <h2 id="reply-heading">${t.reply}</h2>
      <form @submit=${(e: SubmitEvent) => void this.#send(e, ticket)}>
        ${
          canned.length
            ? html`<div class="field row">
                <div>
                  <label for="canned">${t.canned}</label>
                  <select id="canned">
                    ${canned.map((c) => html`<option value=${c.id}>${c.title}</option>`)}
                  </select>
                </div>
                <button type="button" class="secondary" @click=${this.#insertCanned}>${t.insert}</button>
              </div>`
            : nothing
        }
        <div class="field">
          <label for="body">${t.replyLabel}</label>
          <textarea id="body" name="body" rows="5" required maxlength="5000"></textarea>
        </div>
        <div class="field">
          <label class="check"><input type="checkbox" name="internal" value="yes" /> ${t.internal}</label>
          <p class="hint">${t.internalHint}</p>
        </div>
        <div class="actions">
          <button type="submit" name="action" value="send" ?disabled=${this._busy}>${t.send}</button>
          <button type="submit" name="action" value="resolve" class="secondary" ?disabled=${this._busy}>
            ${t.sendAndResolve}
          </button>
        </div>
      </form>
    </section>`;
  }

  readonly #insertCanned = (): void => {
    const select = this.renderRoot.querySelector<HTMLElement>('#canned') as HTMLSelectElement | null;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#body');
    const reply = this.#options.value?.canned.find((c) => c.id === select?.value);
    if (!area || !reply) return;
    area.value = area.value ? `${area.value}\n\n${reply.body}` : reply.body;
    area.focus();
  };

  async #send(event: SubmitEvent, ticket: StaffTicket): Promise<void> {
    const resolve = (event.submitter as HTMLButtonElement | null)?.value === 'resolve';
    const field = formText(event);
    const body = field('body').trim();
    if (!body) {
      this.renderRoot.querySelector<HTMLTextAreaElement>('#body')?.focus();
      return;
    }
    const form = event.target as HTMLFormElement;
    await this.#act(async () => {
      await this.ctx.api.post(`${this.#base}/tickets/${encodeURIComponent(ticket.id)}/messages`, {
        body,
        internal: field('internal') === 'yes',
        ...(resolve ? { status: 'resolved' } : {}),
      });
      form.reset();
    });
  }

  async #attach(event: SubmitEvent, ticket: StaffTicket): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = form.querySelector<HTMLInputElement>('#attach')?.files?.[0];
    if (!file) return;
    await this.#act(async () => {
      await this.ctx.api.upload(`${this.#base}/tickets/${encodeURIComponent(ticket.id)}/attachments`, file, {
        name: file.name,
      });
      form.reset();
    });
  }

  #manage(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const options = this.#options.value;
    return html`<section class="card" aria-labelledby="manage">
      <h2 id="manage">${t.manage}</h2>
      <form class="row" @submit=${(e: SubmitEvent) => void this.#save(e, ticket)}>
        <div class="field">
          <label for="status">${t.status}</label>
          <select id="status" name="status">
            ${TICKET_STATUSES.map((s) => html`<option value=${s} ?selected=${s === ticket.status}>${t.statuses[s]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="priority">${t.priority}</label>
          <select id="priority" name="priority">
            ${TICKET_PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === ticket.priority}>${t.priorities[p]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="assignee">${t.assignee}</label>
          <select id="assignee" name="assignee">
            <option value="">${t.unassigned}</option>
            ${(options?.members ?? []).map((m) => html`<option value=${m.id} ?selected=${m.id === ticket.assigneeId}>${m.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="serviceSite">${t.serviceSite}</label>
          <select id="serviceSite" name="serviceSite">
            ${ticket.serviceSite ? nothing : html`<option value="">${t.notRouted}</option>`}
            ${(options?.sites ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === ticket.serviceSite?.id}>${s.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="tags">${t.tags}</label>
          <input id="tags" name="tags" .value=${ticket.tags.join(', ')} aria-describedby="tags-hint" />
          <p class="hint" id="tags-hint">${t.tagsHint}</p>
        </div>
        <button type="submit" ?disabled=${this._busy}>${t.save}</button>
        ${this._saved ? html`<p class="success" role="status">${t.saved}</p>` : nothing}
      </form>
    </section>`;
  }

  async #save(event: SubmitEvent, ticket: StaffTicket): Promise<void> {
    const field = formText(event);
    const serviceSite = field('serviceSite');
    const assignee = field('assignee') || null;
    await this.#act(async () => {
      await this.ctx.api.patch(`${this.#base}/tickets/${encodeURIComponent(ticket.id)}`, {
        status: field('status'),
        priority: field('priority'),
        ...(assignee !== ticket.assigneeId ? { assigneeId: assignee } : {}),
        ...(serviceSite && serviceSite !== ticket.serviceSite?.id ? { serviceSiteId: serviceSite } : {}),
        tags: field('tags')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      this._saved = true;
    });
  }

  async #act(action: () => Promise<void>): Promise<void> {
    this._busy = true;
    this._error = undefined;
    this._saved = false;
    try {
      await action();
      await this.#ticket.run();
    } catch (error) {
      this._error = error;
    } finally {
      this._busy = false;
    }
  }

  #side(ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="customer-heading">
        <h2 id="customer-heading">${t.profile}</h2>
        ${renderTask(this.#customer, this.ctx.locale, (c) => (c ? this.#customerCard(c, ticket, t) : nothing))}
      </section>
      <section class="card" aria-labelledby="earlier">
        <h2 id="earlier">${t.earlier}</h2>
        ${
          ticket.earlier.length === 0
            ? html`<p class="muted">—</p>`
            : html`<ul>
                ${ticket.earlier.map(
                  (e) =>
                    html`<li>
                      <a href=${siteUrl(this.siteId, 'tickets', e.id)}>${e.subject}</a>
                      <div class="muted">
                        ${e.reference} · ${t.statuses[e.status]} · ${f.date(e.createdAt)} ·
                        ${e.handledBy ? t.handledBy(e.handledBy) : t.nobody}
                      </div>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section class="card" aria-labelledby="history">
        <h2 id="history">${t.history}</h2>
        <ol>
          ${ticket.events.map(
            (e) =>
              html`<li>
                ${t.events[e.type]}${e.staffName ? ` · ${e.staffName}` : ''}
                <span class="muted">${f.dateTime(e.at)}</span>
              </li>`,
          )}
        </ol>
      </section>`;
  }

  #customerCard(c: Customer360, ticket: StaffTicket, t: TicketsMessages): TemplateResult {
    const f = this.ctx.format;
    const pages = c.timeline.sessions
      .flatMap((s) => s.events)
      .filter((e) => e.type === 'page_view' && e.at <= ticket.createdAt)
      .sort((a, b) => b.at - a.at)
      .slice(0, PAGES_SHOWN);
    return html`<p><strong>${c.name ?? c.email ?? '—'}</strong></p>
      ${c.email ? html`<p class="muted">${c.email}</p>` : nothing}
      <p><a href=${siteUrl(this.siteId, 'customers', c.id)}>${t.openProfile}</a></p>
      <h2>${t.orders}</h2>
      ${
        c.orders.length === 0
          ? html`<p class="muted">${t.noOrders}</p>`
          : html`<ul>
              ${c.orders.slice(0, 10).map(
                (o) =>
                  html`<li>
                    ${o.reference ?? '—'} · ${f.date(o.placedAt)} · ${f.money(o.totalCents, o.currency)}
                    <div class="muted">${o.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}</div>
                  </li>`,
              )}
            </ul>`
      }
      <h2>${t.pagesBefore}</h2>
      ${
        pages.length === 0
          ? html`<p class="muted">${t.noPages}</p>`
          : html`<ol>
              ${pages.map((p) => html`<li>${p.title || p.path} <span class="muted">${f.dateTime(p.at)}</span></li>`)}
            </ol>`
      }`;
  }
}

definePage('crm-console-ticket', CrmConsoleTicket);
