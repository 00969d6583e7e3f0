import { userError, UserErrors } from '@crm/subgraph';
import type { Ticket } from '../db/tickets';

/** Refuses work on a CLOSED ticket (CONFLICT on `field`), pointing to the survivor of a merge. */
export function requireNotClosed(ticket: Ticket, field: string, doing: string): void {
  if (ticket.status !== 'CLOSED') return;
  const where = ticket.mergedIntoId ? ` (it was merged into ${ticket.mergedIntoId})` : '';
  throw new UserErrors([
    userError(field, 'CONFLICT', `${field}: the ticket is CLOSED${where} and cannot ${doing}`),
  ]);
}
