import { rows, type Tx } from '@crm/database';

export interface Team {
  id: string;
  name: string;
  managerId: string | null;
  version: number;
  createdAt: Date;
}

interface TeamRow {
  id: string;
  name: string;
  manager_id: string | null;
  version: number;
  created_at: Date;
}

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  managerId: row.manager_id,
  version: row.version,
  createdAt: row.created_at,
});

const COLUMNS = 'id, name, manager_id, version, created_at';

export async function findTeamsByIds(tx: Tx, ids: readonly string[]): Promise<Team[]> {
  const found = await rows<TeamRow>(tx, `SELECT ${COLUMNS} FROM teams WHERE id = ANY($1::uuid[])`, [
    ids,
  ]);
  return found.map(toTeam);
}

export async function findTeam(tx: Tx, id: string, forUpdate = false): Promise<Team | null> {
  const found = await rows<TeamRow>(
    tx,
    `SELECT ${COLUMNS} FROM teams WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toTeam(found[0]) : null;
}

export async function findTeamByName(tx: Tx, name: string): Promise<Team | null> {
  const found = await rows<TeamRow>(
    tx,
    `SELECT ${COLUMNS} FROM teams WHERE lower(name) = lower($1)`,
    [name],
  );
  return found[0] ? toTeam(found[0]) : null;
}

export async function listTeams(tx: Tx): Promise<Team[]> {
  const found = await rows<TeamRow>(tx, `SELECT ${COLUMNS} FROM teams ORDER BY name`);
  return found.map(toTeam);
}

export async function teamsManagedBy(tx: Tx, employeeId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    'SELECT id FROM teams WHERE manager_id = $1 ORDER BY id',
    [employeeId],
  );
  return found.map((r) => r.id);
}

export async function insertTeam(
  tx: Tx,
  team: { id: string; name: string; managerId: string | null },
): Promise<Team> {
  const found = await rows<TeamRow>(
    tx,
    `INSERT INTO teams (id, name, manager_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [team.id, team.name, team.managerId],
  );
  return toTeam(found[0]);
}

export async function saveTeam(tx: Tx, team: Team): Promise<Team> {
  const found = await rows<TeamRow>(
    tx,
    `UPDATE teams SET name = $2, manager_id = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [team.id, team.name, team.managerId],
  );
  return toTeam(found[0]);
}
