import type { DecideResponse, DecidedOffer } from '../../worker/contract/offers.ts';
import type { CrmKit, KitError } from '../core/kit.ts';

/** Offer events the banner reports. */
export type BannerEvent = 'impression' | 'click' | 'dismiss';

/** Query parameter of a personal referral link; the contract's `REFERRAL_PARAM`. */
const REFERRAL_PARAM = 'crm_ref';

/**
 * `POST /v1/offers/decide`: the offer for this placement, or `null` (nothing eligible, or the
 * visitor is in the control group, or tracking is off).
 */
export async function decideOffer(
  kit: CrmKit,
  placement: string,
  language: string,
  signal: AbortSignal,
): Promise<DecidedOffer | null> {
  const referralCode = new URL(location.href).searchParams.get(REFERRAL_PARAM);
  try {
    const answer = await kit.request<DecideResponse>('POST', 'v1/offers/decide', {
      body: {
        placement,
        url: location.href.slice(0, 2048),
        language,
        ...(referralCode && referralCode.length >= 8 && referralCode.length <= 64 ? { referralCode } : {}),
      },
      signal,
    });
    return answer.offer;
  } catch (error) {
    if ((error as Partial<KitError> | undefined)?.code === 'not_tracked') return null;
    throw error;
  }
}

/** A fresh id per event, so a retried report is stored once. */
const eventId = () => `ob-${crypto.randomUUID()}`;

/** `POST /v1/offers/events`; kept alive so a click that navigates away still lands. */
export async function reportOfferEvent(kit: CrmKit, exposureId: string, type: BannerEvent): Promise<void> {
  await kit.request('POST', 'v1/offers/events', {
    body: { exposureId, type, eventId: eventId() },
    keepalive: true,
  });
}
