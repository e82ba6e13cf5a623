import type { Catalog } from '../../core/i18n.ts';

/** Texts of the offers list, the editor and the report. */
export interface OffersMessages {
  heading: string;
  newOffer: string;
  none: string;
  name: string;
  placement: string;
  status: string;
  statuses: Record<'draft' | 'live' | 'paused', string>;
  exposed: string;
  exposedPeople: string;
  conversions: string;
  open: string;
  launch: string;
  pause: string;
  resume: string;
  // Editor
  editHeading: string;
  newHeading: string;
  back: string;
  content: string;
  title: string;
  body: string;
  imageUrl: string;
  ctaLabel: string;
  ctaUrl: string;
  discountCode: string;
  discountPercent: string;
  skus: string;
  skusHint: string;
  schedule: string;
  startsAt: string;
  endsAt: string;
  priority: string;
  frequencyCap: string;
  budget: string;
  budgetHint: string;
  attributionDays: string;
  test: string;
  holdoutPercent: string;
  holdoutHint: string;
  holdoutOverride: string;
  referral: string;
  targeting: string;
  targetingHint: string;
  addRule: string;
  removeRule: string;
  ruleKind: string;
  ruleValues: string;
  ruleSecond: string;
  ruleDays: string;
  kinds: Record<string, string>;
  valuesHint: Record<string, string>;
  exclude: string;
  excludeHint: string;
  save: string;
  saved: string;
  preview: string;
  audience: string;
  estimate: string;
  estimateResult: (matching: string, total: string, sampled: string) => string;
  requestTime: (kinds: string) => string;
  // Report
  report: string;
  arm: string;
  treatment: string;
  control: string;
  clickRate: string;
  conversionRate: string;
  revenuePerExposed: string;
  revenue: string;
  upliftConversion: string;
  upliftRevenue: string;
  absolute: string;
  relative: string;
  interval: string;
  pValue: string;
  significant: string;
  notSignificant: string;
  smallSample: string;
  srmOk: (p: string) => string;
  srmBroken: (chi: string, p: string) => string;
  unmeasured: string;
  segment: string;
  segmentAll: string;
  segments: Record<string, string>;
  translations: string;
  translationOf: Record<'zh-CN' | 'zh-TW', string>;
  daily: string;
  dailyRate: string;
  showNumbers: string;
  day: string;
  method: string;
}

const kindsEn = {
  audience: 'Anonymous or identified',
  viewedCategory: 'Viewed a category',
  viewedProduct: 'Viewed a product',
  boughtNotBought: 'Bought X but not Y',
  pageUrl: 'Page URL',
  language: 'Language',
  rfmSegment: 'RFM segment',
  valueTier: 'Value tier',
  lifecycleStage: 'Lifecycle stage',
  churnRisk: 'Churn risk',
  lookalikeGroup: 'Look-alike group',
  crossSell: 'Cross-sell rule',
};

