import type { MeResponse } from '../../worker/contract/me.ts';
import type { CrmKit, KitError } from '../core/kit.ts';

/** `GET /v1/offers/referral`: the customer's personal referral link and how many it brought. */
export function fetchReferral(
  kit: CrmKit,
  signal: AbortSignal,
): Promise<{ url: string | null; referred: number }> {
  return kit.request('GET', 'v1/offers/referral', { signal });
}

/** `GET /v1/me`: the visitor's own profile, or `null` when tracking is off and nobody is tracked. */
export async function fetchProfile(kit: CrmKit, signal: AbortSignal): Promise<MeResponse | null> {
  try {
    return await kit.request<MeResponse>('GET', 'v1/me', { signal });
  } catch (error) {
    if ((error as Partial<KitError> | undefined)?.code === 'not_tracked') return null;
    throw error;
  }
}
