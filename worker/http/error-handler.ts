import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contract/common.ts';
import { ApiError } from './errors.ts';

/** Writes `{ error: { code, message } }`. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json<ErrorBody>({ error: { code, message } }, status);
}

/**
 * The app's `onError`: known errors answer with their status; anything else is logged
 * and answered as a bare 500, so no stack or SQL reaches the client.
 */
export function createErrorHandler(log: (message: string, error: unknown) => void) {
  return function onError(err: Error, c: Context) {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : 'http_error';
      return errorResponse(c, status, code, err.message || 'Request refused');
    }
    log(`unhandled error on ${c.req.method} ${c.req.path}`, err);
    return errorResponse(c, 500, 'internal', 'Something went wrong on our side');
  };
}

/** The app's `notFound`: unknown routes answer in the same error shape. */
export function onNotFound(c: Context) {
  return errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);
}
