import { CONSOLE_PATH } from '../../worker/contract/constants.ts';

/** Where the console's JSON API lives: same origin, under the console's path. */
export const API_BASE = `${CONSOLE_PATH}/api`;

/** Codes meaning the browser holds no valid session: the console shows sign-in. */
const SIGNED_OUT_CODES = new Set(['sign_in_required', 'session_expired']);

/** An answer of the console API that was not 2xx: `{ error: { code, message } }`. */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ConsoleApiError';
    this.status = status;
    this.code = code;
  }

  /** The session is missing or over. */
  get signedOut(): boolean {
    return this.status === 401 && SIGNED_OUT_CODES.has(this.code);
  }
}

/** The error code of anything a request threw: `network` when it never got an answer. */
export const errorCode = (error: unknown): string =>
  error instanceof ConsoleApiError ? error.code : error instanceof DOMException ? error.name : 'network';

type Query = Record<string, string | number | undefined>;

/**
 * The console's one request path. JSON both ways, the session cookie sent by the browser
 * (same origin), and every unsafe method carries the page's `Origin`, as browsers add to a
 * `fetch` POST/PATCH/DELETE, which the server checks against CSRF. An answer saying the
 * session is gone calls `onSignedOut` before it throws.
 */
export class ConsoleApi {
  readonly #onSignedOut: () => void;

  constructor(onSignedOut: () => void) {
    this.#onSignedOut = onSignedOut;
  }

  get<T>(path: string, signal?: AbortSignal, query: Query = {}): Promise<T> {
    return this.request<T>('GET', path, { signal, query });
  }

  post<T>(path: string, body: unknown = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, { body, signal });
  }

  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('PATCH', path, { body, signal });
  }

  /** Sends a file's bytes as the body (`application/octet-stream`); the query names it. */
  upload<T>(path: string, file: Blob, query: Query = {}): Promise<T> {
    return this.request<T>('POST', path, { file, query });
  }

  delete<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('DELETE', path, { signal });
  }

  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; file?: Blob; signal?: AbortSignal | undefined; query?: Query } = {},
  ): Promise<T> {
    const url = new URL(`${API_BASE}${path}`, location.origin);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.file) headers['Content-Type'] = 'application/octet-stream';
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      const failure = new ConsoleApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? response.statusText,
      );
      if (failure.signedOut) this.#onSignedOut();
      throw failure;
    }
    return data as T;
  }
}
