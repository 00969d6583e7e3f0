import { recordAudit, type Tx } from '@crm/database';
import { cancelJob, scheduleJob } from '@crm/scheduler';
import { findDirectoryEmployee } from '../../db/directory';
import {
  handOverOpenWork,
  moveFollowUpPlan,
  repointPipelineRecords,
} from '../../db/pipeline-moves';
import { FOLLOW_UP_MISSED_JOB } from '../followups/follow-up-jobs';
import type { CustomerMerge } from '../merge-steps';
import type { OwnershipChange } from '../ownership-steps';

/** Merge: opportunities, activities, tasks, quotes and leads move to the surviving customer. */
export async function movePipelineOnMerge(tx: Tx, merge: CustomerMerge): Promise<void> {
  await repointPipelineRecords(tx, merge.sourceId, merge.targetId);
  await cancelJob(tx, FOLLOW_UP_MISSED_JOB, merge.sourceId);
  const due = await moveFollowUpPlan(tx, merge.sourceId, merge.targetId);
  if (due) await scheduleJob(tx, { kind: FOLLOW_UP_MISSED_JOB, key: merge.targetId, dueAt: due });
}

/**
 * A new owner: the open tasks and open opportunities of the previous owner on these customers
 * follow the customer (won and lost deals stay with who closed them). Customers returned to
 * the pool keep their open work with the previous person until someone claims them.
 */
export async function handOverPipelineOnOwnerChange(
  tx: Tx,
  change: OwnershipChange,
): Promise<void> {
  if (!change.toOwnerId || !change.customerIds.length) return;
  const owner = await findDirectoryEmployee(tx, change.toOwnerId);
  const { taskIds } = await handOverOpenWork(tx, {
    customerIds: change.customerIds,
    fromOwnerId: change.fromOwnerId,
    toOwnerId: change.toOwnerId,
    teamId: owner?.teamId ?? null,
  });
  for (const id of taskIds)
    await recordAudit(tx, {
      actorId: change.actorId,
      action: 'task.reassign',
      entityType: 'Task',
      entityId: id,
      before: { assigneeId: change.fromOwnerId },
      after: { assigneeId: change.toOwnerId },
    });
}
