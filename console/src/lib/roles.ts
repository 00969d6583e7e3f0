// What the console offers a person follows the project's one permission table (the services
// enforce it; the console only hides what would be refused anyway).
import { PERMISSIONS, type Permission } from '@crm/auth/src/permissions';

export function may(roles: readonly string[], permission: Permission): boolean {
  const row = PERMISSIONS[permission] as Partial<Record<string, string>>;
  return roles.some((role) => (row[role] ?? 'none') !== 'none');
}

export const isSalesRep = (roles: readonly string[]) => roles.includes('SALES_REP');
export const isSalesLead = (roles: readonly string[]) =>
  roles.some((r) => r === 'SALES_MANAGER' || r === 'EXECUTIVE' || r === 'ADMIN');
export const worksTickets = (roles: readonly string[]) => may(roles, 'tickets.write');
