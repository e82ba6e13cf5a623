import { resolveLocale, type Locale } from '../core/i18n.ts';

const KEY = 'crm-console-locale';

/** The languages the console speaks, each named in itself for the switcher. */
export const LANGUAGES: readonly { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'English' },
  { locale: 'zh-CN', label: '简体中文' },
  { locale: 'zh-TW', label: '繁體中文' },
];

/** The language chosen last in this browser, else the browser's own. */
export function storedLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage may be off (privacy settings): fall back to the browser's language.
  }
  return resolveLocale(saved ?? navigator.language);
}

/** Remembers the chosen language; a browser refusing storage just forgets it. */
export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Nothing to do: the choice lasts for this page only.
  }
}
