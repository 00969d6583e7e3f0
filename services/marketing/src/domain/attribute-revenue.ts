import type { Tx } from '@crm/database';
import type { EventData, opportunityWon } from '@crm/events';
import { firstLeadOfCustomer, upsertAttribution, type Attribution } from '../db/attributions';
import { findLead } from '../db/leads';

/**
 * Credits a won opportunity's revenue to a campaign: the opportunity's own source campaign,
 * else the campaign of the lead it came from, else that of the first lead converted into (or
 * matched to) the customer. Revenue without any campaign is kept as UNATTRIBUTED.
 */
export async function attributeRevenue(
  tx: Tx,
  won: EventData<typeof opportunityWon>,
): Promise<Attribution> {
  let campaignId = won.sourceCampaignId;
  let leadId = won.leadId;
  let rule: Attribution['rule'] = 'OPPORTUNITY_SOURCE';
  if (!campaignId && leadId) {
    const lead = await findLead(tx, leadId);
    campaignId = lead?.campaignId ?? null;
    rule = 'LEAD';
  }
  if (!campaignId) {
    const first = await firstLeadOfCustomer(tx, won.customerId);
    campaignId = first?.campaignId ?? null;
    leadId = leadId ?? first?.id ?? null;
    rule = first ? 'CUSTOMER_FIRST_LEAD' : 'UNATTRIBUTED';
  }
  const attribution: Attribution = {
    opportunityId: won.opportunityId,
    customerId: won.customerId,
    campaignId,
    leadId,
    rule: campaignId ? rule : 'UNATTRIBUTED',
    amount: won.amount.amount,
    currency: won.amount.currency,
    wonAt: new Date(won.wonAt),
  };
  await upsertAttribution(tx, attribution);
  return attribution;
}
