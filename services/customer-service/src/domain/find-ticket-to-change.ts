import type { Viewer } from '@crm/auth';
import { findCustomerReplicas, reachesCustomer } from '@crm/customer-replica';
import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { lockTicket, type Ticket } from '../db/tickets';

/** The ticket a change is about, locked; NOT_FOUND when it does not exist or is out of reach. */
export async function findTicketToChange(
  tx: Tx,
  viewer: Viewer,
  ticketId: string,
): Promise<Ticket> {
  const ticket = await lockTicket(tx, ticketId);
  const [customer] = ticket ? await findCustomerReplicas(tx, [ticket.customerId]) : [];
  if (!ticket || !reachesCustomer(viewer, 'tickets.write', customer ?? null)) {
    throw new UserErrors([userError('ticketId', 'NOT_FOUND', `ticketId: no ticket ${ticketId}`)]);
  }
  return ticket;
}
