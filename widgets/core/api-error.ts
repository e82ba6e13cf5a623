import type { ErrorBody } from '../../worker/contract/common.ts';
import type { KitError } from './kit.ts';

/** A failed API call: an error answer, or `status` 0 when the network failed. */
export class ApiError extends Error implements KitError {
  readonly status: number;
  readonly code: string;
  /** Milliseconds the server asked us to wait (`Retry-After`), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'CrmApiError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** Network failures, timeouts, overload and server errors are worth another try. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }

  /** Reads the `{ error: { code, message } }` body of a non-2xx answer. */
  static async from(response: Response): Promise<ApiError> {
    const body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    return new ApiError(
      response.status,
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? response.statusText,
      parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
    );
  }
}

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** Delay before retry number `attempt` (from 0): exponential with full jitter, capped at a minute. */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs + Math.random() * 1000;
  return Math.random() * Math.min(60_000, 1000 * 2 ** attempt);
}
