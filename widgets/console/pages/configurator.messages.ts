import type { ProductionStatus } from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';

/** Texts of the configurator's console pages: custom orders, one custom order, product models. */
export interface ConfiguratorMessages {
  orders: string;
  filters: string;
  status: string;
  day: string;
  any: string;
  apply: string;
  exportDay: string;
  exportHint: string;
  reference: string;
  customer: string;
  product: string;
  quantity: string;
  total: string;
  placed: string;
  none: string;
  older: string;
  back: string;
  statuses: Record<ProductionStatus, string>;
  forFactory: string;
  group: string;
  choices: string;
  price: string;
  log: string;
  by: (actor: string) => string;
  shopper: string;
  move: string;
  moveTo: string;
  note: string;
  moved: string;
  finished: string;
  products: string;
  model: string;
  modelHint: string;
  version: (n: number) => string;
  check: string;
  save: string;
  saved: (n: number) => string;
  issues: string;
  valid: string;
  invalidJson: (reason: string) => string;
  preview: string;
  noProducts: string;
}

export const messages: Catalog<ConfiguratorMessages> = {
  en: {
    orders: 'Custom orders',
    filters: 'Filters',
    status: 'Status',
    day: 'Day (UTC)',
    any: 'Any',
    apply: 'Apply',
    exportDay: 'Export the day as CSV',
    exportHint: 'One row per order with its configuration, for the production line.',
    reference: 'Reference',
    customer: 'Customer',
    product: 'Product',
    quantity: 'Qty',
    total: 'Total',
    placed: 'Placed',
    none: 'No custom orders match.',
    older: 'Older orders',
    back: 'Custom orders',
    statuses: {
      received: 'Received',
      in_production: 'In production',
      quality_check: 'Quality check',
      shipped: 'Shipped',
      delivered: 'Delivered',
      cancelled: 'Cancelled',
    },
    forFactory: 'Build sheet',
    group: 'Option',
    choices: 'Choice',
    price: 'Price',
    log: 'Status log',
    by: (actor) => `by ${actor}`,
    shopper: 'placed by the customer',
    move: 'Move production on',
    moveTo: 'New status',
    note: 'Note (optional)',
    moved: 'Status changed.',
    finished: 'This order is finished; its status no longer changes.',
    products: 'Configurable products',
    model: 'Product model (JSON)',
    modelHint:
      'Groups with their choices and prices (minor units), rules (requires, excludes, limit), quantity tiers and the preview. A model whose rules make a choice impossible is refused.',
    version: (n) => `version ${n}`,
    check: 'Check and preview',
    save: 'Save model',
    saved: (n) => `Saved as version ${n}.`,
    issues: 'This model cannot be offered:',
    valid: 'The model is valid: every choice can be picked.',
    invalidJson: (reason) => `Not valid JSON: ${reason}`,
    preview: 'Preview, as shoppers see it',
    noProducts: 'No configurable products yet.',
  },
  'zh-CN': {
    orders: '定制订单',
    filters: '筛选',
    status: '状态',
    day: '日期（UTC）',
    any: '全部',
    apply: '应用',
    exportDay: '导出当天 CSV',
    exportHint: '每个订单一行，含配置，供生产线使用。',
    reference: '编号',
    customer: '客户',
    product: '产品',
    quantity: '数量',
    total: '总额',
    placed: '下单时间',
    none: '没有符合条件的定制订单。',
    older: '更早的订单',
    back: '定制订单',
    statuses: {
      received: '已接单',
      in_production: '生产中',
      quality_check: '质检中',
      shipped: '已发货',
      delivered: '已送达',
      cancelled: '已取消',
    },
    forFactory: '生产单',
    group: '选项',
    choices: '选择',
    price: '价格',
    log: '状态记录',
    by: (actor) => `操作人：${actor}`,
    shopper: '客户下单',
    move: '推进生产',
    moveTo: '新状态',
    note: '备注（可选）',
    moved: '状态已更新。',
    finished: '此订单已完结，状态不再变化。',
    products: '可定制产品',
    model: '产品模型（JSON）',
    modelHint:
      '选项组及其选项和价格（最小货币单位）、规则（需要、互斥、上限）、数量阶梯价和预览。若规则使某个选项无法选择，模型将被拒绝。',
    version: (n) => `第 ${n} 版`,
    check: '检查并预览',
    save: '保存模型',
    saved: (n) => `已保存为第 ${n} 版。`,
    issues: '此模型无法上架：',
    valid: '模型有效：每个选项都可以选择。',
    invalidJson: (reason) => `JSON 无效：${reason}`,
    preview: '预览（与顾客所见相同）',
    noProducts: '还没有可定制的产品。',
  },
  'zh-TW': {
    orders: '訂製訂單',
    filters: '篩選',
    status: '狀態',
    day: '日期（UTC）',
    any: '全部',
    apply: '套用',
    exportDay: '匯出當天 CSV',
    exportHint: '每筆訂單一列，含配置，供生產線使用。',
    reference: '編號',
    customer: '客戶',
    product: '產品',
    quantity: '數量',
    total: '總額',
    placed: '下單時間',
    none: '沒有符合條件的訂製訂單。',
    older: '更早的訂單',
    back: '訂製訂單',
    statuses: {
      received: '已接單',
      in_production: '生產中',
      quality_check: '品檢中',
      shipped: '已出貨',
      delivered: '已送達',
      cancelled: '已取消',
    },
    forFactory: '生產單',
    group: '選項',
    choices: '選擇',
    price: '價格',
    log: '狀態記錄',
    by: (actor) => `操作人：${actor}`,
    shopper: '客戶下單',
    move: '推進生產',
    moveTo: '新狀態',
    note: '備註（選填）',
    moved: '狀態已更新。',
    finished: '此訂單已完結，狀態不再變更。',
    products: '可訂製產品',
    model: '產品模型（JSON）',
    modelHint:
      '選項群組及其選項和價格（最小貨幣單位）、規則（需要、互斥、上限）、數量階梯價和預覽。若規則使某個選項無法選擇，模型將被拒絕。',
    version: (n) => `第 ${n} 版`,
    check: '檢查並預覽',
    save: '儲存模型',
    saved: (n) => `已儲存為第 ${n} 版。`,
    issues: '此模型無法上架：',
    valid: '模型有效：每個選項都可以選擇。',
    invalidJson: (reason) => `JSON 無效：${reason}`,
    preview: '預覽（與顧客所見相同）',
    noProducts: '尚無可訂製的產品。',
  },
};
