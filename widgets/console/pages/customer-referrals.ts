import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { Catalog } from '../../core/i18n.ts';
import { tokens } from '../../core/tokens.ts';
import type { ConsoleContext } from '../context.ts';
import { siteUrl } from '../routes.ts';
import { consoleStyles } from '../styles.ts';

interface Referrals {
  referredBy: { customerId: string; name: string | null } | null;
  referred: {
    customerId: string;
    name: string | null;
    attributedAt: number;
    orders: number;
    revenueCents: number;
  }[];
}

interface ReferralMessages {
  heading: string;
  referredBy: string;
  brought: (count: number) => string;
  customer: string;
  since: string;
  orders: string;
  revenue: string;
  anonymous: string;
}

const messages: Catalog<ReferralMessages> = {
  en: {
    heading: 'Referrals',
    referredBy: 'Referred by',
    brought: (count) => `Brought ${count} ${count === 1 ? 'person' : 'people'} through their link`,
    customer: 'Customer',
    since: 'Arrived',
    orders: 'Orders',
    revenue: 'Revenue',
    anonymous: 'Anonymous visitor',
  },
  'zh-CN': {
    heading: '推荐',
    referredBy: '推荐人',
    brought: (count) => `通过其链接带来 ${count} 人`,
    customer: '客户',
    since: '到访',
    orders: '订单',
    revenue: '收入',
    anonymous: '匿名访客',
  },
  'zh-TW': {
    heading: '推薦',
    referredBy: '推薦人',
    brought: (count) => `透過其連結帶來 ${count} 人`,
    customer: '客戶',
    since: '到訪',
    orders: '訂單',
    revenue: '營收',
    anonymous: '匿名訪客',
  },
};

/**
 * Who referred a customer and whom they referred, with what those bought: a section of the
 * customer 360, shown only when there is something to show.
 *
 * @tag crm-console-referrals
 */
export class CrmConsoleReferrals extends LitElement {
  static override styles = [tokens, consoleStyles];
  static override properties = { ctx: { attribute: false }, customerId: { attribute: false } };
  declare ctx: ConsoleContext;
  declare customerId: string;

  readonly #referrals = new Task(this, {
    task: ([api, siteId, customerId], { signal }) =>
      api.get<Referrals>(
        `/sites/${encodeURIComponent(siteId)}/offers/referrals/${encodeURIComponent(customerId)}`,
        signal,
      ),
    args: () => [this.ctx.api, this.ctx.params.siteId ?? '', this.customerId] as const,
  });

  protected override render(): TemplateResult | typeof nothing {
    const r = this.#referrals.value;
    if (!r || (!r.referredBy && r.referred.length === 0)) return nothing;
    const t = messages[this.ctx.locale];
    const f = this.ctx.format;
    const siteId = this.ctx.params.siteId ?? '';
    const link = (id: string, name: string | null) =>
      html`<a href=${siteUrl(siteId, 'customers', id)}>${name ?? t.anonymous}</a>`;
    return html`<section class="card" aria-labelledby="referrals">
      <h2 id="referrals">${t.heading}</h2>
      ${r.referredBy ? html`<p>${t.referredBy}: ${link(r.referredBy.customerId, r.referredBy.name)}</p>` : nothing}
      ${
        r.referred.length
          ? html`<p class="muted">${t.brought(r.referred.length)}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.customer}</th>
                    <th scope="col">${t.since}</th>
                    <th scope="col" class="num">${t.orders}</th>
                    <th scope="col" class="num">${t.revenue}</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.referred.map(
                    (p) =>
                      html`<tr>
                        <td>${link(p.customerId, p.name)}</td>
                        <td>${f.date(p.attributedAt)}</td>
                        <td class="num">${f.number(p.orders)}</td>
                        <td class="num">${f.money(p.revenueCents)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : nothing
      }
    </section>`;
  }
}

if (!customElements.get('crm-console-referrals'))
  customElements.define('crm-console-referrals', CrmConsoleReferrals);

declare global {
  interface HTMLElementTagNameMap {
    'crm-console-referrals': CrmConsoleReferrals;
  }
}
