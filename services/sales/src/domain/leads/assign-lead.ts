import { newId, recordAudit, type Tx } from '@crm/database';
import { leadAssigned, publishEvent } from '@crm/events';
import { scheduleJob } from '@crm/scheduler';
import { insertAssignmentHistory, saveLead, type SalesLead } from '../../db/leads';
import {
  activeLeadRules,
  advanceRoundRobin,
  eligibleReps,
  lockLeadRule,
  type LeadRule,
} from '../../db/lead-rules';
import { pipelineRules } from '../../env';

export const LEAD_FIRST_CONTACT_JOB = 'sales.lead.first_contact';

/** Whether a rule takes this lead: territory rules by region (case-insensitive), round robin all. */
export function ruleMatches(rule: LeadRule, region: string | null): boolean {
  if (rule.kind === 'ROUND_ROBIN') return true;
  const wanted = region?.trim().toLowerCase();
  return !!wanted && rule.regions.some((r) => r.trim().toLowerCase() === wanted);
}

/** The next rep after the last one this rule chose (round robin over a stable order). */
export function nextInTurn(reps: readonly string[], last: string | null): string {
  return reps.find((id) => last !== null && id > last) ?? reps[0];
}

export interface AssignOptions {
  /** Reps who must not get the lead (the one who missed the deadline). */
  excluded?: string[];
  /** The event's rule label instead of the rule's kind (e.g. SLA_REASSIGNMENT). */
  label?: string;
  actorId?: string | null;
}

/** Who gets a lead, under which label and rule, with how long for the first contact. */
export interface AssignmentTarget {
  assigneeId: string;
  teamId: string | null;
  label: string;
  ruleId: string | null;
  firstContactSeconds: number;
  actorId: string | null;
}

/**
 * Gives a lead to a rep with a first-contact deadline (a durable job), history and audit, and
 * publishes lead.assigned: the one way a lead is assigned, by the rules or by a manager.
 */
export async function giveLead(
  tx: Tx,
  lead: SalesLead,
  target: AssignmentTarget,
): Promise<SalesLead> {
  const { assigneeId, teamId, label, ruleId, actorId } = target;
  const now = new Date();
  const dueAt = new Date(now.getTime() + target.firstContactSeconds * 1_000);
  const after = await saveLead(tx, {
    ...lead,
    status: 'ASSIGNED',
    assigneeId,
    teamId,
    rule: label,
    ruleId,
    assignedAt: now,
    dueAt,
    contactedAt: null,
  });
  await insertAssignmentHistory(tx, {
    id: newId(),
    leadId: lead.leadId,
    assigneeId,
    previousAssigneeId: lead.assigneeId,
    teamId,
    rule: label,
    dueAt,
  });
  await scheduleJob(tx, { kind: LEAD_FIRST_CONTACT_JOB, key: lead.leadId, dueAt });
  await recordAudit(tx, {
    actorId,
    action: 'lead.assign',
    entityType: 'Lead',
    entityId: lead.leadId,
    before: { assigneeId: lead.assigneeId, status: lead.status },
    after: { assigneeId, teamId, rule: label, ruleId, dueAt },
  });
  await publishEvent(
    tx,
    leadAssigned,
    {
      leadId: lead.leadId,
      assigneeId,
      teamId,
      rule: label,
      dueAt: dueAt.toISOString(),
      previousAssigneeId: lead.assigneeId,
      assignedAt: now.toISOString(),
    },
    { actorId },
  );
  return after;
}

/**
 * Assigns a lead by the first matching active rule that has an eligible rep (active, a sales
 * rep of the rule's team, under the open-lead capacity), with a first-contact deadline as a
 * durable job; publishes lead.assigned. Returns the lead unchanged when nobody is eligible.
 */
export async function assignLead(
  tx: Tx,
  lead: SalesLead,
  options: AssignOptions = {},
): Promise<SalesLead> {
  const settings = pipelineRules();
  for (const candidate of await activeLeadRules(tx)) {
    if (!ruleMatches(candidate, lead.region)) continue;
    const rule = await lockLeadRule(tx, candidate.id);
    const reps = await eligibleReps(
      tx,
      rule.teamId,
      rule.maxOpenLeads ?? settings.LEAD_MAX_OPEN_PER_REP,
      options.excluded ?? [],
    );
    if (!reps.length) continue;
    const assigneeId = nextInTurn(reps, rule.lastAssigneeId);
    await advanceRoundRobin(tx, rule.id, assigneeId);
    return giveLead(tx, lead, {
      assigneeId,
      teamId: rule.teamId,
      label: options.label ?? rule.kind,
      ruleId: rule.id,
      firstContactSeconds: rule.firstContactSeconds ?? settings.LEAD_FIRST_CONTACT_SECONDS,
      actorId: options.actorId ?? null,
    });
  }
  return lead;
}
