import type { Tx } from '@crm/database';
import {
  leadAssigned,
  leadContacted,
  leadConverted,
  leadDisqualified,
  leadSlaBreached,
  on,
  type ConsumedEvent,
  type EventDefinition,
} from '@crm/events';
import { changeCustomerTags } from '../db/customer-tags';
import { addHistory, type HistoryKind } from '../db/lead-history';
import { findLead, saveLead, type Lead } from '../db/leads';
import { advance, earliest } from '../domain/lead-lifecycle';

/**
 * Applies a sales event to the lead it names and records it in the lead's history. Leads
 * marketing does not know (created elsewhere) are skipped: there is nothing to update.
 */
function onLead<D extends EventDefinition>(
  definition: D,
  kind: HistoryKind,
  apply: (lead: Lead, event: ConsumedEvent<D>, tx: Tx) => Promise<Lead> | Lead,
  details: (event: ConsumedEvent<D>) => { at: string; [key: string]: unknown },
) {
  return on(definition, async (event, tx) => {
    const { leadId } = event.data as { leadId: string };
    const lead = await findLead(tx, leadId, true);
    if (!lead) return;
    const next = await apply(lead, event, tx);
    if (JSON.stringify(next) !== JSON.stringify(lead)) await saveLead(tx, next);
    const { at, ...rest } = details(event);
    await addHistory(tx, { leadId, kind, at, actorId: event.actorId, details: rest });
  });
}

export const leadLifecycleHandlers = [
  onLead(
    leadAssigned,
    'ASSIGNED',
    (lead, { data }) => {
      const assignedAt = new Date(data.assignedAt);
      // a reassignment that arrives before an older assignment keeps the newer assignee
      const newer = !lead.assignedAt || assignedAt >= lead.assignedAt;
      return {
        ...lead,
        status: advance(lead.status, 'HANDED_OFF'),
        ...(newer
          ? {
              assigneeId: data.assigneeId,
              assigneeTeamId: data.teamId,
              assignedAt,
              firstContactDueAt: new Date(data.dueAt),
            }
          : {}),
      };
    },
    ({ data }) => ({
      at: data.assignedAt,
      assigneeId: data.assigneeId,
      previousAssigneeId: data.previousAssigneeId,
      teamId: data.teamId,
      rule: data.rule,
      dueAt: data.dueAt,
    }),
  ),
  onLead(
    leadContacted,
    'CONTACTED',
    (lead, { data }) => ({
      ...lead,
      status: advance(lead.status, 'CONTACTED'),
      contactedAt: earliest(lead.contactedAt, new Date(data.contactedAt)),
    }),
    ({ data }) => ({
      at: data.contactedAt,
      assigneeId: data.assigneeId,
      withinSla: data.withinSla,
    }),
  ),
  onLead(
    leadSlaBreached,
    'SLA_BREACHED',
    (lead) => ({ ...lead, slaBreaches: lead.slaBreaches + 1 }),
    ({ data }) => ({ at: data.breachedAt, assigneeId: data.assigneeId, dueAt: data.dueAt }),
  ),
  onLead(
    leadConverted,
    'CONVERTED',
    async (lead, { data }, tx) => {
      // the customer inherits what marketing learned about the person
      if (lead.tags.length) await changeCustomerTags(tx, data.customerId, lead.tags, []);
      return {
        ...lead,
        status: advance(lead.status, 'CONVERTED'),
        customerId: data.customerId,
        convertedAt: new Date(data.convertedAt),
        convertedOpportunityId: data.opportunityId,
      };
    },
    ({ data }) => ({
      at: data.convertedAt,
      customerId: data.customerId,
      opportunityId: data.opportunityId,
      existingCustomer: data.existingCustomer,
      convertedBy: data.convertedBy,
    }),
  ),
  onLead(
    leadDisqualified,
    'DISQUALIFIED',
    (lead, { data }) => {
      const status = advance(lead.status, 'DISQUALIFIED');
      if (status !== 'DISQUALIFIED') return lead;
      return {
        ...lead,
        status,
        disqualifiedAt: new Date(data.disqualifiedAt),
        disqualificationReason: data.reason,
      };
    },
    ({ data }) => ({
      at: data.disqualifiedAt,
      reason: data.reason,
      disqualifiedBy: data.disqualifiedBy,
    }),
  ),
];
