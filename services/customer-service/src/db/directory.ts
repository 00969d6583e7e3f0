import { rows, type Tx } from '@crm/database';

export interface EmployeeCopy {
  id: string;
  name: string;
  roles: string[];
  teamId: string | null;
  active: boolean;
  version: number;
}

/** Keeps the newest version of an employee identity announced (events may come twice or late). */
export async function upsertEmployeeCopy(tx: Tx, e: EmployeeCopy): Promise<void> {
  await tx.query(
    `INSERT INTO employee_replica (id, name, roles, team_id, active, version) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = $2, roles = $3, team_id = $4, active = $5, version = $6, updated_at = now()
     WHERE employee_replica.version < $6`,
    [e.id, e.name, e.roles, e.teamId, e.active, e.version],
  );
}

export async function upsertTeamCopy(
  tx: Tx,
  t: { id: string; name: string; managerId: string | null; version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO team_replica (id, name, manager_id, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = $2, manager_id = $3, version = $4, updated_at = now()
     WHERE team_replica.version < $4`,
    [t.id, t.name, t.managerId, t.version],
  );
}

/** The active manager of the team of `employeeId`, if the directory knows one. */
export async function findActiveManagerOf(tx: Tx, employeeId: string): Promise<string | null> {
  const found = await rows<{ id: string }>(
    tx,
    `SELECT m.id FROM employee_replica e
     JOIN team_replica t ON t.id = e.team_id
     JOIN employee_replica m ON m.id = t.manager_id AND m.active
     WHERE e.id = $1 AND m.id <> e.id`,
    [employeeId],
  );
  return found[0]?.id ?? null;
}

/** Every active employee with `role`, by id. */
export async function findActiveWithRole(tx: Tx, role: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM employee_replica WHERE active AND $1 = ANY(roles) ORDER BY id',
    [role],
  );
  return found.map((r) => r.id);
}

export async function findDirectoryEntry(tx: Tx, id: string): Promise<EmployeeCopy | null> {
  const found = await rows<EmployeeCopy>(
    tx,
    'SELECT id, name, roles, team_id AS "teamId", active, version FROM employee_replica WHERE id = $1',
    [id],
  );
  return found[0] ?? null;
}
