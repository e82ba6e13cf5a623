import type { ConfiguratorLocale, Text } from './model.ts';

/** A model's label in `locale`, falling back to English. */
export function text(label: Text, locale: ConfiguratorLocale): string {
  return label[locale] ?? label.en;
}

/** Joins labels as a list with "or". */
function either(locale: ConfiguratorLocale, items: string[]): string {
  return items.join(locale === 'en' ? ' or ' : '或');
}

/**
 * The engine's explanations, in the configurator's three locales: shoppers read them in the
 * widget and the server answers them in its errors, so both say the same thing.
 */
export const ENGINE_MESSAGES = {
  en: {
    needs: (needs: string[]) => `needs: ${either('en', needs)}`,
    notWith: (other: string) => `not with: ${other}`,
    limit: (max: number, target: string, when: string) => `at most ${max} × ${target} with ${when}`,
    unavailable: 'no longer available',
    subject: (subject: string, reason: string) => `${subject}: ${reason}`,
    groupMin: (min: number) => `pick at least ${min}`,
    groupMax: (max: number) => `pick at most ${max}`,
    unknown: (id: string) => `unknown option “${id}”`,
    units: (units: number) => `${units} is not a possible amount`,
    quantity: (max: number) => `quantity must be from 1 to ${max}`,
  },
  'zh-CN': {
    needs: (needs: string[]) => `需要：${either('zh-CN', needs)}`,
    notWith: (other: string) => `不能与“${other}”同选`,
    limit: (max: number, target: string, when: string) => `选择“${when}”时，${target}最多 ${max} 个`,
    unavailable: '已停售',
    subject: (subject: string, reason: string) => `${subject}：${reason}`,
    groupMin: (min: number) => `至少选 ${min} 项`,
    groupMax: (max: number) => `至多选 ${max} 项`,
    unknown: (id: string) => `未知选项“${id}”`,
    units: (units: number) => `数量 ${units} 无效`,
    quantity: (max: number) => `数量须在 1 到 ${max} 之间`,
  },
  'zh-TW': {
    needs: (needs: string[]) => `需要：${either('zh-TW', needs)}`,
    notWith: (other: string) => `不能與「${other}」同選`,
    limit: (max: number, target: string, when: string) => `選擇「${when}」時，${target}最多 ${max} 個`,
    unavailable: '已停售',
    subject: (subject: string, reason: string) => `${subject}：${reason}`,
    groupMin: (min: number) => `至少選 ${min} 項`,
    groupMax: (max: number) => `至多選 ${max} 項`,
    unknown: (id: string) => `未知選項「${id}」`,
    units: (units: number) => `數量 ${units} 無效`,
    quantity: (max: number) => `數量須在 1 到 ${max} 之間`,
  },
} as const satisfies Record<ConfiguratorLocale, unknown>;
