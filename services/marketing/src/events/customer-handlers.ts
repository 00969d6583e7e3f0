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

/** One handler per event type running each given handler in order (a consumer takes one per type). */
function combine(handlers: EventHandler[]): EventHandler[] {
  const byType = new Map<string, EventHandler[]>();
  for (const h of handlers)
    byType.set(h.definition.type, [...(byType.get(h.definition.type) ?? []), h]);
  return [...byType.values()].map((group) => ({
    definition: group[0].definition,
    handle: async (event, tx) => {
      for (const h of group) await h.handle(event, tx);
    },
  }));
}

/**
 * Marketing's customer replica (the shared handlers) and then what marketing does with the
 * facts: flag leads of a customer that just appeared, follow merges.
 */
export const customerHandlers = combine([...customerReplicaHandlers, ...marketingOwn]);
