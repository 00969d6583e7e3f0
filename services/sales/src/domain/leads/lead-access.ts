import { scopeOf, type Viewer } from '@crm/auth';
import { recordAudit, type Tx } from '@crm/database';
import { leadContacted, publishEvent } from '@crm/events';
import { cancelJob } from '@crm/scheduler';
import { findLead, saveLead, type SalesLead } from '../../db/leads';
import { mayReach } from '../opportunities/scope';
import { fail } from '../opportunities/use-case';
import { LEAD_FIRST_CONTACT_JOB } from './assign-lead';

export const leadOwnership = (l: SalesLead) => ({ ownerId: l.assigneeId, teamId: l.teamId });

/** Locks an open lead (assigned or contacted) the viewer may work on, or stops with a user error. */
export async function leadToWork(
  tx: Tx,
  viewer: Viewer,
  leadId: string,
  field = 'leadId',
): Promise<SalesLead> {
  const lead = await findLead(tx, leadId, true);
  if (!lead || !mayReach(viewer, 'leads.read', leadOwnership(lead)))
    return fail(field, 'NOT_FOUND', `${field}: no lead ${leadId} assigned in your scope`);
  if (!mayReach(viewer, 'leads.write', leadOwnership(lead)))
    fail(field, 'FORBIDDEN', `${field}: you can only work on leads in your scope`);
  if (lead.status !== 'ASSIGNED' && lead.status !== 'CONTACTED')
    fail(field, 'INVALID_TRANSITION', `${field}: the lead is ${lead.status.toLowerCase()}`);
  return lead;
}

/**
 * Whether a lead no rule could assign is in a manager's queue: one without a team is anyone's
 * to take, one with a team its managers'; admins see all.
 */
export function mayAssign(viewer: Viewer, lead: Pick<SalesLead, 'teamId'>): boolean {
  const scope = scopeOf(viewer, 'leads.assign');
  if (scope === 'all') return true;
  return scope === 'team' && (lead.teamId === null || viewer.managedTeamIds.includes(lead.teamId));
}

export const ASSIGN_GUARD = {
  permission: 'leads.assign',
  denied: 'only sales managers and admins assign leads',
} as const;

/** Locks an UNASSIGNED lead in the viewer's assignment queue, or stops with a user error. */
export async function leadToAssign(tx: Tx, viewer: Viewer, leadId: string): Promise<SalesLead> {
  const lead = await findLead(tx, leadId, true);
  if (!lead || !mayAssign(viewer, lead))
    return fail('leadId', 'NOT_FOUND', `leadId: no lead ${leadId} in your queue`);
  if (lead.status !== 'UNASSIGNED')
    fail(
      'leadId',
      'INVALID_TRANSITION',
      `leadId: the lead is already ${lead.status.toLowerCase()}; only an unassigned lead is assigned here`,
    );
  return lead;
}

/**
 * First contact: the deadline job is cancelled and lead.contacted tells whether it was in time.
 * "In time" is judged by when the contact was recorded, never by the date the rep gave it
 * (a backdated activity must not turn a missed deadline into a met one).
 */
export async function markContacted(
  tx: Tx,
  viewer: Viewer,
  lead: SalesLead,
  at: Date,
): Promise<SalesLead> {
  if (lead.contactedAt) return lead;
  const after = await saveLead(tx, {
    ...lead,
    status: lead.status === 'ASSIGNED' ? 'CONTACTED' : lead.status,
    contactedAt: at,
  });
  await cancelJob(tx, LEAD_FIRST_CONTACT_JOB, lead.leadId);
  await recordAudit(tx, {
    actorId: viewer.id,
    action: 'lead.contact',
    entityType: 'Lead',
    entityId: lead.leadId,
    before: { status: lead.status },
    after: { status: after.status, contactedAt: at },
  });
  await publishEvent(
    tx,
    leadContacted,
    {
      leadId: lead.leadId,
      assigneeId: lead.assigneeId ?? viewer.id,
      contactedAt: at.toISOString(),
      withinSla: !lead.dueAt || new Date() <= lead.dueAt,
    },
    { actorId: viewer.id },
  );
  return after;
}
