import type { Catalog } from '../../core/i18n.ts';

/** Texts every page uses: states, errors by code, copying. */
export interface CommonMessages {
  loading: string;
  retry: string;
  copy: string;
  copied: string;
  copyFailed: string;
  shownOnce: string;
  done: string;
  cancel: string;
  save: string;
  saved: string;
  yes: string;
  no: string;
  never: string;
  /** Texts for the error codes the API answers with; others show the server's message. */
  errors: Record<string, string>;
  failed: (message: string) => string;
}

export const common: Catalog<CommonMessages> = {
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy: select the text and copy it yourself.',
    shownOnce: 'Shown only this once: store it now on your server, it cannot be shown again.',
    done: 'I have stored it',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved.',
    yes: 'Yes',
    no: 'No',
    never: 'Never',
    errors: {
      network: 'The server could not be reached. Check your connection and try again.',
      forbidden: 'Your role does not allow this.',
      invalid_credentials: 'Email or password is wrong, or there were too many attempts: try again later.',
      rate_limited: 'Too many attempts: wait a minute and try again.',
      invalid_invite: 'This invitation link is used, expired or unknown. Ask for a new one.',
      email_taken: 'A member with this email exists already.',
      last_owner: 'The last active owner must stay an active owner.',
      not_found: 'Not found.',
      invalid_setup_token: 'The setup token is wrong or used already.',
      self_deactivation: 'Ask another owner to deactivate your account.',
      setup_done: 'This installation is set up already: sign in instead.',
      unsupported_file_type: 'Attach a JPEG, PNG, WebP or GIF picture or a PDF.',
      size_mismatch: 'The file is larger than 10 MB.',
      too_many_attachments: 'This ticket holds 10 files already.',
      storage_unavailable: 'Files cannot be stored on this installation.',
    },
    failed: (message) => `That did not work: ${message}`,
  },
  'zh-CN': {
    loading: '正在加载…',
    retry: '重试',
    copy: '复制',
    copied: '已复制',
    copyFailed: '无法复制：请选中文本后手动复制。',
    shownOnce: '仅显示这一次：请立即保存到您的服务器，之后无法再次查看。',
    done: '我已保存',
    cancel: '取消',
    save: '保存',
    saved: '已保存。',
    yes: '是',
    no: '否',
    never: '从未',
    errors: {
      network: '无法连接服务器。请检查网络连接后重试。',
      forbidden: '您的角色无权执行此操作。',
      invalid_credentials: '邮箱或密码错误，或尝试次数过多：请稍后再试。',
      rate_limited: '尝试次数过多：请等待一分钟后重试。',
      invalid_invite: '此邀请链接已使用、已过期或无效。请索取新的链接。',
      email_taken: '已有成员使用此邮箱。',
      last_owner: '最后一位在职所有者必须保持所有者身份。',
      not_found: '未找到。',
      invalid_setup_token: '设置令牌错误或已被使用。',
      self_deactivation: '请让另一位所有者停用您的账户。',
      setup_done: '此安装已完成设置：请直接登录。',
      unsupported_file_type: '请附加 JPEG、PNG、WebP 或 GIF 图片或 PDF。',
      size_mismatch: '文件超过 10 MB。',
      too_many_attachments: '此工单已有 10 个文件。',
      storage_unavailable: '此安装无法存储文件。',
    },
    failed: (message) => `操作失败：${message}`,
  },
  'zh-TW': {
    loading: '正在載入…',
    retry: '重試',
    copy: '複製',
    copied: '已複製',
    copyFailed: '無法複製：請選取文字後手動複製。',
    shownOnce: '僅顯示這一次：請立即儲存到您的伺服器，之後無法再次檢視。',
    done: '我已儲存',
    cancel: '取消',
    save: '儲存',
    saved: '已儲存。',
    yes: '是',
    no: '否',
    never: '從未',
    errors: {
      network: '無法連線到伺服器。請檢查網路連線後重試。',
      forbidden: '您的角色無權執行此操作。',
      invalid_credentials: '電子郵件或密碼錯誤，或嘗試次數過多：請稍後再試。',
      rate_limited: '嘗試次數過多：請等待一分鐘後重試。',
      invalid_invite: '此邀請連結已使用、已過期或無效。請索取新的連結。',
      email_taken: '已有成員使用此電子郵件。',
      last_owner: '最後一位在職擁有者必須保持擁有者身分。',
      not_found: '找不到。',
      invalid_setup_token: '設定權杖錯誤或已被使用。',
      self_deactivation: '請讓另一位擁有者停用您的帳戶。',
      setup_done: '此安裝已完成設定：請直接登入。',
      unsupported_file_type: '請附加 JPEG、PNG、WebP 或 GIF 圖片或 PDF。',
      size_mismatch: '檔案超過 10 MB。',
      too_many_attachments: '此工單已有 10 個檔案。',
      storage_unavailable: '此安裝無法儲存檔案。',
    },
    failed: (message) => `操作失敗：${message}`,
  },
};
