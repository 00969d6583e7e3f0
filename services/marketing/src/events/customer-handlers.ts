import { customerReplicaHandlers } from '@crm/customer-replica';
import type { Tx } from '@crm/database';
import {
  customerCreated,
  customerMerged,
  customerUpdated,
  on,
  type EventData,
  type EventHandler,
} from '@crm/events';
import { repointAttributions } from '../db/attributions';
import { mergeCustomerTags } from '../db/customer-tags';
import { addHistory } from '../db/lead-history';
import { matchLeadsToCustomer, repointLeadCustomer } from '../db/leads';

/** Leads captured before sales knew the person get flagged once the customer appears. */
async function flagMatchingLeads(tx: Tx, c: EventData<typeof customerCreated>): Promise<void> {
  const phoneKeys = [c.phoneKey, ...(c.contactPhoneKeys ?? [])].filter((k): k is string => !!k);
  const emailKeys = [c.emailKey, ...(c.contactEmailKeys ?? [])].filter((k): k is string => !!k);
  const leadIds = await matchLeadsToCustomer(tx, c.customerId, { phoneKeys, emailKeys });
  for (const leadId of leadIds) {
    await addHistory(tx, {
      leadId,
      kind: 'CUSTOMER_MATCHED',
      actorId: null,
      details: { customerId: c.customerId },
    });
  }
}

const marketingOwn: EventHandler[] = [
  on(customerCreated, (event, tx) => flagMatchingLeads(tx, event.data)),
  on(customerUpdated, (event, tx) => flagMatchingLeads(tx, event.data)),
  on(customerMerged, async (event, tx) => {
    const { sourceId, targetId } = event.data;
    await repointLeadCustomer(tx, sourceId, targetId);
    await mergeCustomerTags(tx, sourceId, targetId);
    await repointAttributions(tx, sourceId, targetId);
  }),
];

/**
 * Marketing's customer replica (the shared handlers) and then what marketing does with the
 * facts: flag leads of a customer that just appeared, follow merges (the consumer runs the
 * handlers of one type in this order).
 */
export const customerHandlers: EventHandler[] = [...customerReplicaHandlers, ...marketingOwn];
