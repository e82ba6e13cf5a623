import type { HelpLocale } from '../../contract/constants.ts';

/**
 * The languages an article may be shown in for a visitor, best first: the visitor's own, then
 * the other Chinese script (matching treats them as one language), then English.
 */
export function localeChain(locale: HelpLocale): HelpLocale[] {
  if (locale === 'zh-CN') return ['zh-CN', 'zh-TW', 'en'];
  if (locale === 'zh-TW') return ['zh-TW', 'zh-CN', 'en'];
  return ['en'];
}

/** The best of several translations of one article for a locale chain. */
export function preferred<T extends { locale: HelpLocale }>(rows: T[], chain: HelpLocale[]): T | undefined {
  return rows
    .filter((row) => chain.includes(row.locale))
    .sort((a, b) => chain.indexOf(a.locale) - chain.indexOf(b.locale))[0];
}

/** A category's name in the chain's best locale. */
export function nameIn(
  names: Partial<Record<HelpLocale, string>>,
  chain: HelpLocale[],
  fallback: string,
): string {
  for (const locale of [...chain, 'en', 'zh-CN', 'zh-TW'] as const) {
    const name = names[locale];
    if (name) return name;
  }
  return fallback;
}
