/**
 * Key of the global symbol (`Symbol.for(key)`) that holds the running kit. It doubles as the
 * guard against loading the script twice. It is a type, not a constant: a runtime value
 * imported by both `crm.js` and a widget would make esbuild split it into a chunk that
 * `crm.js` loads eagerly (the build refuses that), so each side spells the literal and the
 * type checks the spelling.
 */
export type KitKey = 'crm.kit';

/** Shape of errors the kit rejects with; widgets read `code` without importing the class. */
export interface KitError extends Error {
  /** HTTP status, or 0 when no answer came. */
  status: number;
  /**
   * Stable error code: the API's (`identity_required`, …), `network_error`, or `not_tracked`
   * when tracking is off (Do-Not-Track, or consent required and not given), so there is no
   * visitor to ask about.
   */
  code: string;
}

/** What a widget's request carries besides its method and path. */
export interface KitRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Aborts the request (a widget's task passes its own). */
  signal?: AbortSignal;
  /** Extra headers the route reads (an idempotency key, a ticket's private token). */
  headers?: Record<string, string>;
  /**
   * `optional`: public reads and anonymous logs that work for everyone. While tracking is off
   * (Do-Not-Track, or consent required and not given) the request goes without a visitor
   * token instead of failing with `not_tracked`; otherwise it carries the token as usual.
   */
  visitor?: 'required' | 'optional';
  /** Sent as `Idempotency-Key`, for writes a widget may retry (placing an order). */
  idempotencyKey?: string;
  /**
   * A staff token the host's server signed: sent as the bearer instead of the visitor's tokens,
   * with no visitor made or consent asked (the card's staff mode, in the company's own tools).
   */
  staffToken?: string;
  /** Lets the request finish when the page goes away (a click that navigates). */
  keepalive?: boolean;
}

/**
 * What the script-tag core offers to lazily loaded widgets. It stays this small: each widget
 * keeps its own calls in its `api.ts` over {@link CrmKit.request}.
 */
export interface CrmKit {
  /**
   * Calls the widget API as the visitor on this page: adds the publishable key, the visitor
   * token (creating or refreshing it) and, once the visitor is identified, the identity token.
   * Resolves to the JSON answer (`undefined` for 204) and rejects with a {@link KitError}.
   */
  request<T>(method: 'GET' | 'POST', path: `v1/${string}`, options?: KitRequestOptions): Promise<T>;
}

/** Finds the running kit, if `crm.js` has started on this page. */
export function findKit(): CrmKit | undefined {
  const key: KitKey = 'crm.kit';
  return (globalThis as Record<symbol, CrmKit | undefined>)[Symbol.for(key)];
}
