import { recordAudit } from '@crm/database';
import { ticketWrite } from './ticket-use-case';
import type { TicketMessage } from '../db/ticket-messages';
import { findTicketToChange } from './find-ticket-to-change';
import { postTicketMessage } from './post-ticket-message';
import { requireNotClosed } from './ticket-guards';
import { addTicketMessageInput } from './ticket-inputs';

/**
 * Adds a message to a ticket's thread: a public reply, an internal note, or what the customer
 * wrote. The first public reply is the ticket's first response.
 */
export const addTicketMessage = ticketWrite(
  addTicketMessageInput,
  'your roles cannot write on tickets',
  async (tx, input, viewer): Promise<TicketMessage> => {
    const ticket = await findTicketToChange(tx, viewer, input.ticketId);
    requireNotClosed(ticket, 'ticketId', 'take new messages');
    const message = await postTicketMessage(tx, ticket, input.kind, input.body, viewer.id);
    // the body may hold personal data: the audit keeps what happened, not what was written
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'ticket.add_message',
      entityType: 'Ticket',
      entityId: ticket.id,
      after: { messageId: message.id, kind: message.kind, length: message.body.length },
    });
    return message;
  },
);
