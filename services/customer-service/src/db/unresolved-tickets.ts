import { rows, type Tx } from '@crm/database';
import { TICKET_COLUMNS, toTicket, type Ticket, type TicketRow } from './tickets';

/** A customer's OPEN and PENDING tickets, locked for the rest of the transaction, oldest first. */
export async function lockUnresolvedTicketsOf(tx: Tx, customerId: string): Promise<Ticket[]> {
  const found = await rows<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.customer_id = $1 AND t.status IN ('OPEN', 'PENDING')
     ORDER BY t.created_at, t.id FOR UPDATE`,
    [customerId],
  );
  return found.map(toTicket);
}
