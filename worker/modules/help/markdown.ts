import MarkdownIt, { type Token } from 'markdown-it';
import {
  allowedAttribute,
  allowedTag,
  type HelpDocElement,
  type HelpDocNode,
} from '../../contract/shared/help-doc.ts';

/**
 * markdown-it with raw HTML off: `<script>`, `<svg onload>`, `<style>` and the like stay text.
 * Its own link check already drops `javascript:`/`vbscript:`/`file:`/most `data:` links; the
 * allowlist below is the second, stricter gate.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });

/** Markdown headings move down a level: the widget's article title is the page's heading. */
const HEADINGS: Record<string, HelpDocElement['t']> = {
  h1: 'h3',
  h2: 'h3',
  h3: 'h4',
  h4: 'h5',
  h5: 'h5',
  h6: 'h5',
};

function element(token: Token): HelpDocElement | undefined {
  const tag = HEADINGS[token.tag] ?? token.tag;
  if (!allowedTag(tag)) return undefined;
  const node: HelpDocElement = { t: tag };
  for (const [name, raw] of token.attrs ?? []) {
    const value = String(raw);
    if (allowedAttribute(tag, name, value)) (node.a ??= {})[name as 'href'] = value;
  }
  return node;
}

/** Appends the tokens' tree to `into`; unknown elements keep their children only. */
function build(tokens: Token[], into: HelpDocNode[]): void {
  const stack: HelpDocNode[][] = [into];
  const current = () => stack.at(-1) ?? into;
  for (const token of tokens) {
    if (token.nesting === 1) {
      // Paragraphs of tight lists are hidden: their text goes straight into the item.
      const node = token.hidden ? undefined : element(token);
      if (node) {
        current().push(node);
        stack.push((node.c = []));
      } else stack.push(current());
      continue;
    }
    if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    switch (token.type) {
      case 'text':
        if (token.content) current().push(token.content);
        break;
      case 'inline':
        build(token.children ?? [], current());
        break;
      case 'softbreak':
        current().push('\n');
        break;
      case 'hardbreak':
        current().push({ t: 'br' });
        break;
      case 'hr':
        current().push({ t: 'hr' });
        break;
      case 'code_inline':
        current().push({ t: 'code', c: [token.content] });
        break;
      case 'code_block':
      case 'fence':
        current().push({ t: 'pre', c: [{ t: 'code', c: [token.content] }] });
        break;
      case 'image': {
        const node = element(token);
        const alt = token.children?.map((child) => child.content).join('') ?? '';
        // An image whose address is refused is shown as its alternative text.
        if (node?.a?.src) current().push({ ...node, a: { ...node.a, alt } });
        else if (alt) current().push(alt);
        break;
      }
      default:
        // html_inline/html_block cannot occur with html off; anything else new is dropped.
        break;
    }
  }
}

/** An article's Markdown as an allowlisted tree (see `HelpDocNode`). */
export function renderMarkdown(markdown: string): HelpDocNode[] {
  const doc: HelpDocNode[] = [];
  build(md.parse(markdown, {}), doc);
  return doc;
}

/** The text of a tree, blocks separated by new lines: what snippets are cut from. */
export function docText(doc: readonly HelpDocNode[]): string {
  const BLOCKS = new Set(['p', 'h3', 'h4', 'h5', 'li', 'pre', 'blockquote', 'tr', 'br', 'hr']);
  const parts: string[] = [];
  const walk = (nodes: readonly HelpDocNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') parts.push(node === '\n' ? ' ' : node);
      else {
        walk(node.c ?? []);
        if (BLOCKS.has(node.t)) parts.push('\n');
        else if (node.t === 'td' || node.t === 'th') parts.push(' ');
      }
    }
  };
  walk(doc);
  return parts
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
const VOID = new Set(['br', 'hr', 'img']);

/** The tree as HTML, every text and attribute escaped (for feeds, e-mail and tests). */
export function docToHtml(doc: readonly HelpDocNode[]): string {
  return doc
    .map((node) => {
      if (typeof node === 'string') return escape(node);
      const attrs = Object.entries(node.a ?? {})
        .filter(([name, value]) => allowedAttribute(node.t, name, value))
        .map(([name, value]) => ` ${name}="${escape(value)}"`)
        .join('');
      if (VOID.has(node.t)) return `<${node.t}${attrs}>`;
      return `<${node.t}${attrs}>${docToHtml(node.c ?? [])}</${node.t}>`;
    })
    .join('');
}
