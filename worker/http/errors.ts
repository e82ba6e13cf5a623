/** HTTP statuses an {@link ApiError} may carry. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * The one error type: it carries its HTTP status, its stable code and any headers the answer
 * needs (`Retry-After`, …). Services and middleware throw it; the one error handler answers it.
 */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: ErrorStatus, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Shortcuts for the errors raised most. */
export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (code: string, message: string) => new ApiError(401, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes`);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests; retry later') =>
  new ApiError(429, 'rate_limited', message, { 'Retry-After': String(Math.max(1, retryAfterSeconds)) });