/** Translations: English, Simplified and Traditional Chinese. */
export const messages: Catalog<OffersMessages> = {
  en: {
    heading: 'Offers',
    newOffer: 'New offer',
    none: 'No offers yet. Create one, preview it, and launch it with its control group.',
    name: 'Name',
    placement: 'Placement',
    status: 'Status',
    statuses: { draft: 'Draft', live: 'Live', paused: 'Paused' },
    exposed: 'Exposed (treatment)',
    exposedPeople: 'Exposed',
    conversions: 'Conversions',
    open: 'Open',
    launch: 'Launch',
    pause: 'Pause',
    resume: 'Resume',
    editHeading: 'Offer',
    newHeading: 'New offer',
    back: 'All offers',
    content: 'Content',
    title: 'Title',
    body: 'Text',
    imageUrl: 'Image URL',
    ctaLabel: 'Button label',
    ctaUrl: 'Button link',
    discountCode: 'Discount code',
    discountPercent: 'Discount (%)',
    skus: 'Products promoted (skus)',
    skusHint: 'Comma-separated. Customers who bought one of them never see the offer.',
    schedule: 'Schedule and limits',
    startsAt: 'Starts',
    endsAt: 'Ends',
    priority: 'Priority',
    frequencyCap: 'Most impressions per person',
    budget: 'Budget (conversions)',
    budgetHint: 'The offer stops once this many treated customers have bought.',
    attributionDays: 'Attribution window (days)',
    test: 'Control group',
    holdoutPercent: 'Holdout (%)',
    holdoutHint:
      'This share of the audience is held back at random and sees nothing: the report compares them.',
    holdoutOverride: 'Allow a 0 % holdout (the report will say the offer is not measured)',
    referral: 'Referral offer: the button carries the customer’s own referral link',
    targeting: 'Targeting',
    targetingHint: 'Every rule must hold. No rules: everyone at the placement.',
    addRule: 'Add a rule',
    removeRule: 'Remove rule',
    ruleKind: 'Rule',
    ruleValues: 'Values',
    ruleSecond: 'But not',
    ruleDays: 'In the last (days)',
    kinds: kindsEn,
    valuesHint: {
      audience: 'identified or anonymous',
      pageUrl: 'A path like /products/* or a whole URL; * matches anything',
      churnRisk: 'From and to, between 0 and 1, e.g. 0.6, 1',
      default: 'Comma-separated',
    },
    exclude: 'Never show to (customer ids)',
    excludeHint: 'Your own customer ids, one per line.',
    save: 'Save',
    saved: 'Saved',
    preview: 'Preview',
    audience: 'Audience',
    estimate: 'Estimate the audience',
    estimateResult: (matching, total, sampled) =>
      `About ${matching} of ${total} profiles seen in the last 90 days (from a sample of ${sampled}).`,
    requestTime: (kinds) => `Not counted, known only on the page: ${kinds}.`,
    report: 'Report',
    arm: 'Group',
    treatment: 'Treatment',
    control: 'Control',
    clickRate: 'Click-through',
    conversionRate: 'Conversion rate',
    revenuePerExposed: 'Revenue per exposed visitor',
    revenue: 'Revenue',
    upliftConversion: 'Uplift in conversion rate',
    upliftRevenue: 'Uplift in revenue per exposed visitor',
    absolute: 'Absolute',
    relative: 'Relative',
    interval: '95 % interval',
    pValue: 'p-value',
    significant: 'Significant at 5 %',
    notSignificant: 'Not significant',
    smallSample: 'Too few people or conversions in a group to say anything yet.',
    srmOk: (p) => `The split matches the planned holdout (sample-ratio check p = ${p}).`,
    srmBroken: (chi, p) =>
      `The groups’ sizes do not match the planned holdout (χ² = ${chi}, p = ${p}): something treats them differently. Do not trust this report until it is fixed.`,
    unmeasured: 'This offer runs without a control group: its effect is not measured.',
    segment: 'Audience',
    segmentAll: 'Everyone',
    segments: { anonymous: 'Anonymous visitors', identified: 'Identified customers' },
    translations: 'Translations',
    translationOf: { 'zh-CN': 'Simplified Chinese', 'zh-TW': 'Traditional Chinese' },
    daily: 'People exposed per day',
    dailyRate: 'Conversion rate so far, by day of first exposure',
    showNumbers: 'Show the numbers',
    day: 'Day',
    method:
      'Everyone assigned counts (shown or not). Intervals: Newcombe’s hybrid score for the difference of rates, Welch for revenue, the delta method for relative uplift.',
  },
  'zh-CN': {
    heading: '优惠',
    newOffer: '新建优惠',
    none: '还没有优惠。新建一个，预览后连同对照组一起上线。',
    name: '名称',
    placement: '位置',
    status: '状态',
    statuses: { draft: '草稿', live: '进行中', paused: '已暂停' },
    exposed: '曝光人数（实验组）',
    exposedPeople: '曝光人数',
    conversions: '转化',
    open: '打开',
    launch: '上线',
    pause: '暂停',
    resume: '恢复',
    editHeading: '优惠',
    newHeading: '新建优惠',
    back: '全部优惠',
    content: '内容',
    title: '标题',
    body: '正文',
    imageUrl: '图片地址',
    ctaLabel: '按钮文字',
    ctaUrl: '按钮链接',
    discountCode: '优惠码',
    discountPercent: '折扣（%）',
    skus: '推广商品（SKU）',
    skusHint: '用逗号分隔。已购买其中任一商品的客户不会看到此优惠。',
    schedule: '时间与限制',
    startsAt: '开始',
    endsAt: '结束',
    priority: '优先级',
    frequencyCap: '每人最多展示次数',
    budget: '预算（转化数）',
    budgetHint: '实验组中达到此购买人数后，优惠停止。',
    attributionDays: '归因窗口（天）',
    test: '对照组',
    holdoutPercent: '留出比例（%）',
    holdoutHint: '随机留出这部分受众，不展示任何内容：报告将两组进行比较。',
    holdoutOverride: '允许 0% 留出（报告会注明此优惠未被衡量）',
    referral: '推荐优惠：按钮带有客户自己的推荐链接',
    targeting: '定向',
    targetingHint: '所有规则都须满足。没有规则：该位置的所有人。',
    addRule: '添加规则',
    removeRule: '删除规则',
    ruleKind: '规则',
    ruleValues: '值',
    ruleSecond: '但未购买',
    ruleDays: '最近（天）',
    kinds: {
      audience: '匿名或已识别',
      viewedCategory: '浏览过某类目',
      viewedProduct: '浏览过某商品',
      boughtNotBought: '买过 X 但没买 Y',
      pageUrl: '页面地址',
      language: '语言',
      rfmSegment: 'RFM 分群',
      valueTier: '价值层级',
      lifecycleStage: '生命周期阶段',
      churnRisk: '流失风险',
      lookalikeGroup: '相似人群',
      crossSell: '交叉销售规则',
    },
    valuesHint: {
      audience: 'identified（已识别）或 anonymous（匿名）',
      pageUrl: '路径如 /products/*，或完整地址；* 匹配任意内容',
      churnRisk: '起止值，0 到 1 之间，如 0.6, 1',
      default: '用逗号分隔',
    },
    exclude: '永不展示给（客户 ID）',
    excludeHint: '您自己的客户 ID，每行一个。',
    save: '保存',
    saved: '已保存',
    preview: '预览',
    audience: '受众',
    estimate: '估算受众',
    estimateResult: (matching, total, sampled) =>
      `最近 90 天内出现的 ${total} 个资料中约 ${matching} 个（基于 ${sampled} 个样本）。`,
    requestTime: (kinds) => `未计入（仅在页面上可知）：${kinds}。`,
    report: '报告',
    arm: '组',
    treatment: '实验组',
    control: '对照组',
    clickRate: '点击率',
    conversionRate: '转化率',
    revenuePerExposed: '每位曝光访客收入',
    revenue: '收入',
    upliftConversion: '转化率提升',
    upliftRevenue: '每位曝光访客收入提升',
    absolute: '绝对值',
    relative: '相对值',
    interval: '95% 置信区间',
    pValue: 'p 值',
    significant: '在 5% 水平显著',
    notSignificant: '不显著',
    smallSample: '某组的人数或转化数太少，暂时无法得出结论。',
    srmOk: (p) => `分组比例与计划的留出比例一致（样本比例检验 p = ${p}）。`,
    srmBroken: (chi, p) =>
      `两组人数与计划的留出比例不符（χ² = ${chi}，p = ${p}）：有环节对两组区别对待。修复前请勿采信此报告。`,
    unmeasured: '此优惠没有对照组：其效果未被衡量。',
    segment: '受众',
    segmentAll: '所有人',
    segments: { anonymous: '匿名访客', identified: '已识别客户' },
    translations: '翻译',
    translationOf: { 'zh-CN': '简体中文', 'zh-TW': '繁体中文' },
    daily: '每日曝光人数',
    dailyRate: '累计转化率（按首次曝光日期）',
    showNumbers: '显示数据',
    day: '日期',
    method:
      '所有被分组的人都计入（无论是否看到）。区间：比率差用 Newcombe 混合得分法，收入用 Welch 法，相对提升用 delta 方法。',
  },
  'zh-TW': {
    heading: '優惠',
    newOffer: '新增優惠',
    none: '尚無優惠。新增一個，預覽後連同對照組一起上線。',
    name: '名稱',
    placement: '位置',
    status: '狀態',
    statuses: { draft: '草稿', live: '進行中', paused: '已暫停' },
    exposed: '曝光人數（實驗組）',
    exposedPeople: '曝光人數',
    conversions: '轉換',
    open: '開啟',
    launch: '上線',
    pause: '暫停',
    resume: '恢復',
    editHeading: '優惠',
    newHeading: '新增優惠',
    back: '全部優惠',
    content: '內容',
    title: '標題',
    body: '內文',
    imageUrl: '圖片網址',
    ctaLabel: '按鈕文字',
    ctaUrl: '按鈕連結',
    discountCode: '優惠碼',
    discountPercent: '折扣（%）',
    skus: '推廣商品（SKU）',
    skusHint: '以逗號分隔。已購買其中任一商品的客戶不會看到此優惠。',
    schedule: '時間與限制',
    startsAt: '開始',
    endsAt: '結束',
    priority: '優先順序',
    frequencyCap: '每人最多顯示次數',
    budget: '預算（轉換數）',
    budgetHint: '實驗組中達到此購買人數後，優惠停止。',
    attributionDays: '歸因期間（天）',
    test: '對照組',
    holdoutPercent: '保留比例（%）',
    holdoutHint: '隨機保留這部分受眾，不顯示任何內容：報告會比較兩組。',
    holdoutOverride: '允許 0% 保留（報告會註明此優惠未被衡量）',
    referral: '推薦優惠：按鈕帶有客戶自己的推薦連結',
    targeting: '目標設定',
    targetingHint: '所有規則都須符合。沒有規則：該位置的所有人。',
    addRule: '新增規則',
    removeRule: '移除規則',
    ruleKind: '規則',
    ruleValues: '值',
    ruleSecond: '但未購買',
    ruleDays: '最近（天）',
    kinds: {
      audience: '匿名或已識別',
      viewedCategory: '瀏覽過某類別',
      viewedProduct: '瀏覽過某商品',
      boughtNotBought: '買過 X 但沒買 Y',
      pageUrl: '頁面網址',
      language: '語言',
      rfmSegment: 'RFM 分群',
      valueTier: '價值層級',
      lifecycleStage: '生命週期階段',
      churnRisk: '流失風險',
      lookalikeGroup: '相似族群',
      crossSell: '交叉銷售規則',
    },
    valuesHint: {
      audience: 'identified（已識別）或 anonymous（匿名）',
      pageUrl: '路徑如 /products/*，或完整網址；* 符合任何內容',
      churnRisk: '起訖值，0 到 1 之間，如 0.6, 1',
      default: '以逗號分隔',
    },
    exclude: '永不顯示給（客戶 ID）',
    excludeHint: '您自己的客戶 ID，每行一個。',
    save: '儲存',
    saved: '已儲存',
    preview: '預覽',
    audience: '受眾',
    estimate: '估算受眾',
    estimateResult: (matching, total, sampled) =>
      `最近 90 天內出現的 ${total} 個資料中約 ${matching} 個（依 ${sampled} 個樣本）。`,
    requestTime: (kinds) => `未計入（僅在頁面上可知）：${kinds}。`,
    report: '報告',
    arm: '組',
    treatment: '實驗組',
    control: '對照組',
    clickRate: '點擊率',
    conversionRate: '轉換率',
    revenuePerExposed: '每位曝光訪客營收',
    revenue: '營收',
    upliftConversion: '轉換率提升',
    upliftRevenue: '每位曝光訪客營收提升',
    absolute: '絕對值',
    relative: '相對值',
    interval: '95% 信賴區間',
    pValue: 'p 值',
    significant: '在 5% 水準顯著',
    notSignificant: '不顯著',
    smallSample: '某組的人數或轉換數太少，暫時無法下結論。',
    srmOk: (p) => `分組比例與計畫的保留比例一致（樣本比例檢定 p = ${p}）。`,
    srmBroken: (chi, p) =>
      `兩組人數與計畫的保留比例不符（χ² = ${chi}，p = ${p}）：有環節對兩組差別對待。修正前請勿採信此報告。`,
    unmeasured: '此優惠沒有對照組：其效果未被衡量。',
    segment: '受眾',
    segmentAll: '所有人',
    segments: { anonymous: '匿名訪客', identified: '已識別客戶' },
    translations: '翻譯',
    translationOf: { 'zh-CN': '簡體中文', 'zh-TW': '繁體中文' },
    daily: '每日曝光人數',
    dailyRate: '累計轉換率（依首次曝光日期）',
    showNumbers: '顯示數據',
    day: '日期',
    method:
      '所有被分組的人都計入（無論是否看到）。區間：比率差用 Newcombe 混合分數法，營收用 Welch 法，相對提升用 delta 方法。',
  },
};
