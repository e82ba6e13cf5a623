/**
 * Bundle-size budget: `node tests/bench/size.ts [--check]` after `node widgets/build.ts`.
 *
 * Prints min+gzip sizes (gzip level 9) of `dist/crm.js` and of every chunk, plus what loads
 * together: `crm.js` with the chunks it imports statically (what every page pays), and each
 * lazily imported chunk with its own static imports (what the first widget of a kind costs).
 * Always fails when `crm.js` or its static imports contain Lit; with `--check` it also fails
 * when the script-tag load exceeds 5 KB or a lazy load exceeds 30 KB.
 *
 * The staff console (`dist/console/`, its own graph) is measured apart: `console.js` with its
 * static imports must stay within 60 KB, and each lazily loaded page within 30 KB beyond them.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';

const ENTRY = 'dist/crm.js';
const ENTRY_BUDGET = 5 * 1024;
const LAZY_BUDGET = 30 * 1024;
/** Tighter budgets of single widgets (entry point → bytes, with their static imports). */
const WIDGET_BUDGETS: Record<string, number> = { 'widgets/faq/define.ts': 16 * 1024 };
/** What a widget's own chunk may weigh beyond the shared chunks (Lit, the kit's helpers). */
const WIDGET_OWN_BUDGETS: Record<string, number> = {
  'widgets/customer-card/define.ts': 4 * 1024,
  'widgets/offer-banner/define.ts': 4 * 1024,
};
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
    const entryPoint = meta.outputs[file]?.entryPoint ?? '';
    const total = WIDGET_BUDGETS[entryPoint];
    if (total !== undefined && size > total) failures.push(`${file} loads ${kb(size)} > ${kb(total)}`);
    // A widget's own chunk, beyond the Lit it shares with the others.
    const own = files.get(file)?.gzip ?? 0;
    const ownBudget = WIDGET_OWN_BUDGETS[entryPoint];
    if (ownBudget !== undefined && own > ownBudget)
      failures.push(`${file} is ${kb(own)} > ${kb(ownBudget)} of its own`);
  }
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}

// The staff console: its own graph, entry and budget. What the first screen costs is
// console.js with its static imports; each page then adds its own chunk and whatever it
// imports that the entry did not load already.
const CONSOLE_ENTRY = 'dist/console/console.js';
const CONSOLE_BUDGET = 60 * 1024;
const CONSOLE_PAGE_BUDGET = 30 * 1024;
const consoleMeta = JSON.parse(await readFile('dist/meta-console.json', 'utf8')) as Metafile;
const consoleFiles = new Map<string, number>();
for (const file of Object.keys(consoleMeta.outputs).filter((name) => name.endsWith('.js'))) {
  consoleFiles.set(file, gzipSync(await readFile(file), { level: 9 }).length);
}
const consoleClosure = (file: string, seen = new Set<string>()): Set<string> => {
  seen.add(file);
  for (const { path, kind } of consoleMeta.outputs[file]?.imports ?? []) {
    if (kind === 'import-statement' && !seen.has(path)) consoleClosure(path, seen);
  }
  return seen;
};
const consoleGzip = (group: Iterable<string>) =>
  [...group].reduce((sum, file) => sum + (consoleFiles.get(file) ?? 0), 0);
const consoleInitial = consoleClosure(CONSOLE_ENTRY);
const consolePages = [
  ...new Set(
    Object.values(consoleMeta.outputs).flatMap(({ imports }) =>
      imports.filter(({ kind }) => kind === 'dynamic-import').map(({ path }) => path),
    ),
  ),
];
const consoleRows = [
  {
    file: CONSOLE_ENTRY,
    'min+gzip': kb(consoleGzip(consoleInitial)),
    loaded: 'page shell, with its imports',
  },
  ...consolePages.map((file) => ({
    file,
    'min+gzip': kb(consoleGzip([...consoleClosure(file)].filter((f) => !consoleInitial.has(f)))),
    loaded: 'lazily, beyond the shell',
  })),
];
console.table(consoleRows);
const consoleFailures: string[] = [];
for (const file of consoleInitial) {
  if (Object.keys(meta.outputs).includes(file)) consoleFailures.push(`${file} is shared with crm.js`);
}
if (check) {
  if (consoleGzip(consoleInitial) > CONSOLE_BUDGET)
    consoleFailures.push(`console.js loads ${kb(consoleGzip(consoleInitial))} > ${kb(CONSOLE_BUDGET)}`);
  for (const file of consolePages) {
    const size = consoleGzip([...consoleClosure(file)].filter((f) => !consoleInitial.has(f)));
    if (size > CONSOLE_PAGE_BUDGET)
      consoleFailures.push(`${file} adds ${kb(size)} > ${kb(CONSOLE_PAGE_BUDGET)}`);
  }
}
if (consoleFailures.length > 0) {
  console.error(consoleFailures.join('\n'));
  process.exit(1);
}
