// JSON answers with their length, so Hono's compress() leaves the small ones alone.
import type { MiddlewareHandler } from 'hono';

const JSON_TYPE = /^application\/json\b/i;

/**
 * Gives every JSON answer a `Content-Length`. `c.json()` builds a body of known size but says
 * nothing of it, so `compress()` cannot tell a 300-byte answer from a 300-KB one and runs every
 * answer through a `CompressionStream` (a zlib context, a stream pipeline, chunked transfer):
 * for the API's small write answers that was a good part of each request's cost, and made the
 * answer larger. With the length known, `compress()` skips what is under its threshold and
 * compresses the rest as before. Mount it inside `compress()` (after it, on the same paths).
 * JSON answers are strings in memory already; streamed answers of other types are left alone.
 */
export function jsonLength(): MiddlewareHandler {
  return async function jsonLengthHandler(c, next) {
    await next();
    const res = c.res;
    if (!JSON_TYPE.test(res.headers.get('Content-Type') ?? '') || res.headers.has('Content-Length')) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.set('Content-Length', String(body.byteLength));
    // Cleared first: assigning over an answer makes Hono copy it through a body stream.
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}
