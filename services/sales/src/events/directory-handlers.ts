import {
  employeeCreated,
  employeeDeactivated,
  employeeUpdated,
  on,
  teamCreated,
  teamUpdated,
  type ConsumedEvent,
} from '@crm/events';
import type { Tx } from '@crm/database';
import { upsertEmployee, upsertTeam } from '../db/directory';

async function replicateEmployee(
  event: ConsumedEvent<typeof employeeCreated>,
  tx: Tx,
): Promise<void> {
  const e = event.data;
  await upsertEmployee(tx, {
    id: e.employeeId,
    name: e.name,
    email: e.email,
    roles: e.roles,
    teamId: e.teamId,
    active: e.active,
    version: e.version,
  });
}

async function replicateTeam(event: ConsumedEvent<typeof teamCreated>, tx: Tx): Promise<void> {
  const t = event.data;
  await upsertTeam(tx, { id: t.teamId, name: t.name, managerId: t.managerId, version: t.version });
}

/** Keeps sales' copy of people and teams current (owner names, teams for manager scopes). */
export const directoryHandlers = [
  on(employeeCreated, replicateEmployee),
  on(employeeUpdated, replicateEmployee),
  on(employeeDeactivated, replicateEmployee),
  on(teamCreated, replicateTeam),
  on(teamUpdated, replicateTeam),
];
