import type {
  RoutingReason,
  TicketEventType,
  TicketPriority,
  TicketStatus,
} from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';

/** Texts of the service desk pages: queue, ticket, service sites, reports. */
export interface TicketsMessages {
  queue: string;
  filters: string;
  status: string;
  serviceSite: string;
  category: string;
  priority: string;
  breached: string;
  assignee: string;
  age: string;
  any: string;
  unassigned: string;
  mine: string;
  olderThan: (hours: number) => string;
  activeOnly: string;
  apply: string;
  reset: string;
  counts: string;
  reference: string;
  subject: string;
  customer: string;
  opened: string;
  due: string;
  none: string;
  next: string;
  first: string;
  paging: string;
  statuses: Record<TicketStatus, string>;
  priorities: Record<TicketPriority, string>;
  reasons: Record<RoutingReason, string>;
  events: Record<TicketEventType, string>;
  breachedBadge: string;
  results: (count: number, more: boolean) => string;
  // Ticket page
  ticket: (reference: string) => string;
  back: string;
  details: string;
  routedTo: (site: string, km: string | null, reason: string) => string;
  notRouted: string;
  order: string;
  contact: string;
  slaFirst: string;
  slaResolution: string;
  met: string;
  missed: string;
  dueAt: (date: string) => string;
  thread: string;
  note: string;
  fromCustomer: string;
  reply: string;
  replyLabel: string;
  internal: string;
  internalHint: string;
  send: string;
  sendAndResolve: string;
  canned: string;
  insert: string;
  manage: string;
  tags: string;
  tagsHint: string;
  save: string;
  saved: string;
  files: string;
  noFiles: string;
  attachFile: string;
  attachHint: string;
  attach: string;
  history: string;
  rating: (stars: number) => string;
  earlier: string;
  handledBy: (name: string) => string;
  nobody: string;
  profile: string;
  openProfile: string;
  orders: string;
  pagesBefore: string;
  noOrders: string;
  noPages: string;
  // Service sites
  serviceSites: string;
  name: string;
  address: string;
  lat: string;
  lng: string;
  categories: string;
  categoriesHint: string;
  openingHours: string;
  active: string;
  isDefault: string;
  add: string;
  edit: string;
  remove: string;
  cancel: string;
  inactive: string;
  defaultBadge: string;
  importSites: string;
  importHint: string;
  importPostcodes: string;
  postcodesHint: string;
  importButton: string;
  imported: (count: number, errors: number) => string;
  lineError: (line: number, message: string) => string;
  noSites: string;
  // Reports
  reports: string;
  days: (n: number) => string;
  period: string;
  tickets: string;
  medianFirst: string;
  medianResolution: string;
  breachesFirst: string;
  breachesResolution: string;
  csatBySite: string;
  csatByCategory: string;
  csat: string;
  ratings: string;
  meanStars: string;
  volume: string;
  showNumbers: string;
  day: string;
  noData: string;
  duration: (ms: number) => string;
}

