import type { Tx } from '@crm/database';
import {
  employeeCreated,
  employeeDeactivated,
  employeeUpdated,
  on,
  teamCreated,
  teamUpdated,
  type ConsumedEvent,
} from '@crm/events';
import { upsertEmployeeCopy, upsertTeamCopy } from '../db/directory';
import { reassignDeactivated } from '../domain/dispatch/reassign-deactivated';

async function copyEmployee(event: ConsumedEvent<typeof employeeCreated>, tx: Tx): Promise<void> {
  const { employeeId, name, roles, teamId, active, version } = event.data;
  await upsertEmployeeCopy(tx, { id: employeeId, name, roles, teamId, active, version });
}

async function copyTeam(event: ConsumedEvent<typeof teamCreated>, tx: Tx): Promise<void> {
  const { teamId, name, managerId, version } = event.data;
  await upsertTeamCopy(tx, { id: teamId, name, managerId, version });
}

async function employeeLeft(
  event: ConsumedEvent<typeof employeeDeactivated>,
  tx: Tx,
): Promise<void> {
  await copyEmployee(event, tx);
  await reassignDeactivated(tx, event.data.employeeId);
}

/**
 * Identity's people and teams: who is active, in which team, who manages it (dispatch, SLA
 * escalation); a deactivated agent's open tickets are dispatched again.
 */
export const directoryHandlers = [
  on(employeeCreated, copyEmployee),
  on(employeeUpdated, copyEmployee),
  on(employeeDeactivated, employeeLeft),
  on(teamCreated, copyTeam),
  on(teamUpdated, copyTeam),
];
