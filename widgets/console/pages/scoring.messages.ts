import type { Catalog } from '../../core/i18n.ts';

export interface ScoringMessages {
  heading: string;
  lastRun: (when: string) => string;
  neverRun: string;
  lastPass: (kind: string, when: string, scored: string) => string;
  full: string;
  incremental: string;
  rescore: string;
  rescoring: string;
  rescored: (scored: string) => string;
  customers: string;
  buyers: string;
  revenue: string;
  actFirst: string;
  showNumbers: string;
  current: string;
  previous: string;
  segments: string;
  segment: string;
  pareto: string;
  paretoAxis: string;
  topShare: (percent: number) => string;
  stages: string;
  stage: string;
  churn: string;
  bucket: string;
  rfmGrid: string;
  rfmHint: string;
  recency: string;
  frequency: string;
  valueRisk: string;
  valueRiskHint: string;
  tier: string;
  clv: string;
  change: string;
  groups: string;
  group: string;
  members: string;
  list: string;
  filter: string;
  all: string;
  sort: string;
  sortChurn: string;
  sortClv: string;
  sortMonetary: string;
  apply: string;
  name: string;
  rfm: string;
  risk: string;
  orders: string;
  next: string;
  firstPage: string;
  exportCsv: string;
  noCustomers: string;
  anonymous: string;
  rules: string;
  association: string;
  sequence: string;
  ifBought: string;
  thenBuys: string;
  laterBuys: string;
  support: string;
  confidence: string;
  lift: string;
  noRules: string;
  view: string;
}

