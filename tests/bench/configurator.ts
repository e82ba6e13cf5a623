/**
 * The configurator's figures, part of `npm run bench`: how long the server takes to validate and
 * price a configuration of a large generated model (20 groups, 200 choices, 100 rules), in
 * process and over real HTTP to the production Node entry, how long `checkModel` takes to accept
 * that model, and the size of the `<crm-order-builder>` chunk. Prints figures only; every
 * request must succeed or the run fails. Run after `npm run build`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import fc from 'fast-check';
import { serviceContext } from '../../worker/app.ts';
import {
  checkModel,
  defaultConfiguration,
  evaluate,
  isValid,
  toggle,
  type Configuration,
} from '../../worker/contract/shared/configurator/index.ts';
import { saveProduct } from '../../worker/modules/configurator/service.ts';
import { createSite } from '../../worker/modules/sites/service.ts';
import { start } from '../../worker/node.ts';
import { configurationOf, generatedModel } from '../fixtures/configurator.ts';

const IN_PROCESS = 5_000;
const OVER_HTTP = 1_000;
const ORIGIN = 'https://shop.example';

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(3)} ms`;
const rows: { figure: string; value: string }[] = [];
const note = (figure: string, value: string) => rows.push({ figure, value });

const model = generatedModel({ groups: 20, choices: 10, rules: 100 });
const choices = model.groups.reduce((n, g) => n + g.choices.length, 0);
note('model', `${model.groups.length} groups, ${choices} choices, ${model.rules.length} rules`);
// Half as a browser might send them (mostly invalid at this size), half the valid designs a
// shopper reaches by clicking: a random walk of toggles from the defaults that keeps each valid one.
const sent = fc.sample(configurationOf(model), { numRuns: IN_PROCESS / 2, seed: 7 });
const walked: Configuration[] = [];
let current = defaultConfiguration(model);
for (let step = 0; walked.length < IN_PROCESS / 2; step++) {
  const group = model.groups[(step * 7) % model.groups.length];
  const choice = group?.choices[(step * 13) % group.choices.length];
  if (!group || !choice) continue;
  const next = toggle(model, current, group.id, choice.id);
  if (isValid(model, next)) current = next;
  walked.push(current);
}
const configs = sent.flatMap((c, i) => [c, walked[i] ?? c]);
note(
  'configurations valid / generated',
  `${configs.filter((c) => evaluate(model, c).valid).length} / ${configs.length}`,
);

let started = performance.now();
const issues = checkModel(model);
note(
  'checkModel (accepts the model)',
  `${ms(performance.now() - started)}${issues.length ? ` — ${issues.length} issues!` : ''}`,
);

// In process: the engine alone, as the route calls it (explanations, blocked choices, prices).
const local: number[] = [];
for (const config of configs.slice(0, 500)) evaluate(model, config, 'en'); // warm-up
for (const config of configs) {
  started = performance.now();
  evaluate(model, config, 'en');
  local.push(performance.now() - started);
}
note('evaluate in process p50', ms(percentile(local, 0.5)));
note('evaluate in process p99', ms(percentile(local, 0.99)));

// Over HTTP: the production Node entry on an embedded database, the model saved like staff do.
const dir = await mkdtemp(join(tmpdir(), 'crm-bench-configurator-'));
const server = await start({
  dbUrl: `file:${join(dir, 'configurator.db')}`,
  port: 0,
  rateLimitPerMinute: 1e9,
});
try {
  const ctx = serviceContext({ db: server.database.db });
  const { site, publishableKey } = await createSite(ctx, { name: 'Bench', allowedOrigins: [ORIGIN] });
  const saved = await saveProduct(ctx, site, model);
  if (!saved.ok) throw new Error(`model refused: ${saved.issues[0]?.message ?? ''}`);
  const url = `${server.origin}/v1/configurator/products/${model.sku}/evaluate?key=${publishableKey}`;
  const remote: number[] = [];
  for (const [i, configuration] of configs.slice(0, OVER_HTTP).entries()) {
    started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ configuration }),
    });
    const body = await res.text();
    if (i >= 20) remote.push(performance.now() - started); // the first requests warm the JIT and caches
    if (res.status !== 200) throw new Error(`evaluate answered ${res.status}: ${body.slice(0, 200)}`);
  }
  note('validate and price over HTTP p50', ms(percentile(remote, 0.5)));
  note('validate and price over HTTP p99', ms(percentile(remote, 0.99)));
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

// The widget chunk: the lazily loaded `<crm-order-builder>` and what it loads with it (Lit, shared).
const meta = JSON.parse(await readFile('dist/meta.json', 'utf8')) as Metafile;
const gzip = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
const chunk = Object.entries(meta.outputs).find(([, o]) =>
  Object.keys(o.inputs).some((input) => input.endsWith('widgets/order-builder/order-builder.ts')),
);
if (!chunk) throw new Error('no <crm-order-builder> chunk in dist/meta.json: run npm run build');
const [file, output] = chunk;
const own = await gzip(file);
let withImports = own;
for (const { path, kind } of output.imports) if (kind === 'import-statement') withImports += await gzip(path);
note('<crm-order-builder> chunk (min+gzip)', `${(own / 1024).toFixed(2)} KB`);
note('… with the chunks it imports (Lit)', `${(withImports / 1024).toFixed(2)} KB`);

console.log('\nConfigurator');
console.table(rows);
