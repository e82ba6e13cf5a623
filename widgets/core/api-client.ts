import type { EventBatchResponse, TrackedEvent } from '../../worker/contract/events.ts';
import type { IdentifyResponse } from '../../worker/contract/identify.ts';
import type { MeResponse } from '../../worker/contract/me.ts';
import type { VisitorResponse } from '../../worker/contract/visitors.ts';
import { IDENTITY_HEADER, SITE_KEY_PARAM } from '../../worker/contract/constants.ts';
import { ApiError } from './api-error.ts';

const TEXT = 'text/plain;charset=UTF-8';
const JSON_TYPE = 'application/json';

/**
 * The widget routes of the CRM API. Every call carries the publishable key as `?key=` and no
 * cookies; failures reject with an {@link ApiError}.
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
    return this.#call('v1/visitors', 'POST', {}, JSON.stringify(visitorToken ? { visitorToken } : {}));
  }

  /** Sends a batch while the page lives; keepalive lets it finish if the page goes away. */
  events(visitorToken: string, events: TrackedEvent[]): Promise<EventBatchResponse> {
    return this.#call(
      'v1/events',
      'POST',
      { 'Content-Type': TEXT },
      JSON.stringify({ visitorToken, events }),
      {
        keepalive: true,
      },
    );
  }

  /** Hands a batch to the browser to send after the page is gone; false when it refused. */
  beacon(visitorToken: string, events: TrackedEvent[]): boolean {
    const body = new Blob([JSON.stringify({ visitorToken, events })], { type: TEXT });
    return navigator.sendBeacon(this.#url('v1/events'), body);
  }

  identify(visitorToken: string, identityToken: string): Promise<IdentifyResponse> {
    return this.#call('v1/identify', 'POST', this.#auth(visitorToken, identityToken), '{}');
  }

  me(visitorToken: string, identityToken: string | undefined, signal: AbortSignal): Promise<MeResponse> {
    return this.#call('v1/me', 'GET', this.#auth(visitorToken, identityToken), undefined, { signal });
  }

  /** Records the visitor's consent choice on their profile. */
  async consent(visitorToken: string, granted: boolean): Promise<void> {
    await this.#call('v1/me/consent', 'POST', this.#auth(visitorToken), JSON.stringify({ granted }));
  }

  /** Revokes the visitor token on the server. */
  async logout(visitorToken: string): Promise<void> {
    await this.#call('v1/me/logout', 'POST', this.#auth(visitorToken), '{}');
  }

  #url(path: string): string {
    const url = new URL(path, this.#base);
    url.searchParams.set(SITE_KEY_PARAM, this.#siteKey);
    return url.href;
  }

  #auth(visitorToken: string, identityToken?: string): Record<string, string> {
    const headers: Record<string, string> = { Authorization: `Bearer ${visitorToken}` };
    if (identityToken) headers[IDENTITY_HEADER] = identityToken;
    return headers;
  }

  async #call<T>(
    path: string,
    method: string,
    headers: Record<string, string>,
    body?: string,
    init?: RequestInit,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.#url(path), {
        ...init,
        method,
        body: body ?? null,
        headers: body === undefined ? headers : { 'Content-Type': JSON_TYPE, ...headers },
        credentials: 'omit',
        mode: 'cors',
      });
    } catch (error) {
      // An abort is the caller's own doing: let it through unchanged.
      if (init?.signal?.aborted) throw error;
      throw new ApiError(0, 'network_error', String(error));
    }
    if (!response.ok) throw await ApiError.from(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
