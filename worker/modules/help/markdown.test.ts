import { describe, expect, it } from 'vitest';
import { HELP_DOC_TAGS, type HelpDocNode } from '../../contract/shared/help-doc.ts';
import { docText, docToHtml, renderMarkdown } from './markdown.ts';

/** Every element and attribute of a tree. */
function walk(
  doc: readonly HelpDocNode[],
  out: { tags: string[]; attrs: [string, string][] } = { tags: [], attrs: [] },
) {
  for (const node of doc) {
    if (typeof node === 'string') continue;
    out.tags.push(node.t);
    for (const [name, value] of Object.entries(node.a ?? {})) out.attrs.push([name, value]);
    walk(node.c ?? [], out);
  }
  return out;
}

const HOSTILE: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['script in a paragraph', 'Hello <script src="https://evil.example/x.js"></script> world'],
  ['event handler on img', '<img src=x onerror=alert(1)>'],
  ['event handler on a div', '<div onclick="alert(1)">click</div>'],
  ['javascript: link', '[click](javascript:alert(1))'],
  ['JaVaScRiPt: with entities', '[click](JaVa&#x09;ScRiPt:alert(1))'],
  ['javascript: with spaces', '[click]( javascript:alert(1) )'],
  ['javascript: autolink', '<javascript:alert(1)>'],
  ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['vbscript: link', '[x](vbscript:msgbox(1))'],
  ['reference link to javascript:', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['protocol-relative link', '[x](//evil.example/)'],
  ['svg onload', '<svg onload=alert(1)><circle r=1 /></svg>'],
  ['svg use xlink', '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>"/></svg>'],
  ['mathml href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['style injection', '<style>body{display:none}</style>'],
  ['style attribute', '<p style="position:fixed;inset:0">x</p>'],
  ['form', '<form action="https://evil.example"><input name=a></form>'],
  ['html comment trick', '<!--><img src=x onerror=alert(1)>-->'],
  ['link title breakout', '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")'],
  ['image title breakout', '![a" onerror="alert(1)](https://ok.example/a.png)'],
  ['table alignment style', '| a |\n|:-:|\n| b |'],
  ['nested markdown in raw html', '<a href="javascript:alert(1)">**x**</a>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['base tag', '<base href="https://evil.example/">'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
];

describe('hostile Markdown renders inert', () => {
  it.each(HOSTILE)('%s', (_, markdown) => {
    const doc = renderMarkdown(markdown);
    const { tags, attrs } = walk(doc);
    for (const tag of tags) expect(HELP_DOC_TAGS).toContain(tag);
    for (const [name, value] of attrs) {
      expect(['href', 'src', 'alt', 'title', 'start']).toContain(name);
      if (name === 'href' || name === 'src')
        expect(value).toMatch(/^(https?:\/\/|mailto:|\/[^/]|#|\.{0,2}\/?[\w-])/i);
      expect(value.toLowerCase()).not.toMatch(/^\s*(javascript|data|vbscript):/);
    }
    // The HTML form: every tag is an allowed one, every attribute allowed and safe.
    const html = docToHtml(doc);
    for (const [tag, name, rest = ''] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/g)) {
      expect(HELP_DOC_TAGS, tag).toContain(name);
      for (const [, attr, value = ''] of rest.matchAll(/\s([^\s=]+)="([^"]*)"/g)) {
        expect(['href', 'src', 'alt', 'title', 'start']).toContain(attr);
        expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
      expect(rest.replace(/\s[^\s=]+="[^"]*"/g, '').trim()).toBe('');
    }
  });

  it('keeps what an author means: headings, emphasis, lists, links, images, code, tables', () => {
    const doc = renderMarkdown(
      '# Title\n\nSome **bold**, *em* and `code`.\n\n1. one\n2. two\n\n[docs](https://example.com/docs) ![pic](https://example.com/a.png)\n\n```\nx < y\n```',
    );
    expect(docToHtml(doc)).toBe(
      '<h3>Title</h3><p>Some <strong>bold</strong>, <em>em</em> and <code>code</code>.</p><ol><li>one</li><li>two</li></ol>' +
        '<p><a href="https://example.com/docs">docs</a> <img src="https://example.com/a.png" alt="pic"></p>' +
        '<pre><code>x &lt; y\n</code></pre>',
    );
    expect(docText(doc)).toBe('Title\nSome bold, em and code.\none\ntwo\ndocs\nx < y');
  });

  it('shows raw HTML as the text it is', () => {
    expect(docToHtml(renderMarkdown('<b>hi</b>'))).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>');
  });
});
