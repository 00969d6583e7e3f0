import { findCustomerReplicas } from '@crm/customer-replica';
import { newId, recordAudit, type Tx } from '@crm/database';
import { scheduleJob } from '@crm/scheduler';
import { insertVisitOnce, type FollowUpVisit } from '../../db/follow-up-visits';
import type { Ticket } from '../../db/tickets';
import { followUpHours } from '../../env';

export const VISIT_REMINDER_JOB = 'visit.reminder';

/**
 * After a resolution, a follow-up visit (回访) for the customer, due after the delay of their
 * tier, for the ticket's assignee, with a durable reminder at the due time. A ticket has at most
 * one scheduled visit.
 */
export async function scheduleVisit(tx: Tx, ticket: Ticket, now: Date): Promise<void> {
  const [customer] = await findCustomerReplicas(tx, [ticket.customerId]);
  const resolvedAt = ticket.resolvedAt ?? now;
  const dueAt = new Date(resolvedAt.getTime() + followUpHours(customer?.tier ?? null) * 3_600_000);
  const visit = await insertVisitOnce(tx, {
    id: newId(),
    ticketId: ticket.id,
    customerId: ticket.customerId,
    assigneeId: ticket.assigneeId,
    dueAt,
  });
  if (visit) await visitScheduled(tx, visit);
}

/** A new visit gets its durable reminder at the due time and its audit record (no actor). */
export async function visitScheduled(tx: Tx, visit: FollowUpVisit): Promise<void> {
  await scheduleJob(tx, { kind: VISIT_REMINDER_JOB, key: visit.id, dueAt: visit.dueAt });
  await recordAudit(tx, {
    actorId: null,
    action: 'visit.schedule',
    entityType: 'FollowUpVisit',
    entityId: visit.id,
    after: visit,
  });
}
