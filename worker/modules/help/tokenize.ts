import * as OpenCC from 'opencc-js/t2cn';

/** Traditional → Simplified, one character at a time (memoized) so positions stay aligned. */
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const simplifiedOf = new Map<string, string>();

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The search form of one character: Latin lower-cased, Chinese in Simplified script. */
function foldChar(ch: string): string {
  if (HAN.test(ch)) {
    let folded = simplifiedOf.get(ch);
    if (folded === undefined) {
      const converted = toSimplified(ch);
      // A character that would become several keeps its own form: one in, one out.
      folded = Array.from(converted).length === 1 ? converted : ch;
      simplifiedOf.set(ch, folded);
    }
    return folded;
  }
  const lower = ch.toLowerCase();
  return Array.from(lower).length === 1 ? lower : ch;
}

/** A run of characters of one kind: a Latin (or other script) word, or a run of Han characters. */
interface Run {
  kind: 'word' | 'han';
  /** Folded characters. */
  chars: string[];
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const ch of text.normalize('NFC')) {
    const kind = HAN.test(ch) ? 'han' : WORD_CHAR.test(ch) ? 'word' : undefined;
    if (!kind) {
      current = undefined;
      continue;
    }
    if (current?.kind !== kind) {
      current = { kind, chars: [] };
      runs.push(current);
    }
    current.chars.push(foldChar(ch));
  }
  return runs;
}

/**
 * The token text stored in an article's `search_*` columns. Words are lower-cased; a run of
 * Chinese becomes its single characters and overlapping bigrams, interleaved (`退 退货 货`),
 * all in Simplified script, so a one-character query matches a character and a two-character
 * query matches a bigram whatever script either side was written in.
 */
export function indexText(text: string): string {
  const tokens: string[] = [];
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      tokens.push(run.chars.join(''));
      continue;
    }
    run.chars.forEach((ch, i) => {
      tokens.push(ch);
      const next = run.chars[i + 1];
      if (next) tokens.push(ch + next);
    });
  }
  return tokens.join(' ');
}

/** A parsed search query. */
export interface ParsedQuery {
  /** FTS5 terms, each quoted; the last Latin word matches as a prefix while it is typed. */
  terms: { text: string; prefix: boolean; latin: boolean }[];
  /** Folded strings to mark in titles and snippets. */
  highlights: string[];
}

/**
 * Turns what a visitor typed into FTS5 terms. Every term is a quoted string of word
 * characters, so operators, quotes, `NEAR`, `*`, `:` or parentheses in the input can never
 * change the query or make it fail. Chinese runs become the bigrams the index holds (a single
 * character stays one term).
 */
export function parseQuery(input: string): ParsedQuery {
  const runs = runsOf(input);
  // Still typing the last word when the input ends inside one.
  const typing = /[\p{L}\p{N}]$/u.test(input);
  const terms: ParsedQuery['terms'] = [];
  const highlights: string[] = [];
  runs.forEach((run, index) => {
    const text = run.chars.join('');
    highlights.push(text);
    if (run.kind === 'word') {
      terms.push({ text, prefix: typing && index === runs.length - 1, latin: /^[a-z0-9]+$/.test(text) });
      return;
    }
    if (run.chars.length <= 2) {
      terms.push({ text, prefix: false, latin: false });
      return;
    }
    for (let i = 0; i + 1 < run.chars.length; i++) {
      terms.push({ text: `${run.chars[i] ?? ''}${run.chars[i + 1] ?? ''}`, prefix: false, latin: false });
    }
  });
  return { terms: dedupe(terms), highlights };
}

function dedupe(terms: ParsedQuery['terms']): ParsedQuery['terms'] {
  const seen = new Map<string, ParsedQuery['terms'][number]>();
  for (const term of terms) {
    const earlier = seen.get(term.text);
    if (!earlier) seen.set(term.text, { ...term });
    else earlier.prefix &&= term.prefix;
  }
  return [...seen.values()];
}

/** The FTS5 MATCH expression of some terms, joined by AND (or OR). */
export function matchExpression(terms: ParsedQuery['terms'], join: 'AND' | 'OR' = 'AND'): string {
  return terms.map((t) => `"${t.text.replaceAll('"', '""')}"${t.prefix ? ' *' : ''}`).join(` ${join} `);
}

/** A piece of shown text; `mark` pieces matched the query. */
export interface Segment {
  text: string;
  mark?: true;
}

/**
 * Marks the query's words in the original text (not the token text, which a visitor must
 * never see). Matching runs on a folded copy with one character per original character, so
 * 退货 marks 退貨 and "Refund" marks "refunds". Returns at most `maxChars` characters around
 * the first match, or the start of the text when nothing matches.
 */
export function highlight(text: string, highlights: string[], maxChars = Infinity): Segment[] {
  const original = Array.from(text);
  const folded = original.map(foldChar);
  const marked = new Array<boolean>(original.length).fill(false);
  let first = -1;
  for (const needle of highlights) {
    const chars = Array.from(needle);
    if (chars.length === 0) continue;
    const latin = !HAN.test(chars[0] ?? '');
    for (let i = 0; i + chars.length <= folded.length; i++) {
      if (latin && i > 0 && WORD_CHAR.test(folded[i - 1] ?? '') && !HAN.test(folded[i - 1] ?? '')) continue;
      if (chars.every((c, j) => folded[i + j] === c)) {
        for (let j = 0; j < chars.length; j++) marked[i + j] = true;
        if (first < 0 || i < first) first = i;
      }
    }
  }
  let start = 0;
  let end = original.length;
  if (original.length > maxChars) {
    start = first < 0 ? 0 : Math.max(0, first - Math.floor(maxChars / 4));
    end = Math.min(original.length, start + maxChars);
  }
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: '…' });
  for (let i = start; i < end; i++) {
    const last = segments.at(-1);
    const mark = marked[i] ?? false;
    if (last && i > start && (last.mark ?? false) === mark) last.text += original[i] ?? '';
    else segments.push(mark ? { text: original[i] ?? '', mark: true } : { text: original[i] ?? '' });
  }
  if (end < original.length) segments.push({ text: '…' });
  return segments;
}

/** Whether two words are at most one edit apart (insert, delete, replace, swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
