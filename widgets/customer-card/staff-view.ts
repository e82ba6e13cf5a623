import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { ChurnReason, StaffCustomerSummary } from '../../worker/contract/scoring.ts';
import { Formatter } from '../../worker/contract/shared/format.ts';
import { churnBucket } from '../../worker/contract/shared/scoring.ts';
import type { Catalog, Locale } from '../core/i18n.ts';
import type { CrmKit, KitError } from '../core/kit.ts';
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
  stages: Record<string, string>;
  segments: Record<string, string>;
  reason: (r: ChurnReason) => string;
}

const n = (r: ChurnReason, key: string) => r.values[key] ?? 0;

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
    stages: {
      prospect: 'Prospect',
      new: 'New',
      regular: 'Regular',
      long_standing: 'Long-standing',
      loyal: 'Loyal',
      lapsed: 'Lapsed',
    },
    segments: {
      champions: 'Champions',
      loyal: 'Loyal',
      potential_loyalists: 'Potential loyalists',
      new: 'New customers',
      promising: 'Promising',
      need_attention: 'Need attention',
      about_to_sleep: 'About to sleep',
      at_risk: 'At risk',
      cant_lose: 'Can’t lose them',
      hibernating: 'Hibernating',
      lost: 'Lost',
    },
    reason: (r) =>
      r.code === 'overdue'
        ? `${n(r, 'daysSince')} days since the last order (usually every ${n(r, 'usualGapDays')})`
        : r.code === 'single_order_aging'
          ? `One order only, ${n(r, 'daysSince')} days ago`
          : r.code === 'spend_falling'
            ? `Spend down ${Math.abs(n(r, 'changePercent'))} %`
            : r.code === 'visits_falling'
              ? `Fewer visits (${n(r, 'recent')} in 30 days)`
              : r.code === 'not_visiting'
                ? `No visit for ${n(r, 'daysSince')} days`
                : `${n(r, 'count')} open or badly rated tickets`,
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
    stages: {
      prospect: '潜在客户',
      new: '新客',
      regular: '常客',
      long_standing: '老客户',
      loyal: '忠诚',
      lapsed: '已流失',
    },
    segments: {
      champions: '冠军客户',
      loyal: '忠诚客户',
      potential_loyalists: '潜在忠诚客户',
      new: '新客户',
      promising: '有潜力',
      need_attention: '需要关注',
      about_to_sleep: '即将沉睡',
      at_risk: '有流失风险',
      cant_lose: '不能失去',
      hibernating: '休眠',
      lost: '已流失',
    },
    reason: (r) =>
      r.code === 'overdue'
        ? `距上次下单 ${n(r, 'daysSince')} 天（通常每 ${n(r, 'usualGapDays')} 天）`
        : r.code === 'single_order_aging'
          ? `仅一单，在 ${n(r, 'daysSince')} 天前`
          : r.code === 'spend_falling'
            ? `消费下降 ${Math.abs(n(r, 'changePercent'))}%`
            : r.code === 'visits_falling'
              ? `访问减少（30 天内 ${n(r, 'recent')} 次）`
              : r.code === 'not_visiting'
                ? `${n(r, 'daysSince')} 天未访问`
                : `${n(r, 'count')} 个未解决或差评工单`,
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
    stages: {
      prospect: '潛在客戶',
      new: '新客',
      regular: '常客',
      long_standing: '老客戶',
      loyal: '忠誠',
      lapsed: '已流失',
    },
    segments: {
      champions: '冠軍客戶',
      loyal: '忠誠客戶',
      potential_loyalists: '潛在忠誠客戶',
      new: '新客戶',
      promising: '有潛力',
      need_attention: '需要關注',
      about_to_sleep: '即將沉睡',
      at_risk: '有流失風險',
      cant_lose: '不能失去',
      hibernating: '休眠',
      lost: '已流失',
    },
    reason: (r) =>
      r.code === 'overdue'
        ? `距上次下單 ${n(r, 'daysSince')} 天（通常每 ${n(r, 'usualGapDays')} 天）`
        : r.code === 'single_order_aging'
          ? `僅一單，在 ${n(r, 'daysSince')} 天前`
          : r.code === 'spend_falling'
            ? `消費下降 ${Math.abs(n(r, 'changePercent'))}%`
            : r.code === 'visits_falling'
              ? `造訪減少（30 天內 ${n(r, 'recent')} 次）`
              : r.code === 'not_visiting'
                ? `${n(r, 'daysSince')} 天未造訪`
                : `${n(r, 'count')} 個未解決或負評工單`,
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
    const s = c.scores;
    const bucket = s?.churnRisk === null || s?.churnRisk === undefined ? null : churnBucket(s.churnRisk);
    return html`<p part="name">${c.name ?? c.email ?? c.externalId}</p>
      <p class="muted">${t.since(format.date(c.firstSeenAt))}</p>
      ${
        s
          ? html`<ul class="badges" part="badges" aria-label=${t.segment}>
              ${s.tier ? html`<li class="badge" title=${t.tier}>${t.tier} ${s.tier}</li>` : nothing}
              ${s.segment ? html`<li class="badge" title=${t.segment}>${t.segments[s.segment]}</li>` : nothing}
              <li class="badge" title=${t.stage}>${t.stages[s.stage]}</li>
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
                  ${s.churnReasons.length ? html`— ${s.churnReasons.map((r) => t.reason(r)).join('; ')}` : nothing}
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
