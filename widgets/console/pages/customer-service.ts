import { html, nothing, type TemplateResult } from 'lit';
import type { CustomerService } from '../../../worker/contract/tickets.ts';
import { allows } from '../access.ts';
import type { ConsoleContext } from '../context.ts';
import { siteUrl } from '../routes.ts';
import { messages } from './tickets.messages.ts';

/**
 * The service card of the customer 360: tickets with who handled them (linked for members who
 * may open tickets), the latest ticket events, and ratings (of tickets and of purchases).
 */
export function serviceCard(service: CustomerService, ctx: ConsoleContext, siteId: string): TemplateResult {
  const t = messages[ctx.locale];
  const f = ctx.format;
  const role = ctx.me?.member.role;
  const linked = role !== undefined && allows(role, 'tickets');
  return html`<section class="card" aria-labelledby="service">
    <h2 id="service">${t.queue}</h2>
    ${
      service.tickets.length === 0
        ? html`<p class="muted">—</p>`
        : html`<ul>
            ${service.tickets.map(
              (ticket) =>
                html`<li>
                  ${linked ? html`<a href=${siteUrl(siteId, 'tickets', ticket.id)}>${ticket.subject}</a>` : ticket.subject}
                  <div class="muted">
                    ${ticket.reference} · ${t.statuses[ticket.status]} · ${f.date(ticket.createdAt)} ·
                    ${ticket.handledBy ? t.handledBy(ticket.handledBy) : t.nobody}
                  </div>
                </li>`,
            )}
          </ul>`
    }
    ${
      service.events.length
        ? html`<h3>${t.history}</h3>
            <ol>
              ${service.events.slice(0, 10).map(
                (e) =>
                  html`<li>
                    ${e.reference}: ${t.events[e.type]}${e.staffName ? ` · ${e.staffName}` : ''}
                    <span class="muted">${f.dateTime(e.at)}</span>
                  </li>`,
              )}
            </ol>`
        : nothing
    }
    ${
      service.ratings.length
        ? html`<h3>${t.ratings}</h3>
            <ul>
              ${service.ratings.map(
                (r) =>
                  html`<li>
                    ${'★'.repeat(r.stars)}${'☆'.repeat(5 - r.stars)} ${r.comment}
                    <span class="muted">${f.date(r.createdAt)}</span>
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </section>`;
}
