import type { Logger } from '@crm/config';
import type { Tx } from '@crm/database';
import { leadQualified, on, type ConsumedEvent, type EventData } from '@crm/events';
import { insertQualifiedLead, type SalesLead } from '../db/leads';
import { assignLead } from '../domain/leads/assign-lead';

/** Records a qualified lead once and assigns it by the rules (redeliveries change nothing). */
export async function receiveQualifiedLead(
  tx: Tx,
  d: EventData<typeof leadQualified>,
  logger: Logger,
): Promise<SalesLead | null> {
  const lead = await insertQualifiedLead(tx, {
    leadId: d.leadId,
    name: d.name,
    company: d.company,
    title: d.title,
    phone: d.phone,
    phoneKey: d.phoneKey,
    email: d.email,
    emailKey: d.emailKey,
    region: d.region,
    industry: d.industry,
    companySize: d.companySize,
    campaignId: d.campaignId,
    channel: d.channel,
    score: d.score,
    matchedCustomerId: d.matchedCustomerId,
    notes: d.notes,
    qualifiedAt: new Date(d.qualifiedAt),
  });
  if (!lead) return null;
  const assigned = await assignLead(tx, lead);
  if (assigned.status === 'UNASSIGNED')
    logger.warn(
      { leadId: d.leadId, region: d.region },
      'no rule or rep available for a qualified lead',
    );
  return assigned;
}

/** marketing's lead.qualified, consumed into the lead-assignment table. */
export function leadHandoffHandlers(logger: Logger) {
  return [
    on(leadQualified, (event: ConsumedEvent<typeof leadQualified>, tx: Tx) =>
      receiveQualifiedLead(tx, event.data, logger).then(() => undefined),
    ),
  ];
}
