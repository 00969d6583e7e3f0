import { recordAudit } from '@crm/database';
import { ticketWrite } from './ticket-use-case';
import { insertTicketLink } from '../db/ticket-links';
import type { Ticket } from '../db/tickets';
import { findTicketPairToChange } from './find-tickets-to-change';
import { linkTicketsInput } from './ticket-inputs';

/** Links two related tickets (e.g. one incident, several customers); linking again changes nothing. */
export const linkTickets = ticketWrite(
  linkTicketsInput,
  'your roles cannot link tickets',
  async (tx, input, viewer): Promise<Ticket> => {
    const [ticket, linked] = await findTicketPairToChange(
      tx,
      viewer,
      [input.ticketId, input.linkedTicketId],
      ['ticketId', 'linkedTicketId'],
    );
    if (await insertTicketLink(tx, ticket.id, linked.id, viewer.id)) {
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'ticket.link',
        entityType: 'Ticket',
        entityId: ticket.id,
        after: { linkedTicketId: linked.id },
      });
    }
    return ticket;
  },
);
