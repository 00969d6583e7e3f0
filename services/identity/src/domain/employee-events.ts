import { employeeCreated, teamCreated, type EventData } from '@crm/events';
import type { Employee } from '../db/employees';
import type { Team } from '../db/teams';

export function employeeSnapshot(e: Employee): EventData<typeof employeeCreated> {
  return {
    employeeId: e.id,
    name: e.name,
    email: e.email,
    roles: e.roles,
    teamId: e.teamId,
    active: e.active,
    version: e.version,
    occurredAt: new Date().toISOString(),
  };
}

export function teamSnapshot(t: Team): EventData<typeof teamCreated> {
  return {
    teamId: t.id,
    name: t.name,
    managerId: t.managerId,
    version: t.version,
    occurredAt: new Date().toISOString(),
  };
}

/** Public view of an employee for audit records (no password hash). */
export const auditView = (e: Employee) => ({
  name: e.name,
  email: e.email,
  roles: e.roles,
  teamId: e.teamId,
  active: e.active,
});
