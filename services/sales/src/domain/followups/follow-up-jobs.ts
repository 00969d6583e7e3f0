import { recordAudit, type Tx } from '@crm/database';
import { followUpMissed, publishEvent, taskOverdue, taskReminderDue } from '@crm/events';
import { rescheduleJob, type Job } from '@crm/scheduler';
import { findCustomer } from '../../db/customers';
import { findFollowUpPlans, markFollowUpMissed } from '../../db/activities';
import { findTask, saveTask, type Task } from '../../db/tasks';

export const TASK_OVERDUE_JOB = 'sales.task.overdue';
export const TASK_REMINDER_JOB = 'sales.task.reminder';
export const FOLLOW_UP_MISSED_JOB = 'sales.followup.missed';

const taskFacts = (t: Task) => ({
  taskId: t.id,
  customerId: t.customerId,
  title: t.title,
  assigneeId: t.assigneeId,
  teamId: t.teamId,
  dueAt: t.dueAt.toISOString(),
});

/** Due time passed: an open task becomes overdue (once) and `task.overdue` is published. */
async function taskBecameOverdue(job: Job, tx: Tx): Promise<void> {
  const task = await findTask(tx, job.key, true);
  if (!task || task.status !== 'OPEN' || task.overdueAt) return;
  if (task.dueAt > job.now) return rescheduleJob(tx, job, task.dueAt);
  const after = await saveTask(tx, { ...task, overdueAt: job.now });
  await recordAudit(tx, {
    actorId: null,
    action: 'task.overdue',
    entityType: 'Task',
    entityId: task.id,
    before: { overdueAt: null },
    after: { overdueAt: after.overdueAt },
  });
  await publishEvent(tx, taskOverdue, {
    ...taskFacts(after),
    detectedAt: (after.overdueAt as Date).toISOString(),
  });
}

/** Reminder time reached: `task.reminder_due` (notifications pick it up). */
async function taskReminderReached(job: Job, tx: Tx): Promise<void> {
  const task = await findTask(tx, job.key, true);
  if (!task || task.status !== 'OPEN' || task.remindedAt || !task.remindAt) return;
  if (task.remindAt > job.now) return rescheduleJob(tx, job, task.remindAt);
  const after = await saveTask(tx, { ...task, remindedAt: job.now });
  await publishEvent(tx, taskReminderDue, {
    ...taskFacts(after),
    remindAt: task.remindAt.toISOString(),
  });
}

/** The planned follow-up time passed with no activity since: `followup.missed`. */
async function followUpWasMissed(job: Job, tx: Tx): Promise<void> {
  const [plan] = await findFollowUpPlans(tx, [job.key], true);
  if (!plan || plan.missedAt) return;
  if (plan.dueAt > job.now) return rescheduleJob(tx, job, plan.dueAt);
  const customer = await findCustomer(tx, plan.customerId);
  await markFollowUpMissed(tx, plan.customerId);
  await recordAudit(tx, {
    actorId: null,
    action: 'followup.missed',
    entityType: 'Customer',
    entityId: plan.customerId,
    after: { activityId: plan.activityId, dueAt: plan.dueAt },
  });
  await publishEvent(tx, followUpMissed, {
    customerId: plan.customerId,
    ownerId: customer?.ownerId ?? null,
    teamId: customer?.teamId ?? null,
    activityId: plan.activityId,
    dueAt: plan.dueAt.toISOString(),
    detectedAt: job.now.toISOString(),
  });
}

/** Scheduler handlers of the follow-up jobs. */
export const followUpJobHandlers = {
  [TASK_OVERDUE_JOB]: taskBecameOverdue,
  [TASK_REMINDER_JOB]: taskReminderReached,
  [FOLLOW_UP_MISSED_JOB]: followUpWasMissed,
};
