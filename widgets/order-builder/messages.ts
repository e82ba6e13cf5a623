import type { ProductionStatus } from '../../worker/contract/constants.ts';
import type { Catalog } from '../core/i18n.ts';

/** Texts of `<crm-order-builder>`. */
export interface BuilderMessages {
  loading: string;
  error: string;
  retry: string;
  notFound: string;
  pick: (min: number, max: number, single: boolean) => string;
  units: (label: string) => string;
  included: string;
  quantity: string;
  preview: string;
  previewOf: (summary: string) => string;
  price: string;
  total: string;
  each: (price: string) => string;
  discount: (percent: string) => string;
  summary: string;
  step: (index: number, count: number, label: string) => string;
  back: string;
  next: string;
  review: string;
  problems: string;
  fix: string;
  save: string;
  saved: string;
  share: string;
  shareLink: string;
  sharedReadOnly: string;
  copy: string;
  place: string;
  placing: string;
  placed: (reference: string) => string;
  status: Record<ProductionStatus, string>;
  signIn: string;
  priceChanged: string;
  failed: string;
}

/** Translations of the builder: English, Simplified and Traditional Chinese. */
export const messages: Catalog<BuilderMessages> = {
  en: {
    loading: 'Loading the configurator…',
    error: 'We could not load this product.',
    retry: 'Try again',
    notFound: 'This product cannot be configured.',
    pick: (min, max, single) =>
      single
        ? 'Pick one'
        : min === 0
          ? `Up to ${max}`
          : min === max
            ? `Pick ${min}`
            : `Pick ${min} to ${max}`,
    units: (label) => `How many: ${label}`,
    included: 'included',
    quantity: 'Quantity',
    preview: 'Preview',
    previewOf: (summary) => `Preview: ${summary}`,
    price: 'Price',
    total: 'Total',
    each: (price) => `${price} each`,
    discount: (percent) => `Quantity discount ${percent}`,
    summary: 'Your design',
    step: (index, count, label) => `Step ${index} of ${count}: ${label}`,
    back: 'Back',
    next: 'Next',
    review: 'Review',
    problems: 'To finish your design',
    fix: 'Fix it for me',
    save: 'Save design',
    saved: 'Design saved.',
    share: 'Share link',
    shareLink: 'Anyone with this link can see and copy your design:',
    sharedReadOnly: 'A shared design: you can look at it, or copy it to change it.',
    copy: 'Copy to my designs',
    place: 'Place order',
    placing: 'Placing your order…',
    placed: (reference) => `Thank you! Your order ${reference} is placed.`,
    status: {
      received: 'Received',
      in_production: 'In production',
      quality_check: 'Quality check',
      shipped: 'Shipped',
      delivered: 'Delivered',
      cancelled: 'Cancelled',
    },
    signIn: 'Please sign in to place your order; your design is kept.',
    priceChanged: 'The price has changed since you started. Please check it and place the order again.',
    failed: 'Your order could not be placed.',
  },
  'zh-CN': {
    loading: '正在加载定制器…',
    error: '无法加载此产品。',
    retry: '重试',
    notFound: '此产品不支持定制。',
    pick: (min, max, single) =>
      single
        ? '选择一项'
        : min === 0
          ? `最多 ${max} 项`
          : min === max
            ? `选择 ${min} 项`
            : `选择 ${min} 到 ${max} 项`,
    units: (label) => `数量：${label}`,
    included: '已含',
    quantity: '数量',
    preview: '预览',
    previewOf: (summary) => `预览：${summary}`,
    price: '价格',
    total: '总计',
    each: (price) => `每件 ${price}`,
    discount: (percent) => `批量优惠 ${percent}`,
    summary: '您的设计',
    step: (index, count, label) => `第 ${index} 步，共 ${count} 步：${label}`,
    back: '上一步',
    next: '下一步',
    review: '查看汇总',
    problems: '完成设计还需要',
    fix: '帮我修正',
    save: '保存设计',
    saved: '设计已保存。',
    share: '分享链接',
    shareLink: '任何拿到此链接的人都可以查看并复制您的设计：',
    sharedReadOnly: '这是分享的设计：您可以查看，或复制后修改。',
    copy: '复制到我的设计',
    place: '下单',
    placing: '正在下单…',
    placed: (reference) => `谢谢！您的订单 ${reference} 已提交。`,
    status: {
      received: '已接单',
      in_production: '生产中',
      quality_check: '质检中',
      shipped: '已发货',
      delivered: '已送达',
      cancelled: '已取消',
    },
    signIn: '请先登录再下单；您的设计会保留。',
    priceChanged: '价格已变动，请确认后重新下单。',
    failed: '无法提交订单。',
  },
  'zh-TW': {
    loading: '正在載入訂製器…',
    error: '無法載入此產品。',
    retry: '重試',
    notFound: '此產品不支援訂製。',
    pick: (min, max, single) =>
      single
        ? '選擇一項'
        : min === 0
          ? `最多 ${max} 項`
          : min === max
            ? `選擇 ${min} 項`
            : `選擇 ${min} 到 ${max} 項`,
    units: (label) => `數量：${label}`,
    included: '已含',
    quantity: '數量',
    preview: '預覽',
    previewOf: (summary) => `預覽：${summary}`,
    price: '價格',
    total: '總計',
    each: (price) => `每件 ${price}`,
    discount: (percent) => `批量優惠 ${percent}`,
    summary: '您的設計',
    step: (index, count, label) => `第 ${index} 步，共 ${count} 步：${label}`,
    back: '上一步',
    next: '下一步',
    review: '檢視摘要',
    problems: '完成設計還需要',
    fix: '幫我修正',
    save: '儲存設計',
    saved: '設計已儲存。',
    share: '分享連結',
    shareLink: '任何取得此連結的人都可以檢視並複製您的設計：',
    sharedReadOnly: '這是分享的設計：您可以檢視，或複製後修改。',
    copy: '複製到我的設計',
    place: '下單',
    placing: '正在下單…',
    placed: (reference) => `謝謝！您的訂單 ${reference} 已送出。`,
    status: {
      received: '已接單',
      in_production: '生產中',
      quality_check: '品檢中',
      shipped: '已出貨',
      delivered: '已送達',
      cancelled: '已取消',
    },
    signIn: '請先登入再下單；您的設計會保留。',
    priceChanged: '價格已變動，請確認後重新下單。',
    failed: '無法送出訂單。',
  },
};
