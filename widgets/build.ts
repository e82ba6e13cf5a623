/**
 * Builds the widgets: `node widgets/build.ts`.
 *
 * `widgets/crm.ts` becomes `dist/crm.js` (an ES module) and every widget a lazily imported
 * chunk in `dist/chunks/`, which esbuild's `import()` resolves relative to `crm.js`. The
 * metafile goes to `dist/meta.json` for the size budget (`tests/bench/size.ts`).
 *
 * The build fails when any `worker/` or `db/` file, or zod, ends up in the output, except the
 * contract's plain constants and the code both sides run (`worker/contract/shared/`): widgets
 * import everything else from the server side as types only, and this check proves it. It
 * also fails when `crm.js` imports a chunk statically: a runtime value used by both `crm.js`
 * and a widget makes esbuild move it into a shared chunk that every page would then load
 * with an extra request, so widgets reach such values through the kit or import types only.
 *
 * The staff console is a separate build: `widgets/console/console.ts` becomes
 * `dist/console/console.js` with its lazily loaded pages in `dist/console/chunks/` (sharing one
 * copy of Lit among themselves, none with `crm.js`); its metafile is `dist/meta-console.json`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { build, transform, type Metafile, type Plugin } from 'esbuild';

/** Inputs that must never reach the browser bundle… */
const FORBIDDEN = [/^worker\//, /^db\//, /(^|\/)node_modules\/zod\//];
/** …except these parts of the contract, which import nothing but each other. */
const ALLOWED = [/^worker\/contract\/constants\.ts$/, /^worker\/contract\/shared\//];

/** Every forbidden input of the build, with the output it landed in. */
export function forbiddenInputs(metafile: Metafile): string[] {
  return Object.entries(metafile.outputs).flatMap(([output, { inputs }]) =>
    Object.keys(inputs)
      .filter(
        (input) =>
          FORBIDDEN.some((pattern) => pattern.test(input)) && !ALLOWED.some((pattern) => pattern.test(input)),
      )
      .map((input) => `${input} → ${output}`),
  );
}

/** The outputs `entry` imports statically: each one is another request before the kit runs. */
export function eagerImports(metafile: Metafile, entry: string): string[] {
  return (metafile.outputs[entry]?.imports ?? [])
    .filter(({ kind, external }) => kind === 'import-statement' && !external)
    .map(({ path }) => path);
}

/**
 * Minifies the CSS of Lit's css`…` templates, which esbuild leaves as written (indentation,
 * comments): every widget chunk carries its styles. Templates with interpolations or escapes
 * are left alone.
 */
const minifyCssTemplates: Plugin = {
  name: 'minify-css-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]widgets[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      let contents = source;
      for (const [template, css = ''] of source.matchAll(/\bcss`([^`$\\]*)`/g)) {
        const { code } = await transform(css, { loader: 'css', minify: true });
        contents = contents.replace(template, `css\`${code.trim()}\``);
      }
      return { contents, loader: 'ts' };
    });
  },
};

// Start clean: chunk names carry hashes, so stale chunks would pile up and be served.
await rm('dist', { recursive: true, force: true });

/** One self-contained ES module graph: an entry and the chunks it imports, under `outdir`. */
const bundle = (entry: string, outdir: string) =>
  build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [minifyCssTemplates],
  });

const result = await bundle('widgets/crm.ts', 'dist');
const staffConsole = await bundle('widgets/console/console.ts', 'dist/console');

await writeFile('dist/meta.json', JSON.stringify(result.metafile, null, 2));
await writeFile('dist/meta-console.json', JSON.stringify(staffConsole.metafile, null, 2));
// Other sites load crm.js as a module script, which browsers fetch in CORS mode. The Node
// entry adds the header itself; on Workers, static assets take their headers from this file.
// The metafile is for the size budget, not for visitors.
await writeFile('dist/.assetsignore', 'meta.json\nmeta-console.json\n');
await writeFile(
  'dist/_headers',
  ['/crm.js', '/crm.js.map', '/chunks/*']
    .map((path) => `${path}\n  Access-Control-Allow-Origin: *\n`)
    .join(''),
);

const leaks = [result, staffConsole].flatMap(({ metafile }) => forbiddenInputs(metafile));
if (leaks.length > 0) {
  const shown = leaks.slice(0, 10).join('\n  ');
  const more = leaks.length > 10 ? `\n  … and ${leaks.length - 10} more` : '';
  console.error(`Server code in the browser bundle:\n  ${shown}${more}`);
  process.exit(1);
}
const eager = eagerImports(result.metafile, 'dist/crm.js');
if (eager.length > 0) {
  console.error(
    `crm.js imports ${eager.join(', ')} statically: a value used by both crm.js and a widget was split` +
      ' into a shared chunk. Let the widget reach it through the kit, or import only its type.',
  );
  process.exit(1);
}
// A strict CSP (no 'unsafe-eval') breaks code that compiles strings; refuse to ship any.
const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/;
const outputs = [result, staffConsole]
  .flatMap(({ metafile }) => Object.keys(metafile.outputs))
  .filter((file) => file.endsWith('.js'));
for (const file of outputs) {
  if (DYNAMIC_CODE.test(await readFile(file, 'utf8'))) {
    console.error(`${file} evaluates strings as code, which a strict Content-Security-Policy forbids`);
    process.exit(1);
  }
}

console.log(`Built ${outputs.join(', ')}`);
