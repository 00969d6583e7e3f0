import { toConnection } from '@crm/subgraph';
import type { Ticket } from '../db/tickets';

/** A page of tickets as a connection; ticket lists always know their total count. */
export function ticketConnection(
  rows: Ticket[],
  first: number,
  total: number,
  cursorOf: (t: Ticket) => unknown[],
) {
  return { ...toConnection(rows, first, total, cursorOf), totalCount: total };
}
