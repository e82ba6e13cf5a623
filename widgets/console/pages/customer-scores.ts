import { Task } from '@lit/task';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { CustomerScoresResponse } from '../../../worker/contract/scoring.ts';
import { churnBucket } from '../../../worker/contract/shared/scoring.ts';
import type { Catalog } from '../../core/i18n.ts';
import { tokens } from '../../core/tokens.ts';
import type { ConsoleContext } from '../context.ts';
import { siteUrl } from '../routes.ts';
import { consoleStyles } from '../styles.ts';
import { renderTask } from '../ui/states.ts';
import { scoreLabels } from '../../core/score-labels.ts';

interface ScoresMessages {
  heading: string;
  notScored: string;
  tier: string;
  segment: string;
  stage: string;
  group: string;
  rfm: string;
  churn: string;
  reasons: string;
  noReasons: string;
  clv: string;
  clvHint: string;
  next: string;
  noNext: string;
  because: (products: string, confidence: string) => string;
  scoredAt: (when: string) => string;
}

const messages: Catalog<ScoresMessages> = {
  en: {
    heading: 'Scores',
    notScored: 'Not scored yet: the next scoring run will score this customer.',
    tier: 'Value tier',
    segment: 'RFM segment',
    stage: 'Stage',
    group: 'Browsing group',
    rfm: 'RFM (recency-frequency-monetary, 5 best)',
    churn: 'Churn risk',
    reasons: 'Why',
    noReasons: 'Buying at their usual pace.',
    clv: 'Expected revenue, next 12 months',
    clvHint: 'Orders a year at their own pace × chance they stay × average order',
    next: 'Recommended next products',
    noNext: 'No rule suggests a product this customer has not bought.',
    because: (products, confidence) => `Bought ${products} — ${confidence} of such buyers also bought it`,
    scoredAt: (when) => `Scored ${when}`,
  },
  'zh-CN': {
    heading: '评分',
    notScored: '尚未评分：下次评分运行时会为此客户评分。',
    tier: '价值等级',
    segment: 'RFM 分群',
    stage: '生命周期阶段',
    group: '浏览兴趣组',
    rfm: 'RFM（最近-频率-金额，5 为最佳）',
    churn: '流失风险',
    reasons: '原因',
    noReasons: '按其惯常节奏购买。',
    clv: '未来 12 个月预期收入',
    clvHint: '按其节奏的年订单数 × 留存概率 × 平均订单金额',
    next: '推荐的下一件商品',
    noNext: '没有规则推荐此客户尚未购买的商品。',
    because: (products, confidence) => `购买了 ${products} — 此类买家中 ${confidence} 也购买了它`,
    scoredAt: (when) => `评分于 ${when}`,
  },
  'zh-TW': {
    heading: '評分',
    notScored: '尚未評分：下次評分執行時會為此客戶評分。',
    tier: '價值等級',
    segment: 'RFM 分群',
    stage: '生命週期階段',
    group: '瀏覽興趣組',
    rfm: 'RFM（最近-頻率-金額，5 為最佳）',
    churn: '流失風險',
    reasons: '原因',
    noReasons: '依其慣常節奏購買。',
    clv: '未來 12 個月預期營收',
    clvHint: '依其節奏的年訂單數 × 留存機率 × 平均訂單金額',
    next: '推薦的下一件商品',
    noNext: '沒有規則推薦此客戶尚未購買的商品。',
    because: (products, confidence) => `購買了 ${products} — 此類買家中 ${confidence} 也購買了它`,
    scoredAt: (when) => `評分於 ${when}`,
  },
};

/**
 * The customer 360's scores card: badges (tier, RFM segment, stage, group), churn risk with
 * its reasons, 12-month value and the next products with the rule behind each.
 */
export class CrmConsoleCustomerScores extends LitElement {
  static override styles = [
    tokens,
    consoleStyles,
    css`
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 0 0 var(--_crm-space);
        padding: 0;
        list-style: none;
      }
      .badge.critical,
      .badge.high {
        color: var(--_crm-color-danger);
      }
      .risk {
        font-size: 1.25rem;
        font-weight: 700;
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 1.2em;
      }
      /* The side column is narrow: each term above its value. */
      dl {
        grid-template-columns: minmax(0, 1fr);
        gap: 2px;
      }
      dd {
        margin-block-end: 8px;
      }
    `,
  ];
  static override properties = { ctx: { attribute: false }, customerId: { attribute: false } };

