import type { ConsentState, EventType } from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';

export interface CustomerMessages {
  back: string;
  anonymous: string;
  contact: string;
  email: string;
  phone: string;
  externalId: string;
  identifiedAt: string;
  notIdentified: string;
  firstSeen: string;
  lastSeen: string;
  consent: string;
  consentStates: Record<ConsentState, string>;
  stats: string;
  pageViews: string;
  dwell: string;
  sessions: string;
  orders: string;
  revenue: string;
  lastOrder: string;
  topCategories: string;
  noOrders: string;
  order: (reference: string | null) => string;
  items: string;
  quantity: string;
  price: string;
  timeline: string;
  timelineHint: string;
  noSessions: string;
  session: (start: string) => string;
  sessionSummary: (pages: number, dwell: string) => string;
  older: string;
  events: Record<EventType, (name: string) => string>;
  dwellOn: (duration: string) => string;
  noDwell: string;
}

export const messages: Catalog<CustomerMessages> = {
  en: {
    back: 'All customers',
    anonymous: 'Anonymous visitor',
    contact: 'Contact',
    email: 'Email',
    phone: 'Phone',
    externalId: 'Customer id',
    identifiedAt: 'Identified',
    notIdentified: 'Not yet',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    consent: 'Tracking consent',
    consentStates: { unknown: 'Not asked', granted: 'Granted', denied: 'Denied' },
    stats: 'At a glance',
    pageViews: 'Page views',
    dwell: 'Time on pages',
    sessions: 'Sessions',
    orders: 'Orders',
    revenue: 'Revenue',
    lastOrder: 'Last order',
    topCategories: 'Top categories',
    noOrders: 'No orders yet.',
    order: (reference) => (reference ? `Order ${reference}` : 'Order'),
    items: 'Items',
    quantity: 'Qty',
    price: 'Price',
    timeline: 'Browsing history',
    timelineHint: 'Newest session first; pages in the order viewed, with the time spent on each.',
    noSessions: 'No browsing recorded yet.',
    session: (start) => `Session of ${start}`,
    sessionSummary: (pages, dwell) => `${pages} ${pages === 1 ? 'page' : 'pages'}, ${dwell}`,
    older: 'Older sessions',
    events: {
      page_view: (name) => name,
      page_leave: (name) => `Left ${name}`,
      product_view: (name) => `Viewed product ${name}`,
      add_to_cart: (name) => `Added to cart: ${name}`,
      purchase: (name) => `Purchase ${name}`,
      custom: (name) => `Event: ${name}`,
    },
    dwellOn: (duration) => `${duration} on page`,
    noDwell: 'time not known',
  },
  'zh-CN': {
    back: '全部客户',
    anonymous: '匿名访客',
    contact: '联系方式',
    email: '邮箱',
    phone: '电话',
    externalId: '客户编号',
    identifiedAt: '识别时间',
    notIdentified: '尚未识别',
    firstSeen: '首次访问',
    lastSeen: '最近访问',
    consent: '跟踪同意',
    consentStates: { unknown: '未询问', granted: '已同意', denied: '已拒绝' },
    stats: '概况',
    pageViews: '页面浏览',
    dwell: '页面停留时间',
    sessions: '会话',
    orders: '订单',
    revenue: '收入',
    lastOrder: '最近订单',
    topCategories: '常看类别',
    noOrders: '还没有订单。',
    order: (reference) => (reference ? `订单 ${reference}` : '订单'),
    items: '商品',
    quantity: '数量',
    price: '价格',
    timeline: '浏览记录',
    timelineHint: '最新会话在前；页面按浏览顺序排列，并显示每页停留时间。',
    noSessions: '还没有浏览记录。',
    session: (start) => `${start} 的会话`,
    sessionSummary: (pages, dwell) => `${pages} 个页面，${dwell}`,
    older: '更早的会话',
    events: {
      page_view: (name) => name,
      page_leave: (name) => `离开 ${name}`,
      product_view: (name) => `查看商品 ${name}`,
      add_to_cart: (name) => `加入购物车：${name}`,
      purchase: (name) => `购买 ${name}`,
      custom: (name) => `事件：${name}`,
    },
    dwellOn: (duration) => `停留 ${duration}`,
    noDwell: '停留时间未知',
  },
  'zh-TW': {
    back: '全部客戶',
    anonymous: '匿名訪客',
    contact: '聯絡方式',
    email: '電子郵件',
    phone: '電話',
    externalId: '客戶編號',
    identifiedAt: '識別時間',
    notIdentified: '尚未識別',
    firstSeen: '首次造訪',
    lastSeen: '最近造訪',
    consent: '追蹤同意',
    consentStates: { unknown: '未詢問', granted: '已同意', denied: '已拒絕' },
    stats: '概況',
    pageViews: '頁面瀏覽',
    dwell: '頁面停留時間',
    sessions: '工作階段',
    orders: '訂單',
    revenue: '營收',
    lastOrder: '最近訂單',
    topCategories: '常看類別',
    noOrders: '尚無訂單。',
    order: (reference) => (reference ? `訂單 ${reference}` : '訂單'),
    items: '商品',
    quantity: '數量',
    price: '價格',
    timeline: '瀏覽記錄',
    timelineHint: '最新工作階段在前；頁面依瀏覽順序排列，並顯示每頁停留時間。',
    noSessions: '尚無瀏覽記錄。',
    session: (start) => `${start} 的工作階段`,
    sessionSummary: (pages, dwell) => `${pages} 個頁面，${dwell}`,
    older: '更早的工作階段',
    events: {
      page_view: (name) => name,
      page_leave: (name) => `離開 ${name}`,
      product_view: (name) => `檢視商品 ${name}`,
      add_to_cart: (name) => `加入購物車：${name}`,
      purchase: (name) => `購買 ${name}`,
      custom: (name) => `事件：${name}`,
    },
    dwellOn: (duration) => `停留 ${duration}`,
    noDwell: '停留時間未知',
  },
};
