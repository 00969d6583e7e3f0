import type { Viewer } from '@crm/auth';
import { activityKinds } from '@crm/events';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { SalesLead } from '../../db/leads';
import { findLead } from '../../db/leads';
import type { ActivityHook } from '../followups/log-activity';
import { recordActivity } from '../followups/log-activity';
import { mutationUseCase } from '../opportunities/use-case';
import { leadToWork, markContacted } from './lead-access';

/** logActivity with a leadId is the lead's first contact. */
export const leadContactHook: ActivityHook = async (tx, viewer, activity) => {
  if (!activity.leadId) return;
  const lead = await leadToWork(tx, viewer, activity.leadId);
  await markContacted(tx, viewer, lead, activity.occurredAt);
};

export const logLeadContactInput = z.object({
  leadId: z.uuid('is not a valid id'),
  kind: z.enum(activityKinds).default('CALL'),
  outcome: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
});

/**
 * Records the first contact of a lead. When the lead is already a known customer the contact is
 * logged as an activity on that customer too (the customer's follow-up clock restarts).
 */
export function logLeadContact(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof logLeadContactInput>,
): Promise<Result<SalesLead>> {
  const guard = { permission: 'leads.write', denied: 'your roles cannot work on leads' } as const;
  return mutationUseCase(dataSource, viewer, guard, logLeadContactInput, raw, async (tx, input) => {
    const lead = await leadToWork(tx, viewer, input.leadId);
    const customerId = lead.customerId ?? lead.matchedCustomerId;
    if (!customerId) return markContacted(tx, viewer, lead, new Date());
    await recordActivity(
      tx,
      viewer,
      {
        customerId,
        kind: input.kind,
        subject: `首次联系线索 ${lead.name}`,
        outcome: input.outcome,
        leadId: lead.leadId,
      },
      [leadContactHook],
    );
    return (await findLead(tx, lead.leadId)) as SalesLead;
  });
}
