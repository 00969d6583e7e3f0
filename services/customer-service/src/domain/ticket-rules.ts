import type { Ticket, TicketStatus } from '../db/tickets';

/**
 * The ticket workflow. A ticket waits on the customer in PENDING, is RESOLVED when the agent
 * considers it done (the customer can still reopen it) and CLOSED for good.
 */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  OPEN: ['PENDING', 'RESOLVED', 'CLOSED'],
  PENDING: ['OPEN', 'RESOLVED', 'CLOSED'],
  RESOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

/** Unresolved tickets count as open work (Customer.openTicketCount, analytics). */
export const UNRESOLVED_STATUSES: readonly TicketStatus[] = ['OPEN', 'PENDING'];

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}

/** Why a move is refused, in words an agent understands. */
export function transitionRefusal(from: TicketStatus, to: TicketStatus): string {
  if (from === to) return `status: the ticket is already ${to}`;
  const allowed = TICKET_TRANSITIONS[from];
  return allowed.length
    ? `status: a ${from} ticket can move to ${allowed.join(' or ')}, not ${to}`
    : `status: a ${from} ticket cannot change any more`;
}

/** The resolution time after a move: kept or set when the ticket is done, cleared when reopened. */
export function resolvedAtAfter(ticket: Ticket, to: TicketStatus, now: Date): Date | null {
  if (to === 'RESOLVED') return now;
  if (to === 'CLOSED') return ticket.resolvedAt ?? now;
  return null;
}
