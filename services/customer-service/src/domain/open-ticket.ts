import { can, type Viewer } from '@crm/auth';
import { requireVisibleCustomer } from '@crm/customer-replica';
import { newId, recordAudit } from '@crm/database';
import { publishEvent, ticketOpened } from '@crm/events';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { insertTicket, type Ticket } from '../db/tickets';
import { openTicketInput, type OpenTicketInput } from './ticket-inputs';
import { auditView, ticketSnapshot } from './ticket-events';

/** Opens a ticket for a customer known from sales' events (the local replica). */
export async function openTicket(
  dataSource: DataSource,
  viewer: Viewer,
  raw: OpenTicketInput,
): Promise<Result<Ticket>> {
  if (!can(viewer, 'tickets.write')) throw forbidden('your roles cannot open tickets');
  const parsed = parseInput(openTicketInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const customer = await requireVisibleCustomer(tx, viewer, 'tickets.write', input.customerId);
    const ticket = await insertTicket(tx, {
      id: newId(),
      customerId: customer.id,
      subject: input.subject,
      description: input.description ?? null,
      priority: input.priority,
      channel: input.channel,
      assigneeId: input.assigneeId ?? null,
      createdBy: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'ticket.open',
      entityType: 'Ticket',
      entityId: ticket.id,
      after: auditView(ticket),
    });
    await publishEvent(tx, ticketOpened, ticketSnapshot(ticket), { actorId: viewer.id });
    return ticket;
  });
}
