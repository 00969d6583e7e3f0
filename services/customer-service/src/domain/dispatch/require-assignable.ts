import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findDirectoryEntry, type EmployeeCopy } from '../../db/directory';

const WORKS_TICKETS = ['SERVICE_AGENT', 'SERVICE_MANAGER'];

/** Whom a viewer may give tickets to: ADMIN anyone, managers their teams, agents their own team. */
export function assignableBy(viewer: Viewer, person: EmployeeCopy): boolean {
  if (viewer.roles.includes('ADMIN') || person.id === viewer.id) return true;
  if (!person.teamId) return false;
  if (viewer.roles.includes('SERVICE_MANAGER') && viewer.managedTeamIds.includes(person.teamId))
    return true;
  return person.teamId === viewer.teamId;
}

/**
 * A manual assignment: the assignee must be an active employee of identity's directory who
 * works tickets, and within the caller's scope. Refusals name `field`.
 */
export async function requireAssignable(
  tx: Tx,
  viewer: Viewer,
  assigneeId: string,
  field = 'assigneeId',
): Promise<void> {
  const person = await findDirectoryEntry(tx, assigneeId);
  const refuse = (code: 'NOT_FOUND' | 'INVALID' | 'FORBIDDEN', why: string) => {
    throw new UserErrors([userError(field, code, `${field}: ${why}`)]);
  };
  if (!person?.active) return refuse('NOT_FOUND', `no active employee ${assigneeId}`);
  if (!person.roles.some((r) => WORKS_TICKETS.includes(r)))
    return refuse(
      'INVALID',
      `${assigneeId} does not work tickets (SERVICE_AGENT or SERVICE_MANAGER)`,
    );
  if (!assignableBy(viewer, person))
    return refuse('FORBIDDEN', `${assigneeId} is not in a team of yours`);
}
