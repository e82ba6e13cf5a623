/** Locales the widgets are translated into. */
export type Locale = 'en' | 'zh-CN' | 'zh-TW';

/** Maps any BCP 47 tag to a supported locale: Traditional Chinese regions and scripts → zh-TW. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (lower !== 'zh' && !lower.startsWith('zh-')) return 'en';
  return /^zh-(hant|tw|hk|mo)\b/.test(lower) ? 'zh-TW' : 'zh-CN';
}

/** One widget's messages in every locale; English is complete and the others match its keys. */
export type Catalog<M> = Record<Locale, M>;
