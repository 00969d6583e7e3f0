import { rows, type Tx } from '@crm/database';

export interface Stage {
  id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  closedWon: boolean;
  closedLost: boolean;
  active: boolean;
}

interface StageRow {
  id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  closed_won: boolean;
  closed_lost: boolean;
  active: boolean;
}

const toStage = (r: StageRow): Stage => ({
  id: r.id,
  key: r.key,
  name: r.name,
  position: r.position,
  probability: r.probability,
  closedWon: r.closed_won,
  closedLost: r.closed_lost,
  active: r.active,
});

const COLUMNS = 'id, key, name, position, probability, closed_won, closed_lost, active';

/** Every stage (retired ones too: old opportunities and history still point at them), in order. */
export async function listStages(tx: Tx): Promise<Stage[]> {
  const found = await rows<StageRow>(
    tx,
    `SELECT ${COLUMNS} FROM opportunity_stages ORDER BY active DESC, position, key`,
  );
  return found.map(toStage);
}

export async function findStagesByIds(tx: Tx, ids: readonly string[]): Promise<Stage[]> {
  const found = await rows<StageRow>(
    tx,
    `SELECT ${COLUMNS} FROM opportunity_stages WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toStage);
}

/** Locks the stage table for a configuration change (one admin at a time). */
export async function lockStages(tx: Tx): Promise<void> {
  await tx.query('LOCK TABLE opportunity_stages IN SHARE ROW EXCLUSIVE MODE');
}

export async function upsertStage(tx: Tx, s: Stage): Promise<Stage> {
  const found = await rows<StageRow>(
    tx,
    `INSERT INTO opportunity_stages (id, key, name, position, probability, closed_won, closed_lost, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = $3, position = $4, probability = $5, closed_won = $6, closed_lost = $7,
       active = $8, updated_at = now()
     RETURNING ${COLUMNS}`,
    [s.id, s.key, s.name, s.position, s.probability, s.closedWon, s.closedLost, s.active],
  );
  return toStage(found[0]);
}
