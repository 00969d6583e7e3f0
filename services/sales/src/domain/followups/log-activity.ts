import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { activityLogged, publishEvent } from '@crm/events';
import { cancelJob, scheduleJob } from '@crm/scheduler';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  clearFollowUpPlan,
  insertActivity,
  setFollowUpPlan,
  type Activity,
} from '../../db/activities';
import { findOpportunity } from '../../db/opportunities';
import { recordFollowUp } from '../../db/record-follow-up';
import { customerForPipeline } from '../opportunities/create-opportunity';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { FOLLOW_UP_MISSED_JOB } from './follow-up-jobs';
import { logActivityInput } from './followup-inputs';

type ActivityInput = z.output<typeof logActivityInput>;

/** Hooks run inside the activity's transaction (the lead hand-off marks a lead contacted). */
export type ActivityHook = (tx: Tx, viewer: Viewer, activity: Activity) => Promise<void>;

/**
 * Records an activity in the caller's transaction: the customer's follow-up clock restarts,
 * the next follow-up (if any) replaces the planned one with a "missed" deadline job, and
 * `activity.logged` is published.
 */
export async function recordActivity(
  tx: Tx,
  viewer: Viewer,
  input: ActivityInput,
  hooks: ActivityHook[] = [],
): Promise<Activity> {
  const { customer, teamId } = await customerForPipeline(tx, viewer, input.customerId);
  if (input.opportunityId) {
    const opportunity = await findOpportunity(tx, input.opportunityId);
    if (!opportunity || opportunity.customerId !== customer.id)
      fail('opportunityId', 'NOT_FOUND', 'opportunityId: no such opportunity of this customer');
  }
  const activity = await insertActivity(tx, {
    id: newId(),
    customerId: customer.id,
    opportunityId: input.opportunityId ?? null,
    contactId: input.contactId ?? null,
    leadId: input.leadId ?? null,
    kind: input.kind,
    subject: input.subject,
    outcome: input.outcome ?? null,
    notes: input.notes ?? null,
    occurredAt: input.occurredAt ?? new Date(),
    nextFollowUpAt: input.nextFollowUpAt ?? null,
    ownerId: viewer.id,
    teamId,
  });
  await recordFollowUp(tx, customer.id, activity.occurredAt);
  if (activity.nextFollowUpAt) {
    await setFollowUpPlan(tx, {
      customerId: customer.id,
      activityId: activity.id,
      dueAt: activity.nextFollowUpAt,
    });
    await scheduleJob(tx, {
      kind: FOLLOW_UP_MISSED_JOB,
      key: customer.id,
      dueAt: activity.nextFollowUpAt,
    });
  } else {
    // The follow-up that was planned happened now; nothing further is promised.
    await clearFollowUpPlan(tx, customer.id);
    await cancelJob(tx, FOLLOW_UP_MISSED_JOB, customer.id);
  }
  for (const hook of hooks) await hook(tx, viewer, activity);
  await recordAudit(tx, {
    actorId: viewer.id,
    action: 'activity.log',
    entityType: 'Activity',
    entityId: activity.id,
    after: activity,
  });
  await publishEvent(
    tx,
    activityLogged,
    {
      activityId: activity.id,
      customerId: activity.customerId,
      kind: activity.kind,
      opportunityId: activity.opportunityId,
      leadId: activity.leadId,
      ownerId: activity.ownerId,
      occurredAt: activity.occurredAt.toISOString(),
      nextFollowUpAt: activity.nextFollowUpAt?.toISOString() ?? null,
    },
    { actorId: viewer.id },
  );
  return activity;
}

export function logActivity(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof logActivityInput>,
  hooks: ActivityHook[] = [],
): Promise<Result<Activity>> {
  const guard = {
    permission: 'followups.write',
    denied: 'your roles cannot log follow-ups',
  } as const;
  return mutationUseCase(dataSource, viewer, guard, logActivityInput, raw, (tx, input) =>
    recordActivity(tx, viewer, input, hooks),
  );
}
