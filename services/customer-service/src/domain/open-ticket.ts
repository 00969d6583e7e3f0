import { requireVisibleCustomer } from '@crm/customer-replica';
import { newId, recordAudit } from '@crm/database';
import { publishEvent, ticketOpened } from '@crm/events';
import { ticketWrite } from './ticket-use-case';
import { insertTicket, type Ticket } from '../db/tickets';
import { refreshTicketSla } from './sla/refresh-ticket-sla';
import { databaseNow } from '../db/database-now';
import { dispatchTicket } from './dispatch/dispatch-ticket';
import { requireAssignable } from './dispatch/require-assignable';
import { openTicketInput } from './ticket-inputs';
import { auditView, ticketSnapshot } from './ticket-events';

/**
 * Opens a ticket for a customer known from sales' events (the local replica); without an
 * assignee it is dispatched by the rules, or waits in the queue when nobody can take it.
 */
export const openTicket = ticketWrite(
  openTicketInput,
  'your roles cannot open tickets',
  async (tx, input, viewer): Promise<Ticket> => {
    const customer = await requireVisibleCustomer(tx, viewer, 'tickets.write', input.customerId);
    const now = await databaseNow(tx);
    const routing = {
      teamId: input.teamId ?? null,
      language: input.language ?? null,
      productLine: input.productLine ?? null,
      region: input.region ?? null,
    };
    if (input.assigneeId) await requireAssignable(tx, viewer, input.assigneeId);
    const ticket = await insertTicket(tx, {
      id: newId(),
      customerId: customer.id,
      subject: input.subject,
      description: input.description ?? null,
      priority: input.priority,
      channel: input.channel,
      assigneeId: input.assigneeId ?? (await dispatchTicket(tx, routing, now)),
      createdBy: viewer.id,
      ...routing,
    });
    await refreshTicketSla(tx, ticket, now);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'ticket.open',
      entityType: 'Ticket',
      entityId: ticket.id,
      after: auditView(ticket),
    });
    await publishEvent(tx, ticketOpened, ticketSnapshot(ticket), { actorId: viewer.id });
    return ticket;
  },
);
