/**
 * Bundle-size budget: `node tests/bench/size.ts [--check]` after `node widgets/build.ts`.
 *
 * Prints min+gzip sizes (gzip level 9) of `dist/crm.js` and of every chunk, plus what loads
 * together: `crm.js` with the chunks it imports statically (what every page pays), and each
 * lazily imported chunk with its own static imports (what the first widget of a kind costs).
 * Always fails when `crm.js` or its static imports contain Lit; with `--check` it also fails
 * when the script-tag load exceeds 5 KB or a lazy load exceeds 30 KB.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';

const ENTRY = 'dist/crm.js';
const ENTRY_BUDGET = 5 * 1024;
const LAZY_BUDGET = 30 * 1024;
/** Strings that only Lit's runtime carries, minified or not. */
const LIT_MARKERS = ['lit-html', 'LitElement', 'litElementVersions', 'reactiveElementVersions'];

const check = process.argv.includes('--check');
const meta = JSON.parse(await readFile('dist/meta.json', 'utf8')) as Metafile;

const files = new Map<string, { text: string; gzip: number }>();
for (const file of Object.keys(meta.outputs).filter((name) => name.endsWith('.js'))) {
  const text = await readFile(file, 'utf8');
  files.set(file, { text, gzip: gzipSync(text, { level: 9 }).length });
}

/** `file` and every output it imports statically, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  seen.add(file);
  for (const { path, kind } of meta.outputs[file]?.imports ?? []) {
    if (kind === 'import-statement' && !seen.has(path)) staticClosure(path, seen);
  }
  return seen;
}

const gzipOf = (group: Set<string>) =>
  [...group].reduce((sum, file) => sum + (files.get(file)?.gzip ?? 0), 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const lazy = new Set(
  Object.values(meta.outputs).flatMap(({ imports }) =>
    imports.filter(({ kind }) => kind === 'dynamic-import').map(({ path }) => path),
  ),
);

const rows = [...files].map(([file, { text, gzip }]) => ({
  file,
  min: kb(Buffer.byteLength(text)),
  'min+gzip': kb(gzip),
  'loads with imports': kb(gzipOf(staticClosure(file))),
  loaded: file === ENTRY ? 'script tag' : lazy.has(file) ? 'lazily' : 'shared',
}));
console.table(rows);

const failures: string[] = [];
const initial = staticClosure(ENTRY);
for (const file of initial) {
  const marker = LIT_MARKERS.find((word) => files.get(file)?.text.includes(word));
  if (marker) failures.push(`${file} loads with crm.js and contains Lit ('${marker}')`);
}
if (check) {
  if (gzipOf(initial) > ENTRY_BUDGET)
    failures.push(`crm.js loads ${kb(gzipOf(initial))} > ${kb(ENTRY_BUDGET)}`);
  for (const file of lazy) {
    const size = gzipOf(staticClosure(file));
    if (size > LAZY_BUDGET) failures.push(`${file} loads ${kb(size)} > ${kb(LAZY_BUDGET)}`);
  }
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
