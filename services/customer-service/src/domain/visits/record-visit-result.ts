import { findCustomerReplicas, reachesCustomer } from '@crm/customer-replica';
import { recordAudit } from '@crm/database';
import { publishEvent, ticketStatusChanged } from '@crm/events';
import { cancelJob } from '@crm/scheduler';
import { userError, UserErrors } from '@crm/subgraph';
import { z } from 'zod';
import { databaseNow } from '../../db/database-now';
import { lockVisit, saveVisit, type FollowUpVisit } from '../../db/follow-up-visits';
import { saveTicket } from '../../db/tickets';
import { findTicketToChange } from '../find-ticket-to-change';
import { refreshTicketSla } from '../sla/refresh-ticket-sla';
import { auditView, ticketSnapshot } from '../ticket-events';
import { ticketWrite } from '../ticket-use-case';
import { VISIT_REMINDER_JOB } from './schedule-visit';

const recordVisitResultInput = z.object({
  visitId: z.uuid('is not a valid id'),
  result: z.enum(['SATISFIED', 'NOT_SATISFIED', 'UNREACHABLE']),
  notes: z
    .string()
    .trim()
    .max(5000, 'must be at most 5000 characters')
    .nullish()
    .transform((v) => v || null),
});

/**
 * The result of a follow-up visit, once. "Not satisfied" reopens the RESOLVED ticket of a visit
 * after a ticket (OPEN again, its clocks running); a CLOSED ticket stays closed. A churn visit
 * has no ticket: it is reached through its customer.
 */
export const recordVisitResult = ticketWrite(
  recordVisitResultInput,
  'your roles cannot record visits',
  async (tx, input, viewer): Promise<FollowUpVisit> => {
    const visit = await lockVisit(tx, input.visitId);
    const notFound = () =>
      new UserErrors([userError('visitId', 'NOT_FOUND', `visitId: no visit ${input.visitId}`)]);
    if (!visit) throw notFound();
    const ticket = visit.ticketId
      ? await findTicketToChange(tx, viewer, visit.ticketId).catch(() => {
          throw notFound();
        })
      : null;
    if (!ticket) {
      const [customer] = await findCustomerReplicas(tx, [visit.customerId]);
      if (!reachesCustomer(viewer, 'tickets.write', customer ?? null)) throw notFound();
    }
    if (visit.status !== 'SCHEDULED') {
      throw new UserErrors([
        userError('visitId', 'CONFLICT', 'visitId: the visit already has its result'),
      ]);
    }
    const now = await databaseNow(tx);
    const done = await saveVisit(tx, {
      ...visit,
      status: 'DONE',
      result: input.result,
      notes: input.notes,
      doneAt: now,
      doneBy: viewer.id,
    });
    await cancelJob(tx, VISIT_REMINDER_JOB, visit.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'visit.record_result',
      entityType: 'FollowUpVisit',
      entityId: visit.id,
      before: visit,
      after: done,
    });
    if (ticket && input.result === 'NOT_SATISFIED' && ticket.status === 'RESOLVED') {
      const reopened = await saveTicket(tx, { ...ticket, status: 'OPEN', resolvedAt: null });
      await refreshTicketSla(tx, reopened, now);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'ticket.reopen_after_visit',
        entityType: 'Ticket',
        entityId: ticket.id,
        before: auditView(ticket),
        after: auditView(reopened),
      });
      await publishEvent(
        tx,
        ticketStatusChanged,
        { ...ticketSnapshot(reopened), previousStatus: ticket.status },
        { actorId: viewer.id },
      );
    }
    return done;
  },
);
