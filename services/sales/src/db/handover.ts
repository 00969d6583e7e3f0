import { rows, type Tx } from '@crm/database';

export type HandoverMode = 'MANAGER_PICKS_REP' | 'PUBLIC_POOL';

export interface TeamHandover {
  teamId: string;
  mode: HandoverMode;
  repId: string | null;
}

export async function findTeamHandover(tx: Tx, teamId: string): Promise<TeamHandover | null> {
  const found = await rows<{ team_id: string; mode: HandoverMode; rep_id: string | null }>(
    tx,
    'SELECT team_id, mode, rep_id FROM team_handover WHERE team_id = $1',
    [teamId],
  );
  const r = found[0];
  return r ? { teamId: r.team_id, mode: r.mode, repId: r.rep_id } : null;
}

export async function saveTeamHandover(tx: Tx, h: TeamHandover, actorId: string): Promise<void> {
  await tx.query(
    `INSERT INTO team_handover (team_id, mode, rep_id, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (team_id) DO UPDATE SET mode = $2, rep_id = $3, updated_by = $4, updated_at = now()`,
    [h.teamId, h.mode, h.repId, actorId],
  );
}

/** Active customers the person owns, locked: what a hand-over moves. */
export async function findCustomerIdsOwnedBy(tx: Tx, ownerId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    "SELECT id FROM customers WHERE owner_id = $1 AND status = 'ACTIVE' ORDER BY id FOR UPDATE",
    [ownerId],
  );
  return found.map((r) => r.id);
}

/** Active customers the person backs up (a deactivated person backs up nobody). */
export async function findCustomerIdsBackedUpBy(tx: Tx, employeeId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    "SELECT id FROM customers WHERE backup_owner_id = $1 AND status = 'ACTIVE' ORDER BY id FOR UPDATE",
    [employeeId],
  );
  return found.map((r) => r.id);
}

/** What sales' replica knows of the person now (to ignore a deactivation that a later change undid). */
export async function findReplicaState(
  tx: Tx,
  employeeId: string,
): Promise<{ version: number; active: boolean } | null> {
  const found = await rows<{ version: number; active: boolean }>(
    tx,
    'SELECT version, active FROM employee_replica WHERE id = $1',
    [employeeId],
  );
  return found[0] ?? null;
}
