import type { EventData, opportunityCreated } from '@crm/events';
import type { Opportunity } from '../../db/opportunities';
import type { Stage } from '../../db/stages';

type Facts = Omit<EventData<typeof opportunityCreated>, 'createdAt'>;

/** The facts every opportunity event carries. */
export function opportunityFacts(o: Opportunity, stage: Stage): Facts {
  return {
    opportunityId: o.id,
    customerId: o.customerId,
    name: o.name,
    amount: { amount: o.amount, currency: o.currency },
    ownerId: o.ownerId,
    teamId: o.teamId,
    stage: stage.key,
    probability: stage.probability,
    expectedCloseDate: o.expectedCloseDate,
    sourceCampaignId: o.sourceCampaignId,
    leadId: o.leadId,
  };
}

/** What the audit log keeps of an opportunity. */
export function opportunityAudit(o: Opportunity) {
  const { createdAt: _c, updatedAt: _u, ...rest } = o;
  return rest;
}
