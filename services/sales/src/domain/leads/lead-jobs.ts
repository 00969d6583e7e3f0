import { recordAudit, type Tx } from '@crm/database';
import { leadSlaBreached, publishEvent } from '@crm/events';
import { rescheduleJob, type Job } from '@crm/scheduler';
import { findLead, saveLead } from '../../db/leads';
import { assignLead, LEAD_FIRST_CONTACT_JOB } from './assign-lead';

/**
 * The first-contact deadline passed with the lead still uncontacted: lead.sla_breached, then the
 * lead goes to the next eligible rep (not the one who missed it) with a fresh deadline. With
 * nobody else eligible it stays with the rep, breached.
 */
async function firstContactMissed(job: Job, tx: Tx): Promise<void> {
  const lead = await findLead(tx, job.key, true);
  if (!lead || lead.status !== 'ASSIGNED' || lead.contactedAt || !lead.dueAt || !lead.assigneeId)
    return;
  // the deadline moved later since the job was set: wait for it instead of finishing
  if (lead.dueAt > job.now) return rescheduleJob(tx, job, lead.dueAt);
  const breachedAt = job.now;
  const breached = await saveLead(tx, { ...lead, breachCount: lead.breachCount + 1 });
  await recordAudit(tx, {
    actorId: null,
    action: 'lead.sla_breach',
    entityType: 'Lead',
    entityId: lead.leadId,
    after: { assigneeId: lead.assigneeId, dueAt: lead.dueAt, breachedAt },
  });
  await publishEvent(tx, leadSlaBreached, {
    leadId: lead.leadId,
    assigneeId: lead.assigneeId,
    teamId: lead.teamId,
    dueAt: lead.dueAt.toISOString(),
    breachedAt: breachedAt.toISOString(),
  });
  await assignLead(tx, breached, { excluded: [lead.assigneeId], label: 'SLA_REASSIGNMENT' });
}

export const leadJobHandlers = { [LEAD_FIRST_CONTACT_JOB]: firstContactMissed };
