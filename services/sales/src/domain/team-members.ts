import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findDirectoryEmployee, type DirectoryEmployee } from '../db/directory';

const SALES_ROLES = ['SALES_REP', 'SALES_MANAGER'];

/**
 * The rep a manager picks to take over a team's customers: an active salesperson of that team
 * (an admin may pick anyone in sales).
 */
export async function assignableEmployeeOf(
  tx: Tx,
  viewer: Viewer,
  teamId: string,
  repId: string,
): Promise<DirectoryEmployee> {
  const rep = await findDirectoryEmployee(tx, repId);
  if (!rep || !rep.active || !rep.roles.some((r) => SALES_ROLES.includes(r)))
    throw new UserErrors([
      userError('repId', 'NOT_FOUND', `repId: no active salesperson ${repId}`),
    ]);
  if (rep.teamId !== teamId && !viewer.roles.includes('ADMIN'))
    throw new UserErrors([
      userError('repId', 'INVALID', `repId: ${rep.name} is not a member of team ${teamId}`),
    ]);
  return rep;
}
