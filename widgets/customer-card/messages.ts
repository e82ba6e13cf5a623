import type { ProductionStatus } from '../../worker/contract/constants.ts';
import type { Catalog } from '../core/i18n.ts';

/** Texts of `<crm-customer-card>`. */
export interface CardMessages {
  heading: string;
  guest: string;
  memberSince: (date: string) => string;
  orders: (count: number) => string;
  pageViews: (count: number) => string;
  recentOrders: string;
  recentPages: string;
  order: (reference: string | null) => string;
  noOrders: string;
  noPages: string;
  loading: string;
  notTracked: string;
  error: string;
  signInAgain: string;
  retry: string;
  /** A custom order's production status (`received`, `in_production`, …). */
  production: Record<ProductionStatus, string>;
  referral: string;
  referred: (count: number) => string;
}

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

/** Translations of the card: English, Simplified and Traditional Chinese. */
export const messages: Catalog<CardMessages> = {
  en: {
    heading: 'Your profile',
    guest: 'Guest',
    memberSince: (date) => `Member since ${date}`,
    orders: (count) => plural(count, 'order', 'orders'),
    pageViews: (count) => plural(count, 'page viewed', 'pages viewed'),
    recentOrders: 'Recent orders',
    recentPages: 'Recently viewed',
    order: (reference) => (reference ? `Order ${reference}` : 'Order'),
    noOrders: 'No orders yet.',
    noPages: 'No pages viewed yet.',
    loading: 'Loading your profile…',
    notTracked: 'Your activity is not recorded in this browser.',
    error: 'We could not load your profile.',
    signInAgain: 'Please sign in again to see your profile.',
    retry: 'Try again',
    production: {
      received: 'Received',
      in_production: 'In production',
      quality_check: 'Quality check',
      shipped: 'Shipped',
      delivered: 'Delivered',
      cancelled: 'Cancelled',
    },
    referral: 'Your referral link',
    referred: (count) => plural(count, 'friend came through it', 'friends came through it'),
  },
  'zh-CN': {
    heading: '我的资料',
    guest: '访客',
    memberSince: (date) => `${date} 加入`,
    orders: (count) => `${count} 个订单`,
    pageViews: (count) => `浏览了 ${count} 个页面`,
    recentOrders: '最近订单',
    recentPages: '最近浏览',
    order: (reference) => (reference ? `订单 ${reference}` : '订单'),
    noOrders: '还没有订单。',
    noPages: '还没有浏览记录。',
    loading: '正在加载您的资料…',
    notTracked: '此浏览器不记录您的活动。',
    error: '无法加载您的资料。',
    signInAgain: '请重新登录以查看您的资料。',
    retry: '重试',
    production: {
      received: '已接单',
      in_production: '生产中',
      quality_check: '质检中',
      shipped: '已发货',
      delivered: '已送达',
      cancelled: '已取消',
    },
    referral: '我的推荐链接',
    referred: (count) => `已有 ${count} 位朋友通过它来访`,
  },
  'zh-TW': {
    heading: '我的資料',
    guest: '訪客',
    memberSince: (date) => `${date} 加入`,
    orders: (count) => `${count} 筆訂單`,
    pageViews: (count) => `瀏覽了 ${count} 個頁面`,
    recentOrders: '最近訂單',
    recentPages: '最近瀏覽',
    order: (reference) => (reference ? `訂單 ${reference}` : '訂單'),
    noOrders: '尚無訂單。',
    noPages: '尚無瀏覽記錄。',
    loading: '正在載入您的資料…',
    notTracked: '此瀏覽器不記錄您的活動。',
    error: '無法載入您的資料。',
    signInAgain: '請重新登入以查看您的資料。',
    retry: '重試',
    production: {
      received: '已接單',
      in_production: '生產中',
      quality_check: '品檢中',
      shipped: '已出貨',
      delivered: '已送達',
      cancelled: '已取消',
    },
    referral: '我的推薦連結',
    referred: (count) => `已有 ${count} 位朋友透過它來訪`,
  },
};
