/**
 * A rendered help article as data: text strings and allowlisted elements. The server builds it
 * from Markdown (`worker/modules/help/markdown.ts`); widgets and the console turn it into DOM
 * nodes with `createElement` and text nodes, never through `innerHTML`, so an article renders
 * under a host page's Trusted Types policy without a policy of ours, and a tag or attribute
 * outside these lists cannot appear even if a stored tree were tampered with.
 */
export type HelpDocNode = string | HelpDocElement;

/** One element: tag, attributes, children. */
export interface HelpDocElement {
  t: HelpDocTag;
  a?: Partial<Record<HelpDocAttribute, string>>;
  c?: HelpDocNode[];
}

/** The elements an article may contain. */
export const HELP_DOC_TAGS = [
  'p',
  'h3',
  'h4',
  'h5',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const;
export type HelpDocTag = (typeof HELP_DOC_TAGS)[number];

/** The attributes an article may carry, and on which elements. */
const ATTRIBUTES = {
  href: ['a'],
  title: ['a', 'img'],
  src: ['img'],
  alt: ['img'],
  start: ['ol'],
} as const satisfies Record<string, readonly HelpDocTag[]>;
export type HelpDocAttribute = keyof typeof ATTRIBUTES;

const TAGS = new Set<string>(HELP_DOC_TAGS);

/**
 * Whether a link or image address is safe: http(s), mailto (links only) or relative. Anything
 * with another scheme (`javascript:`, `data:`, `vbscript:`, …) is refused, however it is
 * spelled; control characters and whitespace that browsers strip are refused too.
 */
export function safeUrl(value: string, kind: 'href' | 'src'): boolean {
  const control = Array.from(value).some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  if (control || value.includes('\\')) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return !value.startsWith('//');
  return scheme === 'https' || scheme === 'http' || (kind === 'href' && scheme === 'mailto');
}

/** Whether an attribute is allowed on a tag, with a safe value. */
export function allowedAttribute(tag: string, name: string, value: string): boolean {
  const on = (ATTRIBUTES as Record<string, readonly string[] | undefined>)[name];
  if (!on?.includes(tag)) return false;
  if (name === 'href' || name === 'src') return safeUrl(value, name);
  if (name === 'start') return /^\d{1,6}$/.test(value);
  return true;
}

/** Whether a tag is allowed. */
export function allowedTag(tag: string): tag is HelpDocTag {
  return TAGS.has(tag);
}
