import type { HelpLocale, HelpStatus } from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';

/** Texts of the help-center pages (articles, editor, report). */
export interface HelpMessages {
  heading: string;
  articlesTab: string;
  reportTab: string;
  newArticle: string;
  export: string;
  import: string;
  imported: (created: number, updated: number) => string;
  title: string;
  slug: string;
  language: string;
  status: string;
  statuses: Record<HelpStatus, string>;
  locales: Record<HelpLocale, string>;
  all: string;
  category: string;
  noCategory: string;
  updated: string;
  views: string;
  helpful: string;
  none: string;
  categories: string;
  addCategory: string;
  position: string;
  name: (locale: string) => string;
  delete: string;
  editArticle: string;
  back: string;
  tags: string;
  tagsHint: string;
  body: string;
  preview: string;
  save: string;
  saved: string;
  publish: string;
  unpublish: string;
  revisions: string;
  restore: string;
  by: (name: string) => string;
  period: string;
  days: (n: number) => string;
  deflection: string;
  deflectionHint: string;
  sessions: string;
  deflected: string;
  deflectionByDay: string;
  deflectionByCategory: string;
  showNumbers: string;
  day: string;
  searchOnly: string;
  topSearches: string;
  noResultSearches: string;
  query: string;
  searches: string;
  noResult: string;
  mostHelpful: string;
  leastHelpful: string;
  article: string;
  yesNo: string;
  source: () => string;
}

