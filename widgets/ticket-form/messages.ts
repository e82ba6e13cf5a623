import type { Catalog } from '../core/i18n.ts';

/** Texts of `<crm-ticket-form>`. */
export interface TicketFormMessages {
  heading: string;
  tabs: string;
  newTicket: string;
  myTickets: string;
  category: string;
  chooseCategory: string;
  subject: string;
  description: string;
  order: string;
  noOrder: string;
  orderOption: (reference: string | null, date: string, items: string) => string;
  attachments: string;
  attachmentsHint: string;
  removeFile: (name: string) => string;
  email: string;
  name: string;
  contactHint: string;
  location: string;
  locationHint: string;
  shareLocation: string;
  locationShared: string;
  locationRefused: string;
  postcode: string;
  honeypot: string;
  submit: string;
  submitting: string;
  errorsHeading: (count: number) => string;
  required: (field: string) => string;
  tooLong: (field: string, max: number) => string;
  invalidEmail: string;
  fileTooBig: (name: string) => string;
  fileType: (name: string) => string;
  tooManyFiles: (max: number) => string;
  refused: Record<string, string>;
  genericError: string;
  uploadFailed: (name: string) => string;
  uploading: (name: string, percent: number) => string;
  createdHeading: string;
  reference: (ref: string) => string;
  routedTo: (site: string, km: string) => string;
  routedToNoDistance: (site: string) => string;
  notRouted: string;
  privateLink: string;
  privateLinkHint: string;
  openAnother: string;
  viewTicket: string;
  loading: string;
  noTickets: string;
  newReply: string;
  status: Record<string, string>;
  opened: (date: string) => string;
  back: string;
  you: string;
  staff: string;
  replyLabel: string;
  send: string;
  replyClosed: string;
  rateHeading: string;
  stars: (n: number) => string;
  comment: string;
  rate: string;
  yourRating: (n: number) => string;
  thanks: string;
  loadError: string;
  retry: string;
  notTracked: string;
  files: string;
  surveyHeading: (reference: string | null) => string;
  suggestion: string;
  surveyDone: string;
}

const refusedEn = {
  rate_limited:
    'You have opened several tickets in a short time. Please wait a while and try again; your text is kept.',
  spam_suspected: 'This submission looked automated. Please try again.',
  email_required: 'Please give your email address so we can answer you.',
  unknown_order: 'That order could not be found among yours.',
  validation_failed: 'Some fields are not valid. Please check them.',
};

