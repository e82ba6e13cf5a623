import type {
  DesignResponse,
  PlaceOrderResponse,
  ProductResponse,
  ShareResponse,
} from '../../worker/contract/configurator.ts';
import type { Configuration } from '../../worker/contract/shared/configurator/model.ts';
import type { CrmKit } from '../core/kit.ts';

/** `GET /v1/configurator/products/:sku`: the product's model. */
export function fetchProduct(kit: CrmKit, sku: string, signal: AbortSignal): Promise<ProductResponse> {
  return kit.request<ProductResponse>('GET', `v1/configurator/products/${encodeURIComponent(sku)}`, {
    signal,
  });
}

/** `GET /v1/configurator/shared/:token`: a design shared by a link. */
export function fetchShared(kit: CrmKit, token: string, signal: AbortSignal): Promise<DesignResponse> {
  return kit.request<DesignResponse>('GET', `v1/configurator/shared/${encodeURIComponent(token)}`, {
    signal,
  });
}

/** Copies a shared design into the visitor's own designs. */
export function copyShared(kit: CrmKit, token: string): Promise<DesignResponse> {
  return kit.request<DesignResponse>('POST', `v1/configurator/shared/${encodeURIComponent(token)}/copy`, {
    body: {},
  });
}

/** Saves the design: a new one, or the visitor's own `id` again. */
export function saveDesign(
  kit: CrmKit,
  sku: string,
  configuration: Configuration,
  id: string | undefined,
): Promise<DesignResponse> {
  const path = id ? `v1/configurator/designs/${encodeURIComponent(id)}` : 'v1/configurator/designs';
  return kit.request<DesignResponse>('POST', path as `v1/${string}`, { body: { sku, configuration } });
}

/** A new share link's token for the visitor's own design. */
export function shareDesign(kit: CrmKit, id: string): Promise<ShareResponse> {
  return kit.request<ShareResponse>('POST', `v1/configurator/designs/${encodeURIComponent(id)}/share`, {
    body: {},
  });
}

/** Places the order; the server prices it again and refuses a total the shopper was not shown. */
export function placeOrder(
  kit: CrmKit,
  body: {
    sku: string;
    configuration: Configuration;
    expectedTotal: number;
    currency: string;
    locale: string;
  },
  idempotencyKey: string,
): Promise<PlaceOrderResponse> {
  return kit.request<PlaceOrderResponse>('POST', 'v1/configurator/orders', { body, idempotencyKey });
}
