import { on, ticketCsatReceived, ticketSlaBreached } from '@crm/events';
import { findCustomer } from '../db/customers';
import { followUpTaskForOwner } from './owner-task';

/**
 * Customer service's signals that a customer relationship is at risk (architecture reaction 7):
 * a satisfaction score of 2 or less, or an SLA breach on a KEY account (the first breach of a
 * target, not its later escalation), become a follow-up task for the customer's owner.
 */
export const serviceLoopHandlers = [
  on(ticketCsatReceived, async (event, tx) => {
    const e = event.data;
    if (e.score > 2) return;
    await followUpTaskForOwner(
      tx,
      e.customerId,
      `Call back: satisfaction ${e.score}/5 on a support ticket`,
      `Ticket ${e.ticketId}; reason: ${e.reason ?? 'not given'}.`,
    );
  }),
  on(ticketSlaBreached, async (event, tx) => {
    const e = event.data;
    if (!e.firstBreach) return;
    const customer = await findCustomer(tx, e.customerId);
    if (customer?.tier !== 'KEY') return;
    await followUpTaskForOwner(
      tx,
      e.customerId,
      'Call back: a KEY account missed its support SLA',
      `Ticket ${e.ticketId}: ${e.target.toLowerCase().replace('_', ' ')} target missed (due ${e.dueAt}).`,
    );
  }),
];