/** Translations: English, Simplified and Traditional Chinese. */
export const messages: Catalog<TicketFormMessages> = {
  en: {
    heading: 'Customer service',
    tabs: 'Customer service',
    newTicket: 'New request',
    myTickets: 'My requests',
    category: 'Topic',
    chooseCategory: 'Choose a topic…',
    subject: 'Subject',
    description: 'Describe the problem',
    order: 'Order (optional)',
    noOrder: 'Not about an order',
    orderOption: (reference, date, items) => `${reference ?? 'Order'} · ${date}${items ? ` · ${items}` : ''}`,
    attachments: 'Photos or receipt (optional)',
    attachmentsHint: 'JPEG, PNG, WebP, GIF or PDF, up to 10 MB each.',
    removeFile: (name) => `Remove ${name}`,
    email: 'Email',
    name: 'Name (optional)',
    contactHint: 'We answer by email and on this page.',
    location: 'Where are you? (optional)',
    locationHint: 'So the nearest service site takes your request.',
    shareLocation: 'Use my location',
    locationShared: 'Location shared.',
    locationRefused: 'Your location is not available; enter a postcode instead.',
    postcode: 'Postcode or city',
    honeypot: 'Leave this field empty',
    submit: 'Send request',
    submitting: 'Sending…',
    errorsHeading: (count) => (count === 1 ? 'Please correct 1 field.' : `Please correct ${count} fields.`),
    required: (field) => `${field} is required.`,
    tooLong: (field, max) => `${field} must be at most ${max} characters.`,
    invalidEmail: 'Enter an email address like name@example.com.',
    fileTooBig: (name) => `${name} is larger than 10 MB.`,
    fileType: (name) => `${name} is not a picture or a PDF.`,
    tooManyFiles: (max) => `Attach at most ${max} files.`,
    refused: refusedEn,
    genericError: 'We could not send your request. Please try again; your text is kept.',
    uploadFailed: (name) => `${name} could not be attached.`,
    uploading: (name, percent) => `${name}: ${percent}%`,
    createdHeading: 'Request received',
    reference: (ref) => `Your reference: ${ref}`,
    routedTo: (site, km) => `Handled by ${site}, ${km} km from you.`,
    routedToNoDistance: (site) => `Handled by ${site}.`,
    notRouted: 'Our service team will pick it up shortly.',
    privateLink: 'Your private link',
    privateLinkHint: 'Keep this link: it opens your request from any browser.',
    openAnother: 'New request',
    viewTicket: 'View request',
    loading: 'Loading…',
    noTickets: 'You have no requests yet.',
    newReply: 'New reply',
    status: { open: 'Open', pending: 'Waiting for you', resolved: 'Resolved', closed: 'Closed' },
    opened: (date) => `Opened ${date}`,
    back: 'Back to my requests',
    you: 'You',
    staff: 'Service team',
    replyLabel: 'Your reply',
    send: 'Send reply',
    replyClosed: 'This request is closed. Please open a new one.',
    rateHeading: 'How satisfied are you with how we handled it?',
    stars: (n) => (n === 1 ? '1 star' : `${n} stars`),
    comment: 'Comment (optional)',
    rate: 'Send rating',
    yourRating: (n) => `You rated this ${n} of 5.`,
    thanks: 'Thank you for your feedback.',
    loadError: 'We could not load your requests.',
    retry: 'Try again',
    notTracked:
      'Customer service needs this browser to be recognised. Please accept the site’s cookies or contact us by email.',
    files: 'Files',
    surveyHeading: (reference) => `How satisfied are you with your order${reference ? ` ${reference}` : ''}?`,
    suggestion: 'What could we do better? (optional)',
    surveyDone: 'Thank you: your answer is recorded.',
  },
  'zh-CN': {
    heading: '客户服务',
    tabs: '客户服务',
    newTicket: '新建请求',
    myTickets: '我的请求',
    category: '主题',
    chooseCategory: '选择主题…',
    subject: '标题',
    description: '问题描述',
    order: '订单（可选）',
    noOrder: '与订单无关',
    orderOption: (reference, date, items) => `${reference ?? '订单'} · ${date}${items ? ` · ${items}` : ''}`,
    attachments: '照片或收据（可选）',
    attachmentsHint: 'JPEG、PNG、WebP、GIF 或 PDF，每个不超过 10 MB。',
    removeFile: (name) => `移除 ${name}`,
    email: '电子邮箱',
    name: '姓名（可选）',
    contactHint: '我们会通过电子邮件和本页面答复您。',
    location: '您在哪里？（可选）',
    locationHint: '以便由离您最近的服务网点处理。',
    shareLocation: '使用我的位置',
    locationShared: '已共享位置。',
    locationRefused: '无法获取您的位置，请改为输入邮编。',
    postcode: '邮编或城市',
    honeypot: '请勿填写此字段',
    submit: '提交请求',
    submitting: '正在提交…',
    errorsHeading: (count) => `请更正 ${count} 个字段。`,
    required: (field) => `请填写${field}。`,
    tooLong: (field, max) => `${field}最多 ${max} 个字符。`,
    invalidEmail: '请输入有效的电子邮箱，例如 name@example.com。',
    fileTooBig: (name) => `${name} 超过 10 MB。`,
    fileType: (name) => `${name} 不是图片或 PDF。`,
    tooManyFiles: (max) => `最多附加 ${max} 个文件。`,
    refused: {
      rate_limited: '您在短时间内提交了多个请求，请稍后再试；您填写的内容已保留。',
      spam_suspected: '此次提交疑似自动发送，请重试。',
      email_required: '请填写电子邮箱，以便我们答复您。',
      unknown_order: '在您的订单中找不到该订单。',
      validation_failed: '部分字段无效，请检查。',
    },
    genericError: '请求未能发送，请重试；您填写的内容已保留。',
    uploadFailed: (name) => `${name} 未能上传。`,
    uploading: (name, percent) => `${name}：${percent}%`,
    createdHeading: '已收到您的请求',
    reference: (ref) => `您的编号：${ref}`,
    routedTo: (site, km) => `由 ${site} 处理，距您 ${km} 公里。`,
    routedToNoDistance: (site) => `由 ${site} 处理。`,
    notRouted: '我们的服务团队将尽快处理。',
    privateLink: '您的专属链接',
    privateLinkHint: '请保存此链接：可在任何浏览器中打开您的请求。',
    openAnother: '新建请求',
    viewTicket: '查看请求',
    loading: '正在加载…',
    noTickets: '您还没有请求。',
    newReply: '新回复',
    status: { open: '处理中', pending: '等待您回复', resolved: '已解决', closed: '已关闭' },
    opened: (date) => `${date} 提交`,
    back: '返回我的请求',
    you: '您',
    staff: '服务团队',
    replyLabel: '您的回复',
    send: '发送回复',
    replyClosed: '此请求已关闭，请新建请求。',
    rateHeading: '您对处理结果满意吗？',
    stars: (n) => `${n} 星`,
    comment: '评论（可选）',
    rate: '提交评分',
    yourRating: (n) => `您的评分：${n}/5。`,
    thanks: '感谢您的反馈。',
    loadError: '无法加载您的请求。',
    retry: '重试',
    notTracked: '客户服务需要识别此浏览器。请接受本站的 Cookie，或通过电子邮件联系我们。',
    files: '文件',
    surveyHeading: (reference) => `您对订单${reference ? ` ${reference} ` : ''}满意吗？`,
    suggestion: '我们可以做得更好吗？（可选）',
    surveyDone: '谢谢，您的回答已记录。',
  },
  'zh-TW': {
    heading: '客戶服務',
    tabs: '客戶服務',
    newTicket: '新增請求',
    myTickets: '我的請求',
    category: '主題',
    chooseCategory: '選擇主題…',
    subject: '標題',
    description: '問題描述',
    order: '訂單（選填）',
    noOrder: '與訂單無關',
    orderOption: (reference, date, items) => `${reference ?? '訂單'} · ${date}${items ? ` · ${items}` : ''}`,
    attachments: '照片或收據（選填）',
    attachmentsHint: 'JPEG、PNG、WebP、GIF 或 PDF，每個不超過 10 MB。',
    removeFile: (name) => `移除 ${name}`,
    email: '電子郵件',
    name: '姓名（選填）',
    contactHint: '我們會透過電子郵件和本頁面回覆您。',
    location: '您在哪裡？（選填）',
    locationHint: '以便由離您最近的服務據點處理。',
    shareLocation: '使用我的位置',
    locationShared: '已分享位置。',
    locationRefused: '無法取得您的位置，請改為輸入郵遞區號。',
    postcode: '郵遞區號或城市',
    honeypot: '請勿填寫此欄位',
    submit: '送出請求',
    submitting: '正在送出…',
    errorsHeading: (count) => `請更正 ${count} 個欄位。`,
    required: (field) => `請填寫${field}。`,
    tooLong: (field, max) => `${field}最多 ${max} 個字元。`,
    invalidEmail: '請輸入有效的電子郵件，例如 name@example.com。',
    fileTooBig: (name) => `${name} 超過 10 MB。`,
    fileType: (name) => `${name} 不是圖片或 PDF。`,
    tooManyFiles: (max) => `最多附加 ${max} 個檔案。`,
    refused: {
      rate_limited: '您在短時間內送出了多個請求，請稍後再試；您填寫的內容已保留。',
      spam_suspected: '此次送出疑似自動傳送，請重試。',
      email_required: '請填寫電子郵件，以便我們回覆您。',
      unknown_order: '在您的訂單中找不到該訂單。',
      validation_failed: '部分欄位無效，請檢查。',
    },
    genericError: '請求未能送出，請重試；您填寫的內容已保留。',
    uploadFailed: (name) => `${name} 未能上傳。`,
    uploading: (name, percent) => `${name}：${percent}%`,
    createdHeading: '已收到您的請求',
    reference: (ref) => `您的編號：${ref}`,
    routedTo: (site, km) => `由 ${site} 處理，距您 ${km} 公里。`,
    routedToNoDistance: (site) => `由 ${site} 處理。`,
    notRouted: '我們的服務團隊將盡快處理。',
    privateLink: '您的專屬連結',
    privateLinkHint: '請保存此連結：可在任何瀏覽器中開啟您的請求。',
    openAnother: '新增請求',
    viewTicket: '查看請求',
    loading: '正在載入…',
    noTickets: '您還沒有請求。',
    newReply: '新回覆',
    status: { open: '處理中', pending: '等待您回覆', resolved: '已解決', closed: '已關閉' },
    opened: (date) => `${date} 送出`,
    back: '返回我的請求',
    you: '您',
    staff: '服務團隊',
    replyLabel: '您的回覆',
    send: '送出回覆',
    replyClosed: '此請求已關閉，請新增請求。',
    rateHeading: '您對處理結果滿意嗎？',
    stars: (n) => `${n} 星`,
    comment: '評論（選填）',
    rate: '送出評分',
    yourRating: (n) => `您的評分：${n}/5。`,
    thanks: '感謝您的回饋。',
    loadError: '無法載入您的請求。',
    retry: '重試',
    notTracked: '客戶服務需要辨識此瀏覽器。請接受本站的 Cookie，或透過電子郵件聯絡我們。',
    files: '檔案',
    surveyHeading: (reference) => `您對訂單${reference ? ` ${reference} ` : ''}滿意嗎？`,
    suggestion: '我們可以做得更好嗎？（選填）',
    surveyDone: '謝謝，您的回答已記錄。',
  },
};
