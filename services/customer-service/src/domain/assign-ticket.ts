import type { Viewer } from '@crm/auth';
import { ticketAssigned } from '@crm/events';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Ticket } from '../db/tickets';
import { changeTicket } from './change-ticket';
import { assignTicketInput, type AssignTicketInput } from './ticket-inputs';

/** Gives a ticket to an agent (or to nobody); the same assignee again changes nothing. */
export function assignTicket(
  dataSource: DataSource,
  viewer: Viewer,
  raw: AssignTicketInput,
): Promise<Result<Ticket>> {
  return changeTicket(dataSource, viewer, raw, {
    input: assignTicketInput,
    action: 'ticket.assign',
    event: ticketAssigned,
    apply: (before, input) => {
      if (before.status === 'CLOSED') {
        throw new UserErrors([
          userError(
            'ticketId',
            'CONFLICT',
            'ticketId: the ticket is CLOSED and cannot be reassigned',
          ),
        ]);
      }
      return before.assigneeId === input.assigneeId
        ? null
        : { ...before, assigneeId: input.assigneeId };
    },
    extra: (before) => ({ previousAssigneeId: before.assigneeId }),
  });
}
