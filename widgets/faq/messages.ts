import type { Catalog } from '../core/i18n.ts';

/** Texts of `<crm-faq>`. */
export interface FaqMessages {
  heading: string;
  searchLabel: string;
  searchPlaceholder: string;
  categories: string;
  allArticles: string;
  results: (count: number) => string;
  noResults: (query: string) => string;
  didYouMean: (query: string) => string;
  searching: string;
  loading: string;
  error: string;
  retry: string;
  back: string;
  helpfulQuestion: string;
  yes: string;
  no: string;
  thanks: string;
  voteFailed: string;
  related: string;
  stillNeedHelp: string;
  contactUs: string;
  ticketSubject: (query: string, title: string | undefined) => string;
  ticketBody: (query: string, titles: string[]) => string;
  articles: (count: number) => string;
  escalationUnavailable: string;
}

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

/** Translations of the help center: English, Simplified and Traditional Chinese. */
export const messages: Catalog<FaqMessages> = {
  en: {
    heading: 'Help center',
    searchLabel: 'Search help articles',
    searchPlaceholder: 'Search, e.g. “return”',
    categories: 'Browse by topic',
    allArticles: 'All topics',
    results: (count) => plural(count, 'article found', 'articles found'),
    noResults: (query) => `No articles match “${query}”.`,
    didYouMean: (query) => `Showing results for “${query}”.`,
    searching: 'Searching…',
    loading: 'Loading…',
    error: 'The help center could not be loaded.',
    retry: 'Try again',
    back: 'Back',
    helpfulQuestion: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for your feedback.',
    voteFailed: 'Your answer could not be recorded.',
    related: 'Related articles',
    stillNeedHelp: 'Still need help?',
    contactUs: 'Contact us',
    ticketSubject: (query, title) =>
      title ? `Question about “${title}”` : query ? `Help with “${query}”` : 'Help request',
    ticketBody: (query, titles) =>
      [
        query ? `I searched for: ${query}` : '',
        titles.length ? `Articles I read:\n${titles.map((t) => `- ${t}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    articles: (count) => plural(count, 'article', 'articles'),
    escalationUnavailable: 'Please contact the shop directly.',
  },
  'zh-CN': {
    heading: '帮助中心',
    searchLabel: '搜索帮助文章',
    searchPlaceholder: '搜索，例如“退货”',
    categories: '按主题浏览',
    allArticles: '全部主题',
    results: (count) => `找到 ${count} 篇文章`,
    noResults: (query) => `没有与“${query}”匹配的文章。`,
    didYouMean: (query) => `显示“${query}”的结果。`,
    searching: '正在搜索…',
    loading: '正在加载…',
    error: '无法加载帮助中心。',
    retry: '重试',
    back: '返回',
    helpfulQuestion: '这篇文章有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    thanks: '感谢您的反馈。',
    voteFailed: '无法记录您的反馈。',
    related: '相关文章',
    stillNeedHelp: '仍需要帮助？',
    contactUs: '联系我们',
    ticketSubject: (query, title) =>
      title ? `关于“${title}”的问题` : query ? `关于“${query}”的求助` : '求助',
    ticketBody: (query, titles) =>
      [
        query ? `我搜索了：${query}` : '',
        titles.length ? `我看过的文章：\n${titles.map((t) => `- ${t}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    articles: (count) => `${count} 篇文章`,
    escalationUnavailable: '请直接联系商店。',
  },
  'zh-TW': {
    heading: '說明中心',
    searchLabel: '搜尋說明文章',
    searchPlaceholder: '搜尋，例如「退貨」',
    categories: '依主題瀏覽',
    allArticles: '全部主題',
    results: (count) => `找到 ${count} 篇文章`,
    noResults: (query) => `沒有與「${query}」相符的文章。`,
    didYouMean: (query) => `顯示「${query}」的結果。`,
    searching: '正在搜尋…',
    loading: '正在載入…',
    error: '無法載入說明中心。',
    retry: '重試',
    back: '返回',
    helpfulQuestion: '這篇文章有幫助嗎？',
    yes: '有幫助',
    no: '沒幫助',
    thanks: '感謝您的回饋。',
    voteFailed: '無法記錄您的回饋。',
    related: '相關文章',
    stillNeedHelp: '仍需要協助？',
    contactUs: '聯絡我們',
    ticketSubject: (query, title) =>
      title ? `關於「${title}」的問題` : query ? `關於「${query}」的求助` : '求助',
    ticketBody: (query, titles) =>
      [
        query ? `我搜尋了：${query}` : '',
        titles.length ? `我看過的文章：\n${titles.map((t) => `- ${t}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    articles: (count) => `${count} 篇文章`,
    escalationUnavailable: '請直接聯絡商店。',
  },
};
