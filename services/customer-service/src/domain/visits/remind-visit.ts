import { recordAudit, type Tx } from '@crm/database';
import type { Job, JobHandler } from '@crm/scheduler';
import { databaseNow } from '../../db/database-now';
import { lockVisit, saveVisit } from '../../db/follow-up-visits';
import { VISIT_REMINDER_JOB } from './schedule-visit';

/** A visit came due (by the database's clock): it is marked reminded for its agent's list. */
async function remindVisit(job: Job, tx: Tx): Promise<void> {
  const visit = await lockVisit(tx, job.key);
  if (!visit || visit.status !== 'SCHEDULED' || visit.remindedAt) return;
  const now = await databaseNow(tx);
  if (visit.dueAt > now) return;
  const reminded = await saveVisit(tx, { ...visit, remindedAt: now });
  await recordAudit(tx, {
    actorId: null,
    action: 'visit.remind',
    entityType: 'FollowUpVisit',
    entityId: visit.id,
    before: visit,
    after: reminded,
  });
}

export const visitJobHandlers: Record<string, JobHandler> = { [VISIT_REMINDER_JOB]: remindVisit };