const en: TicketsMessages = {
  queue: 'Service queue',
  filters: 'Filters',
  status: 'Status',
  serviceSite: 'Service site',
  category: 'Category',
  priority: 'Priority',
  breached: 'SLA',
  assignee: 'Assignee',
  age: 'Age',
  any: 'Any',
  unassigned: 'Unassigned',
  mine: 'Me',
  olderThan: (h) => (h < 24 ? `Older than ${h} h` : `Older than ${h / 24} days`),
  activeOnly: 'Open or pending',
  apply: 'Apply',
  reset: 'Clear',
  counts: 'Tickets per status',
  reference: 'Reference',
  subject: 'Subject',
  customer: 'Customer',
  opened: 'Opened',
  due: 'Due',
  none: 'No tickets match.',
  next: 'Next page',
  first: 'First page',
  paging: 'Pages',
  statuses: { open: 'Open', pending: 'Pending', resolved: 'Resolved', closed: 'Closed' },
  priorities: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  reasons: {
    shared: 'location shared by the customer',
    postcode: 'postcode entered',
    request: 'network location',
    default: 'default site',
    manual: 'assigned by staff',
    none: 'no location',
  },
  events: {
    opened: 'Opened',
    customer_replied: 'Customer replied',
    staff_replied: 'Staff replied',
    status_changed: 'Status changed',
    resolved: 'Resolved',
    reopened: 'Reopened by the customer',
    rated: 'Rated',
    assigned: 'Assigned',
  },
  breachedBadge: 'SLA missed',
  results: (count, more) => `${count} tickets shown${more ? ', more on the next page' : ''}.`,
  ticket: (reference) => `Ticket ${reference}`,
  back: 'Back to the queue',
  details: 'Details',
  routedTo: (site, km, reason) => `${site}${km ? `, ${km} km` : ''} (${reason})`,
  notRouted: 'No service site',
  order: 'Order',
  contact: 'Contact',
  slaFirst: 'First response',
  slaResolution: 'Resolution',
  met: 'met',
  missed: 'missed',
  dueAt: (date) => `due ${date}`,
  thread: 'Conversation',
  note: 'Internal note',
  fromCustomer: 'Customer',
  reply: 'Reply',
  replyLabel: 'Message',
  internal: 'Internal note (only staff see it)',
  internalHint: 'Notes never reach the customer.',
  send: 'Send',
  sendAndResolve: 'Send and resolve',
  canned: 'Canned reply',
  insert: 'Insert',
  manage: 'Assignment and status',
  tags: 'Tags',
  tagsHint: 'Separated by commas',
  save: 'Save',
  saved: 'Saved.',
  files: 'Files',
  noFiles: 'No files yet.',
  attachFile: 'Attach a file',
  attachHint: 'A JPEG, PNG, WebP or GIF picture or a PDF, up to 10 MB. The customer sees it with the ticket.',
  attach: 'Attach',
  history: 'History',
  rating: (stars) => `Rated ${stars} of 5`,
  earlier: 'Earlier tickets',
  handledBy: (name) => `handled by ${name}`,
  nobody: 'not assigned',
  profile: 'Customer',
  openProfile: 'Open the full profile',
  orders: 'Orders',
  pagesBefore: 'Pages viewed before the ticket',
  noOrders: 'No orders.',
  noPages: 'No pages viewed.',
  serviceSites: 'Service sites',
  name: 'Name',
  address: 'Address',
  lat: 'Latitude',
  lng: 'Longitude',
  categories: 'Categories',
  categoriesHint: 'Separated by commas, as the ticket form lists them',
  openingHours: 'Opening hours',
  active: 'Active',
  isDefault: 'Default (tickets without a location)',
  add: 'Add service site',
  edit: 'Edit',
  remove: 'Remove',
  cancel: 'Cancel',
  inactive: 'Inactive',
  defaultBadge: 'Default',
  importSites: 'Import service sites (CSV)',
  importHint: 'Header: name, address, lat, lng, categories (separated by ;), opening_hours, active, default',
  importPostcodes: 'Import postcodes (CSV)',
  postcodesHint: 'Header: code, label, lat, lng',
  importButton: 'Import',
  imported: (count, errors) => `${count} imported${errors ? `, ${errors} lines refused` : ''}.`,
  lineError: (line, message) => `Line ${line}: ${message}`,
  noSites: 'No service sites yet.',
  reports: 'Service reports',
  days: (n) => `Last ${n} days`,
  period: 'Period',
  tickets: 'Tickets opened',
  medianFirst: 'Median first response',
  medianResolution: 'Median resolution',
  breachesFirst: 'First responses late',
  breachesResolution: 'Resolutions late',
  csatBySite: 'Satisfaction per service site',
  csatByCategory: 'Satisfaction per category',
  csat: 'CSAT (4–5 stars)',
  ratings: 'Ratings',
  meanStars: 'Mean stars',
  volume: 'Tickets per day and category',
  showNumbers: 'Show the numbers',
  day: 'Day',
  noData: 'No data in this period.',
  duration: (ms) => `${(ms / 3_600_000).toFixed(1)} h`,
};

