import type { StaffRole } from '../../worker/contract/constants.ts';

/**
 * Which roles see which part of the console. This mirrors the server's permission table
 * (`worker/modules/staff/permissions.ts`), which decides: the console only hides what the
 * API would refuse anyway, and shows "not allowed" when it refuses.
 */
export const ACCESS = {
  reports: ['owner', 'admin', 'marketing'],
  customers: ['owner', 'admin', 'marketing', 'service'],
  settings: ['owner', 'admin'],
  keys: ['owner'],
  staff: ['owner'],
  public: ['owner', 'admin', 'marketing', 'service', 'content'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Access = keyof typeof ACCESS;

export const allows = (role: StaffRole, access: Access): boolean =>
  (ACCESS[access] as readonly StaffRole[]).includes(role);
