import type { Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { leadDisqualified, publishEvent } from '@crm/events';
import { cancelJob } from '@crm/scheduler';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { saveLead, type SalesLead } from '../../db/leads';
import { mutationUseCase } from '../opportunities/use-case';
import { LEAD_FIRST_CONTACT_JOB } from './assign-lead';
import { leadToWork } from './lead-access';

export const disqualifyLeadInput = z.object({
  leadId: z.uuid('is not a valid id'),
  reason: z.string().trim().min(1, 'is required').max(1000, 'must be at most 1000 characters'),
});

export function disqualifyLead(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof disqualifyLeadInput>,
): Promise<Result<SalesLead>> {
  const guard = { permission: 'leads.write', denied: 'your roles cannot work on leads' } as const;
  return mutationUseCase(dataSource, viewer, guard, disqualifyLeadInput, raw, async (tx, input) => {
    const before = await leadToWork(tx, viewer, input.leadId);
    const now = new Date();
    const after = await saveLead(tx, {
      ...before,
      status: 'DISQUALIFIED',
      disqualifyReason: input.reason,
      closedAt: now,
    });
    await cancelJob(tx, LEAD_FIRST_CONTACT_JOB, before.leadId);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'lead.disqualify',
      entityType: 'Lead',
      entityId: before.leadId,
      before: { status: before.status },
      after: { status: after.status, reason: input.reason },
    });
    await publishEvent(
      tx,
      leadDisqualified,
      {
        leadId: before.leadId,
        reason: input.reason,
        disqualifiedBy: viewer.id,
        disqualifiedAt: now.toISOString(),
      },
      { actorId: viewer.id },
    );
    return after;
  });
}
