import type { ChurnReason } from '../../worker/contract/scoring.ts';
import type {
  ChurnBucket,
  LifecycleStage,
  RfmSegment,
  ValueTier,
} from '../../worker/contract/shared/scoring.ts';
import type { Catalog } from './i18n.ts';

/** What the reasons need of a formatter: the console's `Format` and the card's `Formatter` both fit. */
interface NumberFormat {
  number(value: number): string;
}

/**
 * Names of every score value, and churn reasons in words: shared by the console's scoring page and
 * 360, and the customer card's staff view.
 */
export interface ScoreLabels {
  segments: Record<RfmSegment, string>;
  tiers: Record<ValueTier, string>;
  stages: Record<LifecycleStage, string>;
  churn: Record<ChurnBucket, string>;
  reason: (reason: ChurnReason, f: NumberFormat) => string;
}

const v = (reason: ChurnReason, key: string) => reason.values[key] ?? 0;

export const scoreLabels: Catalog<ScoreLabels> = {
  en: {
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
    tiers: { A: 'A — top 80 % of revenue', B: 'B — next 15 %', C: 'C — last 5 %' },
    stages: {
      prospect: 'Prospect',
      new: 'New',
      regular: 'Regular',
      long_standing: 'Long-standing',
      loyal: 'Loyal',
      lapsed: 'Lapsed',
    },
    churn: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
    reason: (r, f) => {
      switch (r.code) {
        case 'overdue':
          return `${f.number(v(r, 'daysSince'))} days since the last order; usually orders every ${f.number(v(r, 'usualGapDays'))} days`;
        case 'single_order_aging':
          return `One order only, ${f.number(v(r, 'daysSince'))} days ago`;
        case 'spend_falling':
          return `Spend down ${f.number(Math.abs(v(r, 'changePercent')))} % in recent orders`;
        case 'visits_falling':
          return `${f.number(v(r, 'recent'))} visits in the last 30 days; usually ${f.number(v(r, 'usual'))} a month`;
        case 'not_visiting':
          return `No visit for ${f.number(v(r, 'daysSince'))} days`;
        case 'tickets':
          return `${f.number(v(r, 'count'))} open or badly rated tickets`;
      }
    },
  },
  'zh-CN': {
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
    tiers: { A: 'A — 前 80% 收入', B: 'B — 其后 15%', C: 'C — 最后 5%' },
    stages: {
      prospect: '潜在客户',
      new: '新客',
      regular: '常客',
      long_standing: '老客户',
      loyal: '忠诚',
      lapsed: '已流失',
    },
    churn: { low: '低', medium: '中', high: '高', critical: '极高' },
    reason: (r, f) => {
      switch (r.code) {
        case 'overdue':
          return `距上次下单 ${f.number(v(r, 'daysSince'))} 天；通常每 ${f.number(v(r, 'usualGapDays'))} 天下单一次`;
        case 'single_order_aging':
          return `仅下过一单，在 ${f.number(v(r, 'daysSince'))} 天前`;
        case 'spend_falling':
          return `近期订单消费下降 ${f.number(Math.abs(v(r, 'changePercent')))}%`;
        case 'visits_falling':
          return `最近 30 天访问 ${f.number(v(r, 'recent'))} 次；通常每月 ${f.number(v(r, 'usual'))} 次`;
        case 'not_visiting':
          return `${f.number(v(r, 'daysSince'))} 天未访问`;
        case 'tickets':
          return `${f.number(v(r, 'count'))} 个未解决或差评工单`;
      }
    },
  },
  'zh-TW': {
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
    tiers: { A: 'A — 前 80% 營收', B: 'B — 其後 15%', C: 'C — 最後 5%' },
    stages: {
      prospect: '潛在客戶',
      new: '新客',
      regular: '常客',
      long_standing: '老客戶',
      loyal: '忠誠',
      lapsed: '已流失',
    },
    churn: { low: '低', medium: '中', high: '高', critical: '極高' },
    reason: (r, f) => {
      switch (r.code) {
        case 'overdue':
          return `距上次下單 ${f.number(v(r, 'daysSince'))} 天；通常每 ${f.number(v(r, 'usualGapDays'))} 天下單一次`;
        case 'single_order_aging':
          return `僅下過一單，在 ${f.number(v(r, 'daysSince'))} 天前`;
        case 'spend_falling':
          return `近期訂單消費下降 ${f.number(Math.abs(v(r, 'changePercent')))}%`;
        case 'visits_falling':
          return `最近 30 天造訪 ${f.number(v(r, 'recent'))} 次；通常每月 ${f.number(v(r, 'usual'))} 次`;
        case 'not_visiting':
          return `${f.number(v(r, 'daysSince'))} 天未造訪`;
        case 'tickets':
          return `${f.number(v(r, 'count'))} 個未解決或負評工單`;
      }
    },
  },
};
