import type { Tx } from '@crm/database';
import { newId } from '@crm/database';
import { databaseNow } from '../db/database-now';
import {
  insertTicketMessage,
  type TicketMessageKind,
  type TicketMessage,
} from '../db/ticket-messages';
import { saveTicket, type Ticket } from '../db/tickets';
import { refreshTicketSla } from './sla/refresh-ticket-sla';

/**
 * Puts a message on a locked ticket's thread: the first public reply is the ticket's first
 * response, and anything but an internal note moves its SLA clocks.
 */
export async function postTicketMessage(
  tx: Tx,
  ticket: Ticket,
  kind: TicketMessageKind,
  body: string,
  authorId: string,
): Promise<TicketMessage> {
  const message = await insertTicketMessage(tx, {
    id: newId(),
    ticketId: ticket.id,
    kind,
    body,
    authorId,
  });
  const after =
    message.kind === 'REPLY' && !ticket.firstRespondedAt
      ? await saveTicket(tx, { ...ticket, firstRespondedAt: message.createdAt })
      : ticket;
  if (message.kind !== 'NOTE') {
    const happening = { kind: message.kind, at: message.createdAt };
    await refreshTicketSla(tx, after, await databaseNow(tx), happening);
  }
  return message;
}
