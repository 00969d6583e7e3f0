import { recordAudit } from '@crm/database';
import { ideaShipped, on } from '@crm/events';
import { lockTicket } from '../db/tickets';
import { postTicketMessage } from '../domain/post-ticket-message';

/** What the customer reads on their ticket when the feature they asked for ships. */
export function shippedReply(title: string, note: string | null): string {
  const said = note ? ` ${note}` : '';
  return `Good news: "${title}", which you asked for on this ticket, has shipped.${said}`;
}

/**
 * Product shipped an idea (architecture reaction 8): each of the requesters' tickets it was
 * flagged on that is still unresolved (OPEN or PENDING) gets a public reply telling the customer,
 * written in the name of the product manager who shipped it. A resolved or closed ticket is left
 * alone: the conversation is over. Audited with no actor (the system wrote it); the inbox keeps
 * a redelivered event from replying twice.
 */
export const shippedHandlers = [
  on(ideaShipped, async (event, tx) => {
    const e = event.data;
    const ticketIds = [...new Set(e.requesters.flatMap((r) => r.ticketIds ?? []))].sort();
    for (const ticketId of ticketIds) {
      const ticket = await lockTicket(tx, ticketId);
      if (!ticket || (ticket.status !== 'OPEN' && ticket.status !== 'PENDING')) continue;
      const body = shippedReply(e.title, e.note);
      const message = await postTicketMessage(tx, ticket, 'REPLY', body, e.shippedBy);
      await recordAudit(tx, {
        actorId: null,
        action: 'ticket.shipped_reply',
        entityType: 'Ticket',
        entityId: ticket.id,
        after: { messageId: message.id, ideaId: e.ideaId },
      });
    }
  }),
];
