import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBody } from '../contract/common.ts';
import { ApiError } from './errors.ts';

/** Where unexpected errors are reported; the entries pass their runtime's logger. */
export type ErrorLog = (message: string, error: unknown) => void;

/** Writes `{ error: { code, message } }` with the error's status and headers. */
function answer(c: Context, error: ApiError) {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json<ErrorBody>({ error: { code: error.code, message: error.message } }, error.status);
}

/**
 * Whether the client went away while its body was being read: the request failed on its
 * side, so it is neither our error to log nor one anybody will read.
 */
function isClientAbort(c: Context, err: Error): boolean {
  return (
    c.req.raw.signal.aborted || err.name === 'AbortError' || (err as { code?: unknown }).code === 'ECONNRESET'
  );
}

/**
 * The app's one error handler: an {@link ApiError} answers with its status, code and
 * headers; anything else is logged and answered as a bare 500, so no stack or SQL reaches
 * the client.
 */
export function createErrorHandler(log: ErrorLog) {
  return function onError(err: Error, c: Context) {
    if (err instanceof ApiError) return answer(c, err);
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'payload_too_large' : 'http_error';
      return c.json<ErrorBody>({ error: { code, message: err.message || 'Request refused' } }, err.status);
    }
    if (isClientAbort(c, err))
      return answer(c, new ApiError(400, 'request_aborted', 'The request was aborted'));
    log(`unhandled error on ${c.req.method} ${c.req.path}`, err);
    return answer(c, new ApiError(500, 'internal', 'Something went wrong on our side'));
  };
}

/** The app's `notFound`: unknown paths and methods answer in the same error shape. */
export function onNotFound(c: Context) {
  return answer(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`));
}
