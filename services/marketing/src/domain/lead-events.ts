import { recordAudit, type Tx } from '@crm/database';
import { leadQualified, publishEvent, type EventData } from '@crm/events';
import { addHistory } from '../db/lead-history';
import type { Lead } from '../db/leads';

/** What the audit log keeps of a lead (no derived keys or timestamps). */
export function leadAuditView(lead: Lead) {
  const { phoneKey: _p, emailKey: _e, createdAt: _c, updatedAt: _u, ...rest } = lead;
  return rest;
}

export function qualifiedEventData(lead: Lead): EventData<typeof leadQualified> {
  return {
    leadId: lead.id,
    name: lead.name,
    company: lead.company,
    title: lead.title,
    phone: lead.phone,
    phoneKey: lead.phoneKey,
    email: lead.email,
    emailKey: lead.emailKey,
    region: lead.region,
    industry: lead.industry,
    companySize: lead.companySize,
    campaignId: lead.campaignId,
    channel: lead.channel,
    score: lead.score,
    matchedCustomerId: lead.matchedCustomerId ?? lead.customerId,
    notes: lead.notes,
    qualifiedAt: (lead.qualifiedAt ?? new Date()).toISOString(),
    tags: lead.tags,
  };
}

/**
 * A NEW lead whose score reached the threshold becomes QUALIFIED. A lead qualifies once: later
 * touches never move it back or announce it again.
 */
export function withQualification(lead: Lead, threshold: number): Lead {
  if (lead.status !== 'NEW' || lead.qualifiedAt || lead.score < threshold) return lead;
  return { ...lead, status: 'QUALIFIED', qualifiedAt: new Date() };
}

/** After a save that qualified the lead: its history entry and the event sales assigns from. */
export async function announceQualification(
  tx: Tx,
  before: Pick<Lead, 'qualifiedAt'> | null,
  after: Lead,
  actorId: string | null,
  reason: 'SCORE' | 'MANUAL',
  details: Record<string, unknown> = {},
): Promise<void> {
  if (before?.qualifiedAt || !after.qualifiedAt) return;
  await addHistory(tx, {
    leadId: after.id,
    kind: 'QUALIFIED',
    actorId,
    details: { score: after.score, reason, ...details },
  });
  await publishEvent(tx, leadQualified, qualifiedEventData(after), { actorId });
}

export async function auditLeadChange(
  tx: Tx,
  action: string,
  actorId: string | null,
  before: Lead | null,
  after: Lead,
): Promise<void> {
  await recordAudit(tx, {
    actorId,
    action,
    entityType: 'Lead',
    entityId: after.id,
    before: before ? leadAuditView(before) : undefined,
    after: leadAuditView(after),
  });
}
