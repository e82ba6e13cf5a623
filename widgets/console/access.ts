import { STAFF_PERMISSIONS, STAFF_ROLES, type StaffRole } from '../../worker/contract/constants.ts';

/**
 * Which roles see which part of the console, read from the server's own permission table: the
 * console only hides what the API would refuse anyway, and shows "not allowed" when it refuses.
 */
export const ACCESS = {
  reports: STAFF_PERMISSIONS['reports.read'],
  customers: STAFF_PERMISSIONS['customers.read'],
  settings: STAFF_PERMISSIONS['settings.read'],
  configurator: STAFF_PERMISSIONS['configurator.read'],
  offers: STAFF_PERMISSIONS['offers.read'],
  keys: STAFF_PERMISSIONS['keys.manage'],
  staff: STAFF_PERMISSIONS['staff.manage'],
  tickets: STAFF_PERMISSIONS['tickets.read'],
  serviceManage: STAFF_PERMISSIONS['service.manage'],
  serviceReports: STAFF_PERMISSIONS['service.reports'],
  help: STAFF_PERMISSIONS['help.read'],
  public: STAFF_ROLES,
} as const satisfies Record<string, readonly StaffRole[]>;

export type Access = keyof typeof ACCESS;

export const allows = (role: StaffRole, access: Access): boolean =>
  (ACCESS[access] as readonly StaffRole[]).includes(role);