/** The help-center pages' translations: English, Simplified and Traditional Chinese. */
export const messages: Catalog<HelpMessages> = {
  en: {
    heading: 'Help center',
    articlesTab: 'Articles',
    reportTab: 'Report',
    newArticle: 'New article',
    export: 'Export JSON',
    import: 'Import JSON',
    imported: (c, u) => `Imported: ${c} new, ${u} updated.`,
    title: 'Title',
    slug: 'Slug (shared by translations)',
    language: 'Language',
    status: 'Status',
    statuses: { draft: 'Draft', published: 'Published' },
    locales: { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' },
    all: 'All',
    category: 'Category',
    noCategory: 'No category',
    updated: 'Updated',
    views: 'Views',
    helpful: 'Helpful (yes / no)',
    none: 'Nothing here yet.',
    categories: 'Categories',
    addCategory: 'Save category',
    position: 'Position',
    name: (locale) => `Name (${locale})`,
    delete: 'Delete',
    editArticle: 'Edit article',
    back: 'All articles',
    tags: 'Tags',
    tagsHint: 'Separated by commas',
    body: 'Text (Markdown)',
    preview: 'Preview',
    save: 'Save',
    saved: 'Saved.',
    publish: 'Publish',
    unpublish: 'Unpublish',
    revisions: 'Revisions',
    restore: 'Restore',
    by: (name) => `by ${name}`,
    period: 'Period',
    days: (n) => `Last ${n} days`,
    deflection: 'Deflection rate',
    deflectionHint:
      'Help sessions (a search or an article view) not followed by a ticket from the same visitor within 24 hours.',
    sessions: 'Help sessions',
    deflected: 'Without a ticket',
    deflectionByDay: 'Help sessions per day',
    deflectionByCategory: 'By category',
    showNumbers: 'Show the numbers',
    day: 'Day',
    searchOnly: 'Searches only',
    topSearches: 'Top searches',
    noResultSearches: 'Searches without a result (articles to write next)',
    query: 'Query',
    searches: 'Searches',
    noResult: 'No result',
    mostHelpful: 'Most helpful',
    leastHelpful: 'Least helpful',
    article: 'Article',
    yesNo: 'Yes / no',
    source: () => 'Counted as a ticket: a request opened at the service desk, or a “Still need help?” click.',
  },
  'zh-CN': {
    heading: '帮助中心',
    articlesTab: '文章',
    reportTab: '报告',
    newArticle: '新建文章',
    export: '导出 JSON',
    import: '导入 JSON',
    imported: (c, u) => `已导入：新增 ${c} 篇，更新 ${u} 篇。`,
    title: '标题',
    slug: '标识（各语言版本共用）',
    language: '语言',
    status: '状态',
    statuses: { draft: '草稿', published: '已发布' },
    locales: { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' },
    all: '全部',
    category: '分类',
    noCategory: '无分类',
    updated: '更新时间',
    views: '浏览',
    helpful: '有帮助（是 / 否）',
    none: '暂无内容。',
    categories: '分类',
    addCategory: '保存分类',
    position: '顺序',
    name: (locale) => `名称（${locale}）`,
    delete: '删除',
    editArticle: '编辑文章',
    back: '全部文章',
    tags: '标签',
    tagsHint: '用逗号分隔',
    body: '正文（Markdown）',
    preview: '预览',
    save: '保存',
    saved: '已保存。',
    publish: '发布',
    unpublish: '取消发布',
    revisions: '修订记录',
    restore: '恢复',
    by: (name) => `由 ${name}`,
    period: '时间范围',
    days: (n) => `最近 ${n} 天`,
    deflection: '自助解决率',
    deflectionHint: '帮助会话（搜索或浏览文章）之后 24 小时内同一访客没有提交工单的比例。',
    sessions: '帮助会话',
    deflected: '未提交工单',
    deflectionByDay: '每日帮助会话',
    deflectionByCategory: '按分类',
    showNumbers: '显示数据',
    day: '日期',
    searchOnly: '仅搜索',
    topSearches: '热门搜索',
    noResultSearches: '无结果的搜索（下一步该写的文章）',
    query: '搜索词',
    searches: '搜索次数',
    noResult: '无结果',
    mostHelpful: '最有帮助',
    leastHelpful: '最没帮助',
    article: '文章',
    yesNo: '是 / 否',
    source: () => '计为工单：在服务台提交的请求，或点击“仍需帮助？”。',
  },
  'zh-TW': {
    heading: '說明中心',
    articlesTab: '文章',
    reportTab: '報告',
    newArticle: '新增文章',
    export: '匯出 JSON',
    import: '匯入 JSON',
    imported: (c, u) => `已匯入：新增 ${c} 篇，更新 ${u} 篇。`,
    title: '標題',
    slug: '識別碼（各語言版本共用）',
    language: '語言',
    status: '狀態',
    statuses: { draft: '草稿', published: '已發布' },
    locales: { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' },
    all: '全部',
    category: '分類',
    noCategory: '無分類',
    updated: '更新時間',
    views: '瀏覽',
    helpful: '有幫助（是 / 否）',
    none: '尚無內容。',
    categories: '分類',
    addCategory: '儲存分類',
    position: '順序',
    name: (locale) => `名稱（${locale}）`,
    delete: '刪除',
    editArticle: '編輯文章',
    back: '全部文章',
    tags: '標籤',
    tagsHint: '以逗號分隔',
    body: '內文（Markdown）',
    preview: '預覽',
    save: '儲存',
    saved: '已儲存。',
    publish: '發布',
    unpublish: '取消發布',
    revisions: '修訂記錄',
    restore: '還原',
    by: (name) => `由 ${name}`,
    period: '時間範圍',
    days: (n) => `最近 ${n} 天`,
    deflection: '自助解決率',
    deflectionHint: '說明工作階段（搜尋或瀏覽文章）之後 24 小時內同一訪客沒有提交工單的比例。',
    sessions: '說明工作階段',
    deflected: '未提交工單',
    deflectionByDay: '每日說明工作階段',
    deflectionByCategory: '依分類',
    showNumbers: '顯示數據',
    day: '日期',
    searchOnly: '僅搜尋',
    topSearches: '熱門搜尋',
    noResultSearches: '沒有結果的搜尋（下一篇該寫的文章）',
    query: '搜尋詞',
    searches: '搜尋次數',
    noResult: '無結果',
    mostHelpful: '最有幫助',
    leastHelpful: '最沒幫助',
    article: '文章',
    yesNo: '是 / 否',
    source: () => '計為工單：在服務台提交的請求，或點選「仍需協助？」。',
  },
};
