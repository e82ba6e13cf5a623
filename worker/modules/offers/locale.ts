import type { OfferLocaleText } from '../../../db/schema/index.ts';

/** The locale whose texts a language tag picks: Traditional Chinese tags → zh-TW, other zh → zh-CN. */
export function offerLocale(language: string | null): 'en' | 'zh-CN' | 'zh-TW' {
  const tag = (language ?? '').toLowerCase();
  if (!tag.startsWith('zh')) return 'en';
  return /^zh-(tw|hk|mo|hant)/.test(tag) ? 'zh-TW' : 'zh-CN';
}

/** An offer's texts in the asked language, each falling back to the base text. */
export function localized(
  offer: { title: string; body: string; ctaLabel: string | null; locales: Record<string, OfferLocaleText> },
  language: string | null,
): { title: string; body: string; ctaLabel: string | null } {
  const variant = offer.locales[offerLocale(language)] ?? {};
  return {
    title: variant.title ?? offer.title,
    body: variant.body ?? offer.body,
    ctaLabel: variant.ctaLabel ?? offer.ctaLabel,
  };
}
