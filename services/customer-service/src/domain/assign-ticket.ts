import type { Viewer } from '@crm/auth';
import { ticketAssigned } from '@crm/events';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Ticket } from '../db/tickets';
import { changeTicket } from './change-ticket';
import { requireAssignable } from './dispatch/require-assignable';
import { assignTicketInput } from './ticket-inputs';

/**
 * Gives a ticket to an agent (or to nobody): an active employee who works tickets, within the
 * caller's teams. The same assignee again changes nothing.
 */
export function assignTicket(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Ticket>> {
  return changeTicket(dataSource, viewer, raw, {
    input: assignTicketInput,
    action: 'ticket.assign',
    event: ticketAssigned,
    apply: async (before, input, tx) => {
      if (before.status === 'CLOSED') {
        throw new UserErrors([
          userError(
            'ticketId',
            'CONFLICT',
            'ticketId: the ticket is CLOSED and cannot be reassigned',
          ),
        ]);
      }
      if (before.assigneeId === input.assigneeId) return null;
      if (input.assigneeId) await requireAssignable(tx, viewer, input.assigneeId);
      return { ...before, assigneeId: input.assigneeId };
    },
    extra: (before) => ({ previousAssigneeId: before.assigneeId }),
  });
}
