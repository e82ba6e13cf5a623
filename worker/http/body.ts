import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssue } from '../contract/common.ts';
import { ApiError, badRequest, tooLarge } from './errors.ts';

/** Which content types a route reads. */
export type BodyKind = 'json' | 'json-or-text';

/** Options of {@link readBody}. */
export interface BodyOptions {
  kind?: BodyKind;
  /** Largest body read, in bytes; the default suits every route but event ingestion. */
  maxBytes?: number;
}

/** Largest body any route other than event ingestion reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The body as text, read at most `maxBytes` far: a declared length over the limit is refused
 * before reading, a body of declared length is read whole and refused if it holds more, and
 * a body without one is cut off while streaming. A client that hangs up mid-body gets a 400,
 * not a logged 500.
 */
async function readText(c: Context, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBytes(c, maxBytes));
}

/** A client that hung up before its body's end. */
const aborted = () => new ApiError(400, 'request_aborted', 'The body could not be read to its end');

/** The raw body, read at most `maxBytes` far (uploads); see {@link readText} for the limits. */
export async function readBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  const length = c.req.header('Content-Length');
  if (Number(length ?? 0) > maxBytes) throw tooLarge(maxBytes);
  // With a declared length and no chunked encoding the runtime's HTTP parser ends the body at
  // that length, so it is read whole, without a stream (on Node a stream over the socket cost
  // more than the rest of a small request's reading and parsing).
  if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
    let whole: ArrayBuffer;
    try {
      whole = await c.req.raw.arrayBuffer();
    } catch {
      throw aborted();
    }
    // Only a request made in-process (tests) can carry more than it declares; refused all the same.
    if (whole.byteLength > maxBytes) throw tooLarge(maxBytes);
    return new Uint8Array(whole);
  }
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array();
  // Request bodies are byte streams on every runtime; the Workers and DOM typings disagree on it.
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw aborted();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads and validates a JSON body. Routes that read or change profile data take only
 * `application/json` (a cross-site form cannot send it without a preflight); ingestion
 * also takes `text/plain`, which is all `navigator.sendBeacon` can send.
 */
export async function readBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  { kind = 'json', maxBytes = MAX_BODY_BYTES }: BodyOptions = {},
): Promise<z.infer<T>> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
  const ok = type === 'application/json' || (kind === 'json-or-text' && type === 'text/plain');
  if (!ok) {
    const wanted = kind === 'json' ? 'application/json' : 'application/json or text/plain';
    throw new ApiError(415, 'unsupported_media_type', `Send the body as ${wanted}`);
  }
  const text = await readText(c, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The body is not valid JSON');
  }
  return parseInput(schema, data);
}

/** Validates input (a body, a query) against a contract schema, or throws a 400 that says why. */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw badRequest('validation_failed', describeIssue(parsed.error, 'invalid input'));
  }
  return parsed.data;
}