export const messages: Catalog<ScoringMessages> = {
  en: {
    heading: 'Customer intelligence',
    lastRun: (when) => `Last full scoring ${when}.`,
    neverRun: 'Not scored yet. Scoring runs nightly; re-score now to see the first results.',
    lastPass: (kind, when, scored) => `Latest pass: ${kind}, ${when}, ${scored} customers scored.`,
    full: 'full',
    incremental: 'incremental',
    rescore: 'Re-score now',
    rescoring: 'Scoring…',
    rescored: (scored) => `Scored ${scored} customers.`,
    customers: 'Customers scored',
    buyers: 'Buyers',
    revenue: 'Revenue',
    actFirst: 'Tier A at high risk',
    showNumbers: 'Show the numbers',
    current: 'Now',
    previous: 'Previous run',
    segments: 'RFM segments',
    segment: 'Segment',
    pareto: 'Revenue by customer rank (Pareto curve)',
    paretoAxis: 'Top share of buyers',
    topShare: (p) => `Top ${p} %`,
    stages: 'Lifecycle stages',
    stage: 'Stage',
    churn: 'Churn risk',
    bucket: 'Risk',
    rfmGrid: 'Recency × frequency',
    rfmHint: 'Buyers per cell; 5 is best. Change since the previous run in brackets.',
    recency: 'Recency',
    frequency: 'Frequency',
    valueRisk: 'Value × risk',
    valueRiskHint: 'Who to act on first: valuable customers about to leave (top left).',
    tier: 'Tier',
    clv: '12-month value',
    change: 'Change',
    groups: 'Look-alike browsing groups',
    group: 'Group',
    members: 'Members',
    list: 'Customers',
    filter: 'Show',
    all: 'Everyone',
    sort: 'Sort by',
    sortChurn: 'Churn risk',
    sortClv: '12-month value',
    sortMonetary: 'Revenue',
    apply: 'Show',
    name: 'Customer',
    rfm: 'RFM',
    risk: 'Risk',
    orders: 'Orders',
    next: 'Next page',
    firstPage: 'First page',
    exportCsv: 'Export CSV',
    noCustomers: 'No customer matches.',
    anonymous: 'Anonymous visitor',
    rules: 'Cross-sell rules',
    association: 'Bought together',
    sequence: 'Bought later (within the window)',
    ifBought: 'Bought',
    thenBuys: 'Also buys',
    laterBuys: 'Later buys',
    support: 'Support',
    confidence: 'Confidence',
    lift: 'Lift',
    noRules: 'No rule reaches the site’s minimums yet.',
    view: 'View',
  },
  'zh-CN': {
    heading: '客户洞察',
    lastRun: (when) => `上次完整评分：${when}。`,
    neverRun: '尚未评分。评分每晚运行；立即重新评分可查看首批结果。',
    lastPass: (kind, when, scored) => `最近一次：${kind}，${when}，评分 ${scored} 位客户。`,
    full: '完整',
    incremental: '增量',
    rescore: '立即重新评分',
    rescoring: '评分中…',
    rescored: (scored) => `已评分 ${scored} 位客户。`,
    customers: '已评分客户',
    buyers: '购买客户',
    revenue: '收入',
    actFirst: '高风险的 A 级客户',
    showNumbers: '显示数据',
    current: '本次',
    previous: '上次',
    segments: 'RFM 分群',
    segment: '分群',
    pareto: '按客户排名的收入（帕累托曲线）',
    paretoAxis: '前若干比例的购买客户',
    topShare: (p) => `前 ${p}%`,
    stages: '生命周期阶段',
    stage: '阶段',
    churn: '流失风险',
    bucket: '风险',
    rfmGrid: '最近 × 频率',
    rfmHint: '每格的购买客户数；5 为最佳。括号内为与上次相比的变化。',
    recency: '最近',
    frequency: '频率',
    valueRisk: '价值 × 风险',
    valueRiskHint: '优先跟进：即将流失的高价值客户（左上）。',
    tier: '等级',
    clv: '12 个月价值',
    change: '变化',
    groups: '相似浏览兴趣组',
    group: '兴趣组',
    members: '成员',
    list: '客户',
    filter: '显示',
    all: '全部',
    sort: '排序',
    sortChurn: '流失风险',
    sortClv: '12 个月价值',
    sortMonetary: '收入',
    apply: '显示',
    name: '客户',
    rfm: 'RFM',
    risk: '风险',
    orders: '订单',
    next: '下一页',
    firstPage: '第一页',
    exportCsv: '导出 CSV',
    noCustomers: '没有符合条件的客户。',
    anonymous: '匿名访客',
    rules: '交叉销售规则',
    association: '一起购买',
    sequence: '之后购买（时间窗口内）',
    ifBought: '购买了',
    thenBuys: '也会购买',
    laterBuys: '之后购买',
    support: '支持度',
    confidence: '置信度',
    lift: '提升度',
    noRules: '尚无规则达到本站的最低要求。',
    view: '查看',
  },
  'zh-TW': {
    heading: '客戶洞察',
    lastRun: (when) => `上次完整評分：${when}。`,
    neverRun: '尚未評分。評分每晚執行；立即重新評分可查看首批結果。',
    lastPass: (kind, when, scored) => `最近一次：${kind}，${when}，評分 ${scored} 位客戶。`,
    full: '完整',
    incremental: '增量',
    rescore: '立即重新評分',
    rescoring: '評分中…',
    rescored: (scored) => `已評分 ${scored} 位客戶。`,
    customers: '已評分客戶',
    buyers: '購買客戶',
    revenue: '營收',
    actFirst: '高風險的 A 級客戶',
    showNumbers: '顯示數據',
    current: '本次',
    previous: '上次',
    segments: 'RFM 分群',
    segment: '分群',
    pareto: '依客戶排名的營收（帕累托曲線）',
    paretoAxis: '前若干比例的購買客戶',
    topShare: (p) => `前 ${p}%`,
    stages: '生命週期階段',
    stage: '階段',
    churn: '流失風險',
    bucket: '風險',
    rfmGrid: '最近 × 頻率',
    rfmHint: '每格的購買客戶數；5 為最佳。括號內為與上次相比的變化。',
    recency: '最近',
    frequency: '頻率',
    valueRisk: '價值 × 風險',
    valueRiskHint: '優先跟進：即將流失的高價值客戶（左上）。',
    tier: '等級',
    clv: '12 個月價值',
    change: '變化',
    groups: '相似瀏覽興趣組',
    group: '興趣組',
    members: '成員',
    list: '客戶',
    filter: '顯示',
    all: '全部',
    sort: '排序',
    sortChurn: '流失風險',
    sortClv: '12 個月價值',
    sortMonetary: '營收',
    apply: '顯示',
    name: '客戶',
    rfm: 'RFM',
    risk: '風險',
    orders: '訂單',
    next: '下一頁',
    firstPage: '第一頁',
    exportCsv: '匯出 CSV',
    noCustomers: '沒有符合條件的客戶。',
    anonymous: '匿名訪客',
    rules: '交叉銷售規則',
    association: '一起購買',
    sequence: '之後購買（時間窗口內）',
    ifBought: '購買了',
    thenBuys: '也會購買',
    laterBuys: '之後購買',
    support: '支持度',
    confidence: '信賴度',
    lift: '提升度',
    noRules: '尚無規則達到本站的最低要求。',
    view: '檢視',
  },
};
