import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssue } from '../contract/common.ts';
import { ApiError, badRequest } from './errors.ts';

/** Which content types a route reads. */
export type BodyKind = 'json' | 'json-or-text';

/**
 * Reads and validates a JSON body. Routes that read or change profile data take only
 * `application/json` (a cross-site form cannot send it without a preflight); ingestion
 * also takes `text/plain`, which is all `navigator.sendBeacon` can send.
 */
export async function readBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  kind: BodyKind = 'json',
): Promise<z.infer<T>> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
  const ok = type === 'application/json' || (kind === 'json-or-text' && type === 'text/plain');
  if (!ok) {
    const wanted = kind === 'json' ? 'application/json' : 'application/json or text/plain';
    throw new ApiError(415, 'unsupported_media_type', `Send the body as ${wanted}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(await c.req.text());
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
