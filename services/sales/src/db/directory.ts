import { rows, type Tx } from '@crm/database';

/** Sales' replica of identity's people and teams (fed by events, never read from identity). */
export interface DirectoryEmployee {
  id: string;
  name: string;
  email: string;
  roles: string[];
  teamId: string | null;
  active: boolean;
}

export async function upsertEmployee(
  tx: Tx,
  e: DirectoryEmployee & { version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO employee_replica (id, name, email, roles, team_id, active, version) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = $2, email = $3, roles = $4, team_id = $5, active = $6, version = $7
     WHERE employee_replica.version < $7`,
    [e.id, e.name, e.email, e.roles, e.teamId, e.active, e.version],
  );
}

export async function upsertTeam(
  tx: Tx,
  t: { id: string; name: string; managerId: string | null; version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO team_replica (id, name, manager_id, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = $2, manager_id = $3, version = $4 WHERE team_replica.version < $4`,
    [t.id, t.name, t.managerId, t.version],
  );
}

export async function findDirectoryEmployee(tx: Tx, id: string): Promise<DirectoryEmployee | null> {
  const found = await rows<{
    id: string;
    name: string;
    email: string;
    roles: string[];
    team_id: string | null;
    active: boolean;
  }>(tx, 'SELECT id, name, email, roles, team_id, active FROM employee_replica WHERE id = $1', [
    id,
  ]);
  const r = found[0];
  return r
    ? {
        id: r.id,
        name: r.name,
        email: r.email,
        roles: r.roles,
        teamId: r.team_id,
        active: r.active,
      }
    : null;
}
