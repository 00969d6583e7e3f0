import { customerReplicaHandlers } from '@crm/customer-replica';
import { customerMerged, on, type EventHandler } from '@crm/events';
import { mergeCustomerRecords } from '../db/merge-customers';

/**
 * The customer replica (the shared handlers: created, updated) and, on a merge, feedback, deals
 * and votes moving to the surviving customer.
 */
export const customerHandlers: EventHandler[] = [
  ...customerReplicaHandlers,
  on(customerMerged, (e, tx) => mergeCustomerRecords(tx, e.data.sourceId, e.data.targetId)),
];