const zhCN: TicketsMessages = {
  queue: '服务队列',
  filters: '筛选',
  status: '状态',
  serviceSite: '服务网点',
  category: '类别',
  priority: '优先级',
  breached: 'SLA',
  assignee: '负责人',
  age: '时长',
  any: '全部',
  unassigned: '未分配',
  mine: '我',
  olderThan: (h) => (h < 24 ? `超过 ${h} 小时` : `超过 ${h / 24} 天`),
  activeOnly: '处理中或待回复',
  apply: '应用',
  reset: '清除',
  counts: '各状态工单数',
  reference: '编号',
  subject: '标题',
  customer: '客户',
  opened: '创建时间',
  due: '截止',
  none: '没有符合条件的工单。',
  next: '下一页',
  first: '第一页',
  paging: '分页',
  statuses: { open: '处理中', pending: '待客户回复', resolved: '已解决', closed: '已关闭' },
  priorities: { urgent: '紧急', high: '高', normal: '普通', low: '低' },
  reasons: {
    shared: '客户共享的位置',
    postcode: '客户输入的邮编',
    request: '网络位置',
    default: '默认网点',
    manual: '员工指派',
    none: '无位置',
  },
  events: {
    opened: '创建',
    customer_replied: '客户回复',
    staff_replied: '员工回复',
    status_changed: '状态变更',
    resolved: '已解决',
    reopened: '客户重新打开',
    rated: '已评分',
    assigned: '已指派',
  },
  breachedBadge: '超出 SLA',
  results: (count, more) => `显示 ${count} 个工单${more ? '，下一页还有更多' : ''}。`,
  ticket: (reference) => `工单 ${reference}`,
  back: '返回队列',
  details: '详情',
  routedTo: (site, km, reason) => `${site}${km ? `，${km} 公里` : ''}（${reason}）`,
  notRouted: '无服务网点',
  order: '订单',
  contact: '联系方式',
  slaFirst: '首次响应',
  slaResolution: '解决',
  met: '达标',
  missed: '超时',
  dueAt: (date) => `截止 ${date}`,
  thread: '对话',
  note: '内部备注',
  fromCustomer: '客户',
  reply: '回复',
  replyLabel: '消息',
  internal: '内部备注（仅员工可见）',
  internalHint: '备注不会发送给客户。',
  send: '发送',
  sendAndResolve: '发送并解决',
  canned: '快捷回复',
  insert: '插入',
  manage: '指派和状态',
  tags: '标签',
  tagsHint: '用逗号分隔',
  save: '保存',
  saved: '已保存。',
  files: '文件',
  noFiles: '暂无文件。',
  attachFile: '附加文件',
  attachHint: 'JPEG、PNG、WebP 或 GIF 图片或 PDF，最大 10 MB。客户会在工单中看到它。',
  attach: '附加',
  history: '历史',
  rating: (stars) => `评分 ${stars}/5`,
  earlier: '以往工单',
  handledBy: (name) => `由 ${name} 处理`,
  nobody: '未指派',
  profile: '客户',
  openProfile: '打开完整资料',
  orders: '订单',
  pagesBefore: '提交工单前浏览的页面',
  noOrders: '没有订单。',
  noPages: '没有浏览记录。',
  serviceSites: '服务网点',
  name: '名称',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  categories: '类别',
  categoriesHint: '用逗号分隔，与工单表单中的类别一致',
  openingHours: '营业时间',
  active: '启用',
  isDefault: '默认（无位置的工单）',
  add: '添加服务网点',
  edit: '编辑',
  remove: '删除',
  cancel: '取消',
  inactive: '已停用',
  defaultBadge: '默认',
  importSites: '导入服务网点（CSV）',
  importHint: '表头：name, address, lat, lng, categories（用 ; 分隔）, opening_hours, active, default',
  importPostcodes: '导入邮编（CSV）',
  postcodesHint: '表头：code, label, lat, lng',
  importButton: '导入',
  imported: (count, errors) => `已导入 ${count} 条${errors ? `，拒绝 ${errors} 行` : ''}。`,
  lineError: (line, message) => `第 ${line} 行：${message}`,
  noSites: '还没有服务网点。',
  reports: '服务报表',
  days: (n) => `最近 ${n} 天`,
  period: '时间段',
  tickets: '新建工单',
  medianFirst: '首次响应中位数',
  medianResolution: '解决时间中位数',
  breachesFirst: '首次响应超时',
  breachesResolution: '解决超时',
  csatBySite: '各服务网点满意度',
  csatByCategory: '各类别满意度',
  csat: '满意度（4–5 星）',
  ratings: '评分数',
  meanStars: '平均星级',
  volume: '每天各类别工单数',
  showNumbers: '显示数据',
  day: '日期',
  noData: '此时间段没有数据。',
  duration: (ms) => `${(ms / 3_600_000).toFixed(1)} 小时`,
};

