import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { StaffCustomerSummary } from '../../worker/contract/scoring.ts';
import { Formatter } from '../../worker/contract/shared/format.ts';
import { churnBucket } from '../../worker/contract/shared/scoring.ts';
import type { Catalog, Locale } from '../core/i18n.ts';
import type { CrmKit, KitError } from '../core/kit.ts';
import { scoreLabels } from '../core/score-labels.ts';
import { tokens } from '../core/tokens.ts';
import { styles } from './customer-card.styles.ts';
import { fetchStaffSummary } from './staff-api.ts';

interface StaffMessages {
  heading: string;
  loading: string;
  refused: string;
  notFound: string;
  error: string;
  retry: string;
  since: (date: string) => string;
  orders: string;
  revenue: string;
  tier: string;
  segment: string;
  stage: string;
  group: string;
  churn: string;
  clv: string;
  next: string;
  notScored: string;
}

const messages: Catalog<StaffMessages> = {
  en: {
    heading: 'Customer 360',
    loading: 'Loading the customer…',
    refused: 'The staff token was refused: it may have expired.',
    notFound: 'No customer with this id.',
    error: 'The customer could not be loaded.',
    retry: 'Try again',
    since: (date) => `Customer since ${date}`,
    orders: 'Orders',
    revenue: 'Revenue',
    tier: 'Value tier',
    segment: 'Segment',
    stage: 'Stage',
    group: 'Browsing group',
    churn: 'Churn risk',
    clv: 'Expected revenue, 12 months',
    next: 'Suggest next',
    notScored: 'Not scored yet.',
  },
  'zh-CN': {
    heading: '客户 360',
    loading: '正在加载客户…',
    refused: '员工令牌被拒绝，可能已过期。',
    notFound: '没有此编号的客户。',
    error: '无法加载该客户。',
    retry: '重试',
    since: (date) => `自 ${date} 起成为客户`,
    orders: '订单',
    revenue: '收入',
    tier: '价值等级',
    segment: '分群',
    stage: '阶段',
    group: '浏览兴趣组',
    churn: '流失风险',
    clv: '未来 12 个月预期收入',
    next: '推荐商品',
    notScored: '尚未评分。',
  },
  'zh-TW': {
    heading: '客戶 360',
    loading: '正在載入客戶…',
    refused: '員工權杖被拒絕，可能已過期。',
    notFound: '沒有此編號的客戶。',
    error: '無法載入該客戶。',
    retry: '重試',
    since: (date) => `自 ${date} 起成為客戶`,
    orders: '訂單',
    revenue: '營收',
    tier: '價值等級',
    segment: '分群',
    stage: '階段',
    group: '瀏覽興趣組',
    churn: '流失風險',
    clv: '未來 12 個月預期營收',
    next: '推薦商品',
    notScored: '尚未評分。',
  },
};

/**
 * The staff mode of `<crm-customer-card>`, its own chunk: one customer's 360 summary with
 * scores, read with the staff token the host's server signed. Nothing here runs in a
 * visitor's card.
 */
export class CrmCustomerStaffView extends LitElement {
  static override styles = [
    tokens,
    styles,
    css`
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin-block: 8px;
      }
      .badge {
        padding: 0 8px;
        border: 1px solid currentColor;
        border-radius: 999px;
        font-size: 0.8125rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2px 12px;
        margin: 8px 0;
      }
      dt {
        color: var(--_crm-color-muted);
      }
      dd {
        margin: 0;
      }
      .risk-high,
      .risk-critical {
        font-weight: 700;
      }
    `,
  ];
  static override properties = {
    kit: { attribute: false },
    staffToken: { attribute: false },
    customer: { attribute: false },
    locale: { attribute: false },
  };

  declare kit: CrmKit | undefined;
  declare staffToken: string;
  declare customer: string;
  declare locale: Locale;

  readonly #summary = new Task(this, {
    task: ([kit, token, customer], { signal }) =>
      kit && token && customer ? fetchStaffSummary(kit, token, customer, signal) : Promise.resolve(null),
    args: () => [this.kit, this.staffToken, this.customer] as const,
  });

  protected override render(): TemplateResult {
    const t = messages[this.locale];
    const { status, value, error } = this.#summary;
    return html`<section
      part="base"
      class="base"
      role="region"
      aria-labelledby="heading"
      aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}
    >
      <header part="header"><h2 id="heading">${t.heading}</h2></header>
      ${
        status === TaskStatus.ERROR
          ? this.#error(error, t)
          : value
            ? this.#view(value, t)
            : html`<p part="state" role="status">${t.loading}</p>`
      }
    </section>`;
  }

  #error(error: unknown, t: StaffMessages): TemplateResult {
    const code = (error as Partial<KitError> | undefined)?.code;
    const text = code === 'invalid_staff_token' ? t.refused : code === 'not_found' ? t.notFound : t.error;
    return html`<div part="state" role="alert">
      <p>${text}</p>
      <button part="retry" type="button" @click=${() => void this.#summary.run()}>${t.retry}</button>
    </div>`;
  }

  #view(c: StaffCustomerSummary, t: StaffMessages): TemplateResult {
    const format = new Formatter(this.locale);
    const labels = scoreLabels[this.locale];
    const s = c.scores;
    const bucket = s?.churnRisk === null || s?.churnRisk === undefined ? null : churnBucket(s.churnRisk);
    return html`<p part="name">${c.name ?? c.email ?? c.externalId}</p>
      <p class="muted">${t.since(format.date(c.firstSeenAt))}</p>
      ${
        s
          ? html`<ul class="badges" part="badges" aria-label=${t.segment}>
              ${s.tier ? html`<li class="badge" title=${t.tier}>${t.tier} ${s.tier}</li>` : nothing}
              ${s.segment ? html`<li class="badge" title=${t.segment}>${labels.segments[s.segment]}</li>` : nothing}
              <li class="badge" title=${t.stage}>${labels.stages[s.stage]}</li>
              ${s.groupName ? html`<li class="badge" title=${t.group}>${s.groupName}</li>` : nothing}
            </ul>`
          : html`<p class="muted">${t.notScored}</p>`
      }
      <dl part="scores">
        <dt>${t.orders}</dt>
        <dd>${c.orders}</dd>
        <dt>${t.revenue}</dt>
        <dd>${(c.revenueCents / 100).toFixed(2)}</dd>
        ${
          s?.churnRisk !== null && s?.churnRisk !== undefined && bucket
            ? html`<dt>${t.churn}</dt>
                <dd class="risk-${bucket}">
                  ${Math.round(s.churnRisk * 100)} %
                  ${s.churnReasons.length ? html`— ${s.churnReasons.map((r) => labels.reason(r, format)).join('; ')}` : nothing}
                </dd>`
            : nothing
        }
        ${
          s?.clv12mCents !== null && s?.clv12mCents !== undefined
            ? html`<dt>${t.clv}</dt>
                <dd>${(s.clv12mCents / 100).toFixed(2)}</dd>`
            : nothing
        }
      </dl>
      ${
        c.recommendations.length
          ? html`<h3>${t.next}</h3>
              <ul part="recommendations">
                ${c.recommendations.map((r) => html`<li>${r.name ?? r.sku}</li>`)}
              </ul>`
          : nothing
      }`;
  }
}

if (!customElements.get('crm-customer-staff-view')) {
  customElements.define('crm-customer-staff-view', CrmCustomerStaffView);
}
