// Serves the built widget bundle (dist/) from memory on the Node entry: compressed once at
// start, validated by ETag, cached for a year when the name carries a content hash.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

interface Asset {
  type: string;
  etag: string;
  cacheControl: string;
  bodies: { br: Uint8Array; gzip: Uint8Array; identity: Uint8Array };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** `crm.js` is the URL sites paste, so it may change under the same name: revalidate often. */
const ENTRY_CACHE = 'public, max-age=300';
/** Chunk names carry a content hash: a new build means a new URL, so they never go stale. */
const HASHED_CACHE = 'public, max-age=31536000, immutable';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Reads every servable file of `dir` and prepares its encodings. */
export async function loadBundle(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const file of await listFiles(dir)) {
    const path = `/${relative(dir, file).split('\\').join('/')}`;
    const type = TYPES[/\.[a-z]+$/.exec(path)?.[0] ?? ''];
    if (!type || path === '/meta.json') continue;
    const identity = await readFile(file);
    assets.set(path, {
      type,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      cacheControl: path.includes('/chunks/') ? HASHED_CACHE : ENTRY_CACHE,
      bodies: {
        identity,
        gzip: gzipSync(identity, { level: 9 }),
        br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      },
    });
  }
  return assets;
}

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | 'identity' {
  const offered = new Set((accept ?? '').split(',').map((part) => part.split(';')[0]?.trim()));
  if (offered.has('br')) return 'br';
  if (offered.has('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Answers GET/HEAD for the bundle's files. Any origin may read them: sites load `crm.js`
 * with `<script type="module">`, which fetches in CORS mode, and it is public code.
 */
export function serveBundle(assets: Map<string, Asset>): MiddlewareHandler {
  return async function bundleHandler(c, next) {
    const asset = assets.get(c.req.path);
    if (!asset || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) {
      await next();
      return;
    }
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', asset.cacheControl);
    c.header('ETag', asset.etag);
    c.header('Vary', 'Accept-Encoding');
    const match = c.req.header('If-None-Match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
      return c.body(null, 304);
    }
    const body = asset.bodies[encoding];
    c.header('Content-Type', asset.type);
    if (encoding !== 'identity') c.header('Content-Encoding', encoding);
    c.header('Content-Length', String(body.byteLength));
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(new Uint8Array(body), 200);
  };
}
