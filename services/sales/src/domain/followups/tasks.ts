import { scopeOf, type Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { cancelJob, scheduleJob } from '@crm/scheduler';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { findDirectoryEmployee } from '../../db/directory';
import { findOpportunity } from '../../db/opportunities';
import { findTask, insertTask, saveTask, type Task } from '../../db/tasks';
import { customerForPipeline } from '../opportunities/create-opportunity';
import { mayReach, reachesAssigned } from '../opportunities/scope';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { TASK_OVERDUE_JOB, TASK_REMINDER_JOB } from './follow-up-jobs';
import { createTaskInput, taskIdInput, updateTaskInput } from './followup-inputs';

const guard = { permission: 'followups.write', denied: 'your roles cannot manage tasks' } as const;

const remindAtOf = (dueAt: Date, minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? null : new Date(dueAt.getTime() - minutes * 60_000);

/** (Re)schedules the overdue and reminder jobs of an open task; the jobs exist only while it is open. */
export async function scheduleTaskJobs(tx: Tx, task: Task): Promise<void> {
  if (task.status !== 'OPEN') {
    await cancelJob(tx, TASK_OVERDUE_JOB, task.id);
    await cancelJob(tx, TASK_REMINDER_JOB, task.id);
    return;
  }
  await scheduleJob(tx, { kind: TASK_OVERDUE_JOB, key: task.id, dueAt: task.dueAt });
  if (task.remindAt && !task.remindedAt)
    await scheduleJob(tx, { kind: TASK_REMINDER_JOB, key: task.id, dueAt: task.remindAt });
  else await cancelJob(tx, TASK_REMINDER_JOB, task.id);
}

async function assigneeOf(tx: Tx, viewer: Viewer, assigneeId: string | null | undefined) {
  if (!assigneeId || assigneeId === viewer.id) {
    const me = await findDirectoryEmployee(tx, viewer.id);
    return { assigneeId: viewer.id, teamId: me?.teamId ?? viewer.teamId };
  }
  const person = await findDirectoryEmployee(tx, assigneeId);
  if (!person || !person.active)
    fail('assigneeId', 'NOT_FOUND', `assigneeId: no active employee ${assigneeId}`);
  const teamId = person.teamId;
  if (!reachesAssigned(viewer, scopeOf(viewer, 'followups.write'), { ownerId: assigneeId, teamId }))
    fail('assigneeId', 'FORBIDDEN', 'assigneeId: you can only give tasks to people of your teams');
  return { assigneeId, teamId };
}

export function createTask(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof createTaskInput>,
): Promise<Result<Task>> {
  return mutationUseCase(dataSource, viewer, guard, createTaskInput, raw, async (tx, input) => {
    if (input.customerId) await customerForPipeline(tx, viewer, input.customerId);
    if (input.opportunityId) {
      const o = await findOpportunity(tx, input.opportunityId);
      if (
        !o ||
        !mayReach(viewer, 'opportunities.read', o) ||
        (input.customerId && o.customerId !== input.customerId)
      )
        fail(
          'opportunityId',
          'NOT_FOUND',
          `opportunityId: no opportunity ${input.opportunityId} that you can see`,
        );
    }
    const { assigneeId, teamId } = await assigneeOf(tx, viewer, input.assigneeId);
    const task = await insertTask(tx, {
      id: newId(),
      customerId: input.customerId ?? null,
      opportunityId: input.opportunityId ?? null,
      title: input.title,
      notes: input.notes ?? null,
      dueAt: input.dueAt,
      remindAt: remindAtOf(input.dueAt, input.remindBeforeMinutes),
      assigneeId,
      teamId,
      createdBy: viewer.id,
    });
    await scheduleTaskJobs(tx, task);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'task.create',
      entityType: 'Task',
      entityId: task.id,
      after: task,
    });
    return task;
  });
}

async function openTaskToChange(tx: Tx, viewer: Viewer, id: string): Promise<Task> {
  const task = await findTask(tx, id, true);
  const record = { ownerId: task?.assigneeId ?? null, teamId: task?.teamId ?? null };
  if (!task || !mayReach(viewer, 'followups.read', record))
    return fail('id', 'NOT_FOUND', `id: no task ${id} that you can see`);
  if (!mayReach(viewer, 'followups.write', record))
    fail('id', 'FORBIDDEN', 'id: you can only change tasks in your scope');
  if (task.status !== 'OPEN')
    fail(
      'id',
      'INVALID_TRANSITION',
      `id: the task is ${task.status.toLowerCase()} and can no longer change`,
    );
  return task;
}

async function saveChange(tx: Tx, viewer: Viewer, action: string, before: Task, next: Task) {
  const after = await saveTask(tx, next);
  await scheduleTaskJobs(tx, after);
  await recordAudit(tx, {
    actorId: viewer.id,
    action,
    entityType: 'Task',
    entityId: after.id,
    before,
    after,
  });
  return after;
}

export function updateTask(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof updateTaskInput>,
): Promise<Result<Task>> {
  return mutationUseCase(dataSource, viewer, guard, updateTaskInput, raw, async (tx, input) => {
    const before = await openTaskToChange(tx, viewer, input.id);
    const dueAt = input.dueAt ?? before.dueAt;
    const minutes =
      input.remindBeforeMinutes === undefined
        ? before.remindAt &&
          Math.round((before.dueAt.getTime() - before.remindAt.getTime()) / 60_000)
        : input.remindBeforeMinutes;
    const remindAt = remindAtOf(dueAt, minutes);
    const moved = dueAt.getTime() !== before.dueAt.getTime();
    return saveChange(tx, viewer, 'task.update', before, {
      ...before,
      title: input.title ?? before.title,
      notes: input.notes === undefined ? before.notes : input.notes,
      dueAt,
      remindAt,
      // a new due time in the future makes the task on time again, with a fresh reminder
      overdueAt: moved && dueAt > new Date() ? null : before.overdueAt,
      remindedAt: remindAt?.getTime() === before.remindAt?.getTime() ? before.remindedAt : null,
    });
  });
}

export function finishTask(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof taskIdInput>,
  status: 'DONE' | 'CANCELLED',
): Promise<Result<Task>> {
  return mutationUseCase(dataSource, viewer, guard, taskIdInput, raw, async (tx, input) => {
    const before = await openTaskToChange(tx, viewer, input.id);
    return saveChange(tx, viewer, status === 'DONE' ? 'task.complete' : 'task.cancel', before, {
      ...before,
      status,
      completedAt: new Date(),
    });
  });
}
