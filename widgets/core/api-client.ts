import type { EventBatchResponse, TrackedEvent } from '../../worker/contract/events.ts';
import type { IdentifyResponse } from '../../worker/contract/identify.ts';
import type { VisitorResponse } from '../../worker/contract/visitors.ts';
import { IDENTITY_HEADER, SITE_KEY_PARAM } from '../../worker/contract/constants.ts';
import { ApiError } from './api-error.ts';

const TEXT = 'text/plain;charset=UTF-8';

/** What one call carries besides its method and path. */
export interface CallOptions {
  /** Visitor token, sent as the bearer token. */
  visitorToken?: string | undefined;
  /** Identity token of the logged-in customer. */
  identityToken?: string | undefined;
  /** Sent as JSON; as `text/plain` when `text` is set (no preflight, for event batches). */
  body?: unknown;
  text?: boolean;
  signal?: AbortSignal | undefined;
  /** Lets the request finish after the page is gone. */
  keepalive?: boolean;
  /** Extra headers a widget's route reads. */
  headers?: Record<string, string> | undefined;
  /** Sent as `Idempotency-Key`. */
  idempotencyKey?: string | undefined;
}

/**
 * The widget routes of the CRM API. Every call carries the publishable key as `?key=` and no
 * cookies; failures reject with an {@link ApiError}. {@link ApiClient.call} is the one path
 * every request takes; the named methods are the kit's own routes.
 */
export class ApiClient {
  readonly #base: string;
  readonly #siteKey: string;

  constructor(endpoint: string, siteKey: string) {
    this.#base = endpoint.replace(/\/*$/, '/');
    this.#siteKey = siteKey;
  }

  /** A new visitor token, or a fresh one for the visitor holding `visitorToken`. */
  visitors(visitorToken?: string): Promise<VisitorResponse> {
    return this.call('POST', 'v1/visitors', { body: visitorToken ? { visitorToken } : {} });
  }

  /** Sends a batch while the page lives; keepalive lets it finish if the page goes away. */
  events(visitorToken: string, events: TrackedEvent[]): Promise<EventBatchResponse> {
    return this.call('POST', 'v1/events', { body: { visitorToken, events }, text: true, keepalive: true });
  }

  /** Hands a batch to the browser to send after the page is gone; false when it refused. */
  beacon(visitorToken: string, events: TrackedEvent[]): boolean {
    const body = new Blob([JSON.stringify({ visitorToken, events })], { type: TEXT });
    return navigator.sendBeacon(this.#url('v1/events'), body);
  }

  identify(visitorToken: string, identityToken: string): Promise<IdentifyResponse> {
    return this.call('POST', 'v1/identify', { visitorToken, identityToken, body: {} });
  }

  /** Records the visitor's consent choice on their profile. */
  async consent(visitorToken: string, granted: boolean): Promise<void> {
    await this.call('POST', 'v1/me/consent', { visitorToken, body: { granted } });
  }

  /** Revokes the visitor token on the server. */
  async logout(visitorToken: string): Promise<void> {
    await this.call('POST', 'v1/me/logout', { visitorToken, body: {} });
  }

  /** One request to the API: the answer's JSON (`undefined` for 204), or an {@link ApiError}. */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const { visitorToken, identityToken, body, text, signal, keepalive, idempotencyKey } = options;
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['Content-Type'] = text ? TEXT : 'application/json';
    if (visitorToken) headers.Authorization = `Bearer ${visitorToken}`;
    if (identityToken) headers[IDENTITY_HEADER] = identityToken;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(this.#url(path), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
        keepalive: keepalive ?? false,
        credentials: 'omit',
        mode: 'cors',
      });
    } catch (error) {
      // An abort is the caller's own doing: let it through unchanged.
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'network_error', String(error));
    }
    if (!response.ok) throw await ApiError.from(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  #url(path: string): string {
    const url = new URL(path, this.#base);
    url.searchParams.set(SITE_KEY_PARAM, this.#siteKey);
    return url.href;
  }
}
