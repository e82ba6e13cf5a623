import type { StaffCustomerSummary } from '../../worker/contract/scoring.ts';
import type { CrmKit } from '../core/kit.ts';

/** `GET /v1/staff/customer`: one customer's 360 summary with scores, for a staff token. */
export function fetchStaffSummary(
  kit: CrmKit,
  staffToken: string,
  customer: string,
  signal: AbortSignal,
): Promise<StaffCustomerSummary> {
  return kit.request<StaffCustomerSummary>(
    'GET',
    `v1/staff/customer?customer=${encodeURIComponent(customer)}`,
    {
      staffToken,
      signal,
    },
  );
}
