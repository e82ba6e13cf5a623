import type { Catalog } from '../core/i18n.ts';

/** Texts of `<crm-offer-banner>`. */
export interface BannerMessages {
  region: string;
  code: string;
  copy: string;
  copied: string;
  copyFailed: string;
  dismiss: string;
  percentOff: (percent: number) => string;
}

/** Translations of the banner: English, Simplified and Traditional Chinese. */
export const messages: Catalog<BannerMessages> = {
  en: {
    region: 'Offer',
    code: 'Code',
    copy: 'Copy code',
    copied: 'Code copied',
    copyFailed: 'Could not copy; select the code instead',
    dismiss: 'Dismiss offer',
    percentOff: (percent) => `${percent}% off`,
  },
  'zh-CN': {
    region: '优惠',
    code: '优惠码',
    copy: '复制优惠码',
    copied: '已复制优惠码',
    copyFailed: '无法复制，请手动选择优惠码',
    dismiss: '关闭优惠',
    percentOff: (percent) => `立减 ${percent}%`,
  },
  'zh-TW': {
    region: '優惠',
    code: '優惠碼',
    copy: '複製優惠碼',
    copied: '已複製優惠碼',
    copyFailed: '無法複製，請手動選取優惠碼',
    dismiss: '關閉優惠',
    percentOff: (percent) => `立減 ${percent}%`,
  },
};
