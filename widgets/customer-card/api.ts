import type { MeResponse } from '../../worker/contract/me.ts';
import type { CrmKit, KitError } from '../core/kit.ts';

/** `GET /v1/me`: the visitor's own profile, or `null` when tracking is off and nobody is tracked. */
export async function fetchProfile(kit: CrmKit, signal: AbortSignal): Promise<MeResponse | null> {
  try {
    return await kit.request<MeResponse>('GET', 'v1/me', { signal });
  } catch (error) {
    if ((error as Partial<KitError> | undefined)?.code === 'not_tracked') return null;
    throw error;
  }
}
