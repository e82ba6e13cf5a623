import type { StaffRole } from '../../contract/constants.ts';

/**
 * What each kind of caller may do. Every console route declares one permission; server
 * routes (secret key) declare theirs too, so one table decides for both.
 */
export const PERMISSIONS = {
  /** Customer lists, the customer 360, live activity. */
  'customers.read': ['owner', 'admin', 'marketing', 'service'],
  /** The home page's figures and charts. */
  'reports.read': ['owner', 'admin', 'marketing'],
  /** Site settings: name, origins, the snippet, the install check. */
  'settings.read': ['owner', 'admin'],
  'settings.write': ['owner', 'admin'],
  /** Rotating the secret key or the identity secret; creating sites. */
  'keys.manage': ['owner'],
  /** Inviting, changing and deactivating members; reading the audit log. */
  'staff.manage': ['owner'],
  /** Recording orders: the site's own servers only. */
  'orders.write': [],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What a site's server may do with its secret key. */
export const SERVER_PERMISSIONS: readonly Permission[] = ['customers.read', 'orders.write'];

/** Whether a role carries a permission. */
export function roleAllows(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
