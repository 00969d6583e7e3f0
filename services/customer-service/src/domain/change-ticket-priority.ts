import type { Viewer } from '@crm/auth';
import { ticketPriorityChanged } from '@crm/events';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Ticket } from '../db/tickets';
import { changeTicket } from './change-ticket';
import { requireNotClosed } from './ticket-guards';
import { changeTicketPriorityInput } from './ticket-inputs';

/** Gives a ticket another priority; its SLA policy is picked again (the same priority changes nothing). */
export function changeTicketPriority(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Ticket>> {
  return changeTicket(dataSource, viewer, raw, {
    input: changeTicketPriorityInput,
    action: 'ticket.change_priority',
    event: ticketPriorityChanged,
    apply: (before, input) => {
      requireNotClosed(before, 'ticketId', 'change its priority');
      return before.priority === input.priority ? null : { ...before, priority: input.priority };
    },
    extra: (before) => ({ previousPriority: before.priority }),
  });
}
