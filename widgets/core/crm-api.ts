import type { IdentifyResponse } from '../../worker/contract/identify.ts';

/** A purchase as the page saw it; see {@link CrmApi.purchase}. */
export interface PurchaseDetails {
  reference?: string;
  totalCents?: number;
  /** ISO 4217 code, such as `USD`. */
  currency?: string;
  items?: { sku: string; name?: string; quantity?: number; unitPriceCents?: number }[];
}

/**
 * `window.crm`, the page's handle on the kit. Every method is safe to call at any time: when
 * tracking is off (Do-Not-Track, or consent required and not given) they record nothing.
 */
export interface CrmApi {
  /**
   * Links this visitor to a customer of the site. `identityToken` is a short-lived JWT the
   * site's server signs for its logged-in customer. Resolves to how it went, or `null` when
   * tracking is off (the token is then used once consent is given). Fires `crm-identity-change`.
   */
  identify(identityToken: string): Promise<IdentifyResponse | null>;
  /**
   * Records a custom event. The names `add_to_cart` and `product_view` record those event
   * types instead, so shops can report them with the same call.
   */
  track(name: string, properties?: Record<string, unknown>): void;
  /**
   * Records a `purchase` event for the visitor's journey. It is not revenue: orders and their
   * totals reach the CRM only from the site's server via `POST /v1/orders` with its secret key,
   * since anything a page sends could be forged.
   */
  purchase(details: PurchaseDetails): void;
  /**
   * Records a page view of the current URL. Needed only for views that History API routing
   * does not reveal (the tracker already follows `pushState`, `replaceState` and back/forward).
   */
  page(): void;
  /** Forgets the customer: revokes the visitor token and starts over anonymously. */
  logout(): Promise<void>;
  /** Grants or withdraws consent; withdrawing deletes the queue and tokens kept in the browser. */
  consent(granted: boolean): void;
  /** Sends the queued events now; resolves when done (or when a retry has been scheduled). */
  flush(): Promise<void>;
}
