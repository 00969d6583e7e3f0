import { newId, recordAudit } from '@crm/database';
import { publishEvent, ticketStatusChanged } from '@crm/events';
import { userError, UserErrors } from '@crm/subgraph';
import { ticketWrite } from './ticket-use-case';
import { insertTicketMessage, moveThread } from '../db/ticket-messages';
import { saveTicket, type Ticket } from '../db/tickets';
import { findTicketPairToChange } from './find-tickets-to-change';
import { auditView, ticketSnapshot } from './ticket-events';
import { refreshTicketSla } from './sla/refresh-ticket-sla';
import { databaseNow } from '../db/database-now';
import { requireNotClosed } from './ticket-guards';
import { mergeTicketsInput } from './ticket-inputs';
import { resolvedAtAfter } from './ticket-rules';

/**
 * Merges a duplicate into the ticket that stays: the duplicate is CLOSED with a pointer to it,
 * its thread moves over, and the survivor gets a note saying so. Both belong to one customer.
 */
export const mergeTickets = ticketWrite(
  mergeTicketsInput,
  'your roles cannot merge tickets',
  async (tx, input, viewer): Promise<Ticket> => {
    const [duplicate, survivor] = await findTicketPairToChange(
      tx,
      viewer,
      [input.ticketId, input.intoTicketId],
      ['ticketId', 'intoTicketId'],
    );
    requireNotClosed(duplicate, 'ticketId', 'be merged');
    requireNotClosed(survivor, 'intoTicketId', 'take a merge');
    if (duplicate.customerId !== survivor.customerId) {
      throw new UserErrors([
        userError(
          'intoTicketId',
          'CONFLICT',
          'intoTicketId: only tickets of the same customer can be merged',
        ),
      ]);
    }
    const closed = await saveTicket(tx, {
      ...duplicate,
      status: 'CLOSED',
      resolvedAt: resolvedAtAfter(duplicate, 'CLOSED', new Date()),
      mergedIntoId: survivor.id,
    });
    await refreshTicketSla(tx, closed, await databaseNow(tx));
    await moveThread(tx, duplicate.id, survivor.id);
    await insertTicketMessage(tx, {
      id: newId(),
      ticketId: survivor.id,
      kind: 'NOTE',
      body: `Ticket ${duplicate.id} ("${duplicate.subject}") was merged into this one.`,
      authorId: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'ticket.merge',
      entityType: 'Ticket',
      entityId: duplicate.id,
      before: auditView(duplicate),
      after: auditView(closed),
    });
    await publishEvent(
      tx,
      ticketStatusChanged,
      { ...ticketSnapshot(closed), previousStatus: duplicate.status },
      { actorId: viewer.id },
    );
    return survivor;
  },
);
