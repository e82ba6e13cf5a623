/** The widget-size section of the bench: size.ts's table, then the gzip totals of the build. */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export async function widgetSizes(): Promise<void> {
  const run = spawnSync(process.execPath, ['tests/bench/size.ts'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) console.log(`  tests/bench/size.ts exited with ${String(run.status)}`);
  // The build's metafile names the current outputs; dist/chunks may hold older ones too.
  const meta = await readFile(join(root, 'dist/meta.json'), 'utf8').catch(() => null);
  const files = (
    meta
      ? Object.keys((JSON.parse(meta) as { outputs: Record<string, unknown> }).outputs)
      : [
          'dist/crm.js',
          ...(await readdir(join(root, 'dist/chunks')).catch(() => [])).map((name) => `dist/chunks/${name}`),
        ]
  ).filter((file) => file.endsWith('.js'));
  let chunks = 0;
  for (const file of files) {
    const gzip = gzipSync(await readFile(join(root, file)), { level: 9 }).length;
    if (file === 'dist/crm.js') console.log(`  dist/crm.js min+gzip: ${(gzip / 1024).toFixed(2)} KB`);
    else chunks += gzip;
  }
  console.log(`  dist/chunks/*.js min+gzip (${files.length - 1} files): ${(chunks / 1024).toFixed(2)} KB`);
}
