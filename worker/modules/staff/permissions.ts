import { STAFF_PERMISSIONS, type Permission, type StaffRole } from '../../contract/constants.ts';

export { STAFF_PERMISSIONS as PERMISSIONS, type Permission };

/** What a site's server may do with its secret key. */
export const SERVER_PERMISSIONS: readonly Permission[] = ['customers.read', 'orders.write'];

/** Whether a role carries a permission. */
export function roleAllows(role: StaffRole, permission: Permission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
