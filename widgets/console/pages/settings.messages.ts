import type { Catalog } from '../../core/i18n.ts';

export interface SettingsMessages {
  heading: string;
  general: string;
  name: string;
  origins: string;
  originsHint: string;
  install: string;
  installHint: string;
  installNone: string;
  origin: string;
  allowed: string;
  notAllowed: string;
  firstEvent: string;
  lastEvent: string;
  events: string;
  keys: string;
  publishableKey: string;
  secretKey: string;
  secretKeyHint: string;
  rotateSecret: string;
  rotateSecretConfirm: string;
  identitySecret: string;
  identityHint: string;
  graceHours: string;
  graceHint: string;
  rotateIdentity: string;
  rotateIdentityConfirm: (hours: number) => string;
  previousUntil: (date: string) => string;
  confirmTitle: string;
  rotate: string;
  ownerOnly: string;
  newSite: string;
  newSiteHint: string;
  create: string;
  created: (name: string) => string;
  openSite: string;
}

export const messages: Catalog<SettingsMessages> = {
  en: {
    heading: 'Site settings',
    general: 'Name and allowed origins',
    name: 'Site name',
    origins: 'Allowed origins',
    originsHint:
      'One per line, like https://shop.example (or *.shop.example for its subdomains). The kit answers only these.',
    install: 'Install check',
    installHint:
      'The last event seen from each origin the kit reported from: a recent one means the snippet works there.',
    installNone: 'No events yet. Paste the snippet into a page and open it.',
    origin: 'Origin',
    allowed: 'Allowed',
    notAllowed: 'Not allowed',
    firstEvent: 'First event',
    lastEvent: 'Last event',
    events: 'Events',
    keys: 'Keys',
    publishableKey: 'Publishable key',
    secretKey: 'Secret key',
    secretKeyHint:
      'Your servers use it to record orders and read customers. Rotating stops the old key at once.',
    rotateSecret: 'Rotate the secret key',
    rotateSecretConfirm:
      'The current secret key stops working at once: every server using it fails until it has the new one. Rotate now?',
    identitySecret: 'Identity secret',
    identityHint:
      'Your servers sign customers’ identity tokens with it. The previous secret keeps verifying during the grace period, so servers can roll.',
    graceHours: 'Grace period (hours)',
    graceHint: '0 to 168; 0 ends the previous secret at once.',
    rotateIdentity: 'Rotate the identity secret',
    rotateIdentityConfirm: (hours) =>
      hours === 0
        ? 'The current identity secret stops verifying at once. Rotate now?'
        : `The current identity secret keeps verifying for ${hours} more hours. Rotate now?`,
    previousUntil: (date) => `The previous identity secret verifies until ${date}.`,
    confirmTitle: 'Are you sure?',
    rotate: 'Rotate',
    ownerOnly: 'Only an owner can rotate keys.',
    newSite: 'Add a site',
    newSiteHint: 'Another site with its own keys, customers and settings.',
    create: 'Create site',
    created: (name) => `${name} is ready.`,
    openSite: 'Open its settings',
  },
  'zh-CN': {
    heading: '站点设置',
    general: '名称和允许的来源',
    name: '站点名称',
    origins: '允许的来源',
    originsHint:
      '每行一个，例如 https://shop.example（或用 *.shop.example 表示其子域名）。工具包只响应这些来源。',
    install: '安装检查',
    installHint: '每个来源最近一次上报的事件：最近有事件表示代码片段在该处正常工作。',
    installNone: '还没有事件。请将代码片段粘贴到页面中并打开该页面。',
    origin: '来源',
    allowed: '已允许',
    notAllowed: '未允许',
    firstEvent: '首个事件',
    lastEvent: '最近事件',
    events: '事件数',
    keys: '密钥',
    publishableKey: '公开密钥',
    secretKey: '私密密钥',
    secretKeyHint: '您的服务器用它记录订单和读取客户。轮换后旧密钥立即失效。',
    rotateSecret: '轮换私密密钥',
    rotateSecretConfirm: '当前私密密钥将立即失效：所有使用它的服务器在换上新密钥之前都会失败。现在轮换吗？',
    identitySecret: '身份密钥',
    identityHint: '您的服务器用它签署客户的身份令牌。宽限期内旧密钥仍可验证，便于服务器逐步更新。',
    graceHours: '宽限期（小时）',
    graceHint: '0 到 168；0 表示旧密钥立即失效。',
    rotateIdentity: '轮换身份密钥',
    rotateIdentityConfirm: (hours) =>
      hours === 0
        ? '当前身份密钥将立即停止验证。现在轮换吗？'
        : `当前身份密钥将在 ${hours} 小时内继续有效。现在轮换吗？`,
    previousUntil: (date) => `旧身份密钥在 ${date} 之前仍可验证。`,
    confirmTitle: '确定吗？',
    rotate: '轮换',
    ownerOnly: '只有所有者可以轮换密钥。',
    newSite: '添加站点',
    newSiteHint: '另一个拥有独立密钥、客户和设置的站点。',
    create: '创建站点',
    created: (name) => `${name} 已就绪。`,
    openSite: '打开其设置',
  },
  'zh-TW': {
    heading: '網站設定',
    general: '名稱和允許的來源',
    name: '網站名稱',
    origins: '允許的來源',
    originsHint:
      '每行一個，例如 https://shop.example（或用 *.shop.example 表示其子網域）。工具包只回應這些來源。',
    install: '安裝檢查',
    installHint: '每個來源最近一次回報的事件：最近有事件表示程式碼片段在該處正常運作。',
    installNone: '尚無事件。請將程式碼片段貼到頁面中並開啟該頁面。',
    origin: '來源',
    allowed: '已允許',
    notAllowed: '未允許',
    firstEvent: '首個事件',
    lastEvent: '最近事件',
    events: '事件數',
    keys: '金鑰',
    publishableKey: '公開金鑰',
    secretKey: '私密金鑰',
    secretKeyHint: '您的伺服器用它記錄訂單和讀取客戶。輪替後舊金鑰立即失效。',
    rotateSecret: '輪替私密金鑰',
    rotateSecretConfirm: '目前的私密金鑰將立即失效：所有使用它的伺服器在換上新金鑰之前都會失敗。現在輪替嗎？',
    identitySecret: '身分密鑰',
    identityHint: '您的伺服器用它簽署客戶的身分權杖。寬限期內舊密鑰仍可驗證，方便伺服器逐步更新。',
    graceHours: '寬限期（小時）',
    graceHint: '0 到 168；0 表示舊密鑰立即失效。',
    rotateIdentity: '輪替身分密鑰',
    rotateIdentityConfirm: (hours) =>
      hours === 0
        ? '目前的身分密鑰將立即停止驗證。現在輪替嗎？'
        : `目前的身分密鑰將在 ${hours} 小時內繼續有效。現在輪替嗎？`,
    previousUntil: (date) => `舊身分密鑰在 ${date} 之前仍可驗證。`,
    confirmTitle: '確定嗎？',
    rotate: '輪替',
    ownerOnly: '只有擁有者可以輪替金鑰。',
    newSite: '新增網站',
    newSiteHint: '另一個擁有獨立金鑰、客戶和設定的網站。',
    create: '建立網站',
    created: (name) => `${name} 已就緒。`,
    openSite: '開啟其設定',
  },
};
