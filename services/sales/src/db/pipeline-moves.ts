import { rows, type Tx } from '@crm/database';

/** Re-points every pipeline record of a merged-away customer to the surviving one. */
export async function repointPipelineRecords(
  tx: Tx,
  sourceId: string,
  targetId: string,
): Promise<void> {
  for (const table of ['opportunities', 'activities', 'tasks', 'quotes', 'lead_assignments'])
    await tx.query(`UPDATE ${table} SET customer_id = $2 WHERE customer_id = $1`, [
      sourceId,
      targetId,
    ]);
}

/**
 * Moves the planned follow-up of the source to the target when the target has none (the earlier
 * promise wins when both have one); returns the plan's due time when it moved.
 */
export async function moveFollowUpPlan(
  tx: Tx,
  sourceId: string,
  targetId: string,
): Promise<Date | null> {
  const moved = await rows<{ due_at: Date }>(
    tx,
    `WITH src AS (DELETE FROM follow_up_plans WHERE customer_id = $1 RETURNING activity_id, due_at, missed_at)
     INSERT INTO follow_up_plans (customer_id, activity_id, due_at, missed_at)
     SELECT $2, activity_id, due_at, missed_at FROM src
     ON CONFLICT (customer_id) DO UPDATE SET activity_id = excluded.activity_id, due_at = excluded.due_at,
       missed_at = excluded.missed_at, updated_at = now()
     WHERE follow_up_plans.due_at > excluded.due_at
     RETURNING due_at`,
    [sourceId, targetId],
  );
  return moved[0]?.due_at ?? null;
}

/** Open tasks and open opportunities of the customers owned by `fromOwnerId` go to the new owner. */
export async function handOverOpenWork(
  tx: Tx,
  change: {
    customerIds: string[];
    fromOwnerId: string | null;
    toOwnerId: string;
    teamId: string | null;
  },
): Promise<{ taskIds: string[] }> {
  const params = [change.customerIds, change.fromOwnerId, change.toOwnerId, change.teamId];
  const tasks = await rows<{ id: string }>(
    tx,
    `UPDATE tasks SET assignee_id = $3, team_id = $4, version = version + 1, updated_at = now()
     WHERE customer_id = ANY($1::uuid[]) AND status = 'OPEN' AND ($2::uuid IS NULL OR assignee_id = $2)
     RETURNING id`,
    params,
  );
  await tx.query(
    `UPDATE opportunities SET owner_id = $3, team_id = $4, version = version + 1, updated_at = now()
     WHERE customer_id = ANY($1::uuid[]) AND status = 'OPEN' AND ($2::uuid IS NULL OR owner_id = $2)`,
    params,
  );
  return { taskIds: tasks.map((t) => t.id) };
}
