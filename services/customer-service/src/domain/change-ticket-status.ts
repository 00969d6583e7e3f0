import type { Viewer } from '@crm/auth';
import { ticketStatusChanged } from '@crm/events';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { Ticket } from '../db/tickets';
import { changeTicket } from './change-ticket';
import { createSurvey } from './csat/create-survey';
import { scheduleVisit } from './visits/schedule-visit';
import { databaseNow } from '../db/database-now';
import { changeTicketStatusInput } from './ticket-inputs';
import { canMove, resolvedAtAfter, transitionRefusal } from './ticket-rules';

/** Moves a ticket along its workflow; a move the workflow does not allow is INVALID_TRANSITION. */
export function changeTicketStatus(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Ticket>> {
  return changeTicket(dataSource, viewer, raw, {
    input: changeTicketStatusInput,
    action: 'ticket.change_status',
    event: ticketStatusChanged,
    apply: (before, input) => {
      if (!canMove(before.status, input.status)) {
        throw new UserErrors([
          userError('status', 'INVALID_TRANSITION', transitionRefusal(before.status, input.status)),
        ]);
      }
      return {
        ...before,
        status: input.status,
        resolvedAt: resolvedAtAfter(before, input.status, new Date()),
      };
    },
    after: async (tx, ticket) => {
      if (ticket.status !== 'RESOLVED') return;
      await createSurvey(tx, ticket);
      await scheduleVisit(tx, ticket, await databaseNow(tx));
    },
    extra: (before) => ({ previousStatus: before.status }),
  });
}
