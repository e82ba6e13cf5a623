import type { StaffRole } from '../../worker/contract/constants.ts';
import type { Catalog } from '../core/i18n.ts';

/** Texts of the console's frame: header, navigation, states every page shares. */
export interface ShellMessages {
  product: string;
  skip: string;
  language: string;
  site: string;
  nav: string;
  home: string;
  customers: string;
  activity: string;
  tickets: string;
  serviceSites: string;
  serviceReports: string;
  'custom-orders': string;
  products: string;
  scoring: string;
  offers: string;
  settings: string;
  staff: string;
  audit: string;
  help: string;
  signOut: string;
  signOutEverywhere: string;
  account: string;
  loading: string;
  loadFailed: string;
  retry: string;
  notFound: string;
  notAllowed: string;
  nothingYet: string;
  noSite: string;
  roles: Record<StaffRole, string>;
}

/** The shell's translations: English, Simplified and Traditional Chinese. */
export const messages: Catalog<ShellMessages> = {
  en: {
    product: 'CRM console',
    skip: 'Skip to content',
    language: 'Language',
    site: 'Site',
    nav: 'Console',
    home: 'Overview',
    customers: 'Customers',
    activity: 'Live activity',
    tickets: 'Service queue',
    serviceSites: 'Service sites',
    serviceReports: 'Service reports',
    'custom-orders': 'Custom orders',
    products: 'Configurator',
    scoring: 'Intelligence',
    offers: 'Offers',
    settings: 'Site settings',
    staff: 'Staff',
    audit: 'Audit log',
    help: 'Help center',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out everywhere',
    account: 'Account',
    loading: 'Loading…',
    loadFailed: 'This page could not be loaded. Check your connection and try again.',
    retry: 'Try again',
    notFound: 'There is no such page in the console.',
    notAllowed: 'Your role does not allow this page. Ask an owner if you need it.',
    nothingYet: 'There is nothing in the console for your role yet.',
    noSite: 'No site yet: an owner creates one in the site settings.',
    roles: { owner: 'Owner', admin: 'Admin', marketing: 'Marketing', service: 'Service', content: 'Content' },
  },
  'zh-CN': {
    product: 'CRM 控制台',
    skip: '跳到主要内容',
    language: '语言',
    site: '站点',
    nav: '控制台',
    home: '概览',
    customers: '客户',
    activity: '实时动态',
    tickets: '服务队列',
    serviceSites: '服务网点',
    serviceReports: '服务报表',
    'custom-orders': '定制订单',
    products: '定制器',
    scoring: '客户洞察',
    offers: '优惠',
    settings: '站点设置',
    staff: '员工',
    audit: '审计日志',
    help: '帮助中心',
    signOut: '退出登录',
    signOutEverywhere: '在所有设备上退出',
    account: '账户',
    loading: '正在加载…',
    loadFailed: '无法加载此页面。请检查网络连接后重试。',
    retry: '重试',
    notFound: '控制台中没有这个页面。',
    notAllowed: '您的角色无权查看此页面。如有需要，请联系所有者。',
    nothingYet: '控制台暂时没有适合您角色的内容。',
    noSite: '还没有站点：所有者可在站点设置中创建。',
    roles: { owner: '所有者', admin: '管理员', marketing: '市场', service: '客服', content: '内容' },
  },
  'zh-TW': {
    product: 'CRM 控制台',
    skip: '跳到主要內容',
    language: '語言',
    site: '網站',
    nav: '控制台',
    home: '概覽',
    customers: '客戶',
    activity: '即時動態',
    tickets: '服務佇列',
    serviceSites: '服務據點',
    serviceReports: '服務報表',
    'custom-orders': '訂製訂單',
    products: '訂製器',
    scoring: '客戶洞察',
    offers: '優惠',
    settings: '網站設定',
    staff: '員工',
    audit: '稽核日誌',
    help: '說明中心',
    signOut: '登出',
    signOutEverywhere: '在所有裝置上登出',
    account: '帳戶',
    loading: '正在載入…',
    loadFailed: '無法載入此頁面。請檢查網路連線後重試。',
    retry: '重試',
    notFound: '控制台中沒有這個頁面。',
    notAllowed: '您的角色無權檢視此頁面。如有需要，請聯絡擁有者。',
    nothingYet: '控制台暫時沒有適合您角色的內容。',
    noSite: '還沒有網站：擁有者可在網站設定中建立。',
    roles: { owner: '擁有者', admin: '管理員', marketing: '行銷', service: '客服', content: '內容' },
  },
};