const zhTW: TicketsMessages = {
  ...zhCN,
  priorities: { urgent: '緊急', high: '高', normal: '普通', low: '低' },
  slaResolution: '解決',
  rating: (stars) => `評分 ${stars}/5`,
  duration: (ms) => `${(ms / 3_600_000).toFixed(1)} 小時`,
  days: (n) => `最近 ${n} 天`,
  queue: '服務佇列',
  filters: '篩選',
  status: '狀態',
  serviceSite: '服務據點',
  category: '類別',
  priority: '優先順序',
  assignee: '負責人',
  age: '時長',
  unassigned: '未指派',
  olderThan: (h) => (h < 24 ? `超過 ${h} 小時` : `超過 ${h / 24} 天`),
  activeOnly: '處理中或待回覆',
  apply: '套用',
  counts: '各狀態工單數',
  reference: '編號',
  subject: '標題',
  customer: '客戶',
  opened: '建立時間',
  none: '沒有符合條件的工單。',
  next: '下一頁',
  first: '第一頁',
  paging: '分頁',
  statuses: { open: '處理中', pending: '待客戶回覆', resolved: '已解決', closed: '已關閉' },
  reasons: {
    shared: '客戶分享的位置',
    postcode: '客戶輸入的郵遞區號',
    request: '網路位置',
    default: '預設據點',
    manual: '員工指派',
    none: '無位置',
  },
  events: {
    opened: '建立',
    customer_replied: '客戶回覆',
    staff_replied: '員工回覆',
    status_changed: '狀態變更',
    resolved: '已解決',
    reopened: '客戶重新開啟',
    rated: '已評分',
    assigned: '已指派',
  },
  breachedBadge: '超出 SLA',
  results: (count, more) => `顯示 ${count} 個工單${more ? '，下一頁還有更多' : ''}。`,
  ticket: (reference) => `工單 ${reference}`,
  back: '返回佇列',
  details: '詳情',
  routedTo: (site, km, reason) => `${site}${km ? `，${km} 公里` : ''}（${reason}）`,
  notRouted: '無服務據點',
  order: '訂單',
  contact: '聯絡方式',
  slaFirst: '首次回應',
  met: '達標',
  missed: '逾時',
  thread: '對話',
  note: '內部備註',
  fromCustomer: '客戶',
  reply: '回覆',
  replyLabel: '訊息',
  internal: '內部備註（僅員工可見）',
  internalHint: '備註不會傳送給客戶。',
  send: '送出',
  sendAndResolve: '送出並解決',
  canned: '快速回覆',
  manage: '指派和狀態',
  tags: '標籤',
  tagsHint: '以逗號分隔',
  save: '儲存',
  saved: '已儲存。',
  files: '檔案',
  noFiles: '尚無檔案。',
  attachFile: '附加檔案',
  attachHint: 'JPEG、PNG、WebP 或 GIF 圖片或 PDF，最大 10 MB。客戶會在工單中看到它。',
  attach: '附加',
  history: '歷程',
  earlier: '先前工單',
  handledBy: (name) => `由 ${name} 處理`,
  nobody: '未指派',
  profile: '客戶',
  openProfile: '開啟完整資料',
  orders: '訂單',
  pagesBefore: '建立工單前瀏覽的頁面',
  noOrders: '沒有訂單。',
  noPages: '沒有瀏覽記錄。',
  serviceSites: '服務據點',
  name: '名稱',
  address: '地址',
  lat: '緯度',
  lng: '經度',
  categories: '類別',
  categoriesHint: '以逗號分隔，與工單表單中的類別一致',
  openingHours: '營業時間',
  active: '啟用',
  isDefault: '預設（無位置的工單）',
  add: '新增服務據點',
  edit: '編輯',
  remove: '刪除',
  inactive: '已停用',
  defaultBadge: '預設',
  importSites: '匯入服務據點（CSV）',
  importHint: '標頭：name, address, lat, lng, categories（以 ; 分隔）, opening_hours, active, default',
  importPostcodes: '匯入郵遞區號（CSV）',
  postcodesHint: '標頭：code, label, lat, lng',
  importButton: '匯入',
  imported: (count, errors) => `已匯入 ${count} 筆${errors ? `，拒絕 ${errors} 行` : ''}。`,
  lineError: (line, message) => `第 ${line} 行：${message}`,
  noSites: '還沒有服務據點。',
  reports: '服務報表',
  period: '期間',
  tickets: '新建工單',
  medianFirst: '首次回應中位數',
  medianResolution: '解決時間中位數',
  breachesFirst: '首次回應逾時',
  breachesResolution: '解決逾時',
  csatBySite: '各服務據點滿意度',
  csatByCategory: '各類別滿意度',
  csat: '滿意度（4–5 星）',
  ratings: '評分數',
  meanStars: '平均星等',
  volume: '每天各類別工單數',
  showNumbers: '顯示數據',
  noData: '此期間沒有資料。',
};

/** The service desk pages' translations. */
export const messages: Catalog<TicketsMessages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