  declare ctx: ConsoleContext;
  declare customerId: string;

  readonly #scores = new Task(this, {
    task: ([ctx, id], { signal }) =>
      ctx.api.get<CustomerScoresResponse>(
        `/sites/${encodeURIComponent(ctx.params.siteId ?? '')}/scoring/customers/${encodeURIComponent(id)}`,
        signal,
      ),
    args: () => [this.ctx, this.customerId] as const,
  });

  protected override render(): TemplateResult {
    const t = messages[this.ctx.locale];
    return html`<section class="card" aria-labelledby="scores-heading">
      <h2 id="scores-heading">${t.heading}</h2>
      ${renderTask(this.#scores, this.ctx.locale, (r) => this.#body(r))}
    </section>`;
  }

  #body(r: CustomerScoresResponse): TemplateResult {
    const t = messages[this.ctx.locale];
    const l = scoreLabels[this.ctx.locale];
    const f = this.ctx.format;
    const s = r.scores;
    if (!s) return html`<p class="muted">${t.notScored}</p>`;
    const list = (filter: string, value: string) =>
      `${siteUrl(this.ctx.params.siteId ?? '', 'scoring')}?${filter}=${encodeURIComponent(value)}`;
    const bucket = s.churnRisk === null ? null : churnBucket(s.churnRisk);
    return html`<ul class="badges" aria-label=${t.heading}>
        ${s.tier ? html`<li><a class="badge" href=${list('tier', s.tier)} title=${t.tier}>${l.tiers[s.tier]}</a></li>` : nothing}
        ${
          s.segment
            ? html`<li>
                <a class="badge" href=${list('segment', s.segment)} title=${t.segment}
                  >${l.segments[s.segment]}</a
                >
              </li>`
            : nothing
        }
        <li><a class="badge" href=${list('stage', s.stage)} title=${t.stage}>${l.stages[s.stage]}</a></li>
        ${
          s.groupId !== null && s.groupName
            ? html`<li>
                <a class="badge" href=${list('group', String(s.groupId))} title=${t.group}>${s.groupName}</a>
              </li>`
            : nothing
        }
      </ul>
      <dl>
        ${
          s.rfmCode
            ? html`<dt>${t.rfm}</dt>
                <dd><code>${s.rfmCode}</code></dd>`
            : nothing
        }
        ${
          s.churnRisk !== null && bucket
            ? html`<dt>${t.churn}</dt>
                <dd>
                  <span class="risk">${f.number(Math.round(s.churnRisk * 100))} %</span>
                  <span class="badge ${bucket}">${l.churn[bucket]}</span>
                </dd>
                <dt>${t.reasons}</dt>
                <dd>
                  ${
                    s.churnReasons.length === 0
                      ? html`<span class="muted">${t.noReasons}</span>`
                      : html`<ul class="plain">
                          ${s.churnReasons.map((reason) => html`<li>${l.reason(reason, f)}</li>`)}
                        </ul>`
                  }
                </dd>`
            : nothing
        }
        ${
          s.clv12mCents !== null
            ? html`<dt>${t.clv}</dt>
                <dd>${f.money(s.clv12mCents)}<br /><span class="muted">${t.clvHint}</span></dd>`
            : nothing
        }
      </dl>
      <h3>${t.next}</h3>
      ${
        r.recommendations.length === 0
          ? html`<p class="muted">${t.noNext}</p>`
          : html`<ul class="plain">
              ${r.recommendations.map(
                (rec) =>
                  html`<li>
                    <strong>${rec.name ?? rec.sku}</strong>
                    <span class="muted"
                      >${t.because(rec.because.join(' + '), `${f.number(Math.round(rec.confidence * 100))} %`)}</span
                    >
                  </li>`,
              )}
            </ul>`
      }
      <p class="muted">${t.scoredAt(f.time(s.scoredAt))}</p>`;
  }
}

if (!customElements.get('crm-console-customer-scores')) {
  customElements.define('crm-console-customer-scores', CrmConsoleCustomerScores);
}
