import { recordAudit, rows, type Tx } from '@crm/database';
import { publishEvent, ticketAssigned } from '@crm/events';
import { setOffDuty } from '../../db/agents';
import { databaseNow } from '../../db/database-now';
import { saveTicket, TICKET_COLUMNS, toTicket, type TicketRow } from '../../db/tickets';
import { auditView, ticketSnapshot } from '../ticket-events';
import { dispatchTicket } from './dispatch-ticket';

/**
 * An employee left (identity's employee.deactivated): they go off duty and each of their
 * unresolved tickets is dispatched again without them, or goes back to the queue.
 */
export async function reassignDeactivated(tx: Tx, employeeId: string): Promise<void> {
  await setOffDuty(tx, employeeId);
  const now = await databaseNow(tx);
  const open = await rows<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.assignee_id = $1 AND t.status IN ('OPEN', 'PENDING')
     ORDER BY t.created_at, t.id FOR UPDATE`,
    [employeeId],
  );
  for (const before of open.map(toTicket)) {
    const assigneeId = await dispatchTicket(tx, before, now, [employeeId]);
    const ticket = await saveTicket(tx, { ...before, assigneeId });
    await recordAudit(tx, {
      actorId: null,
      action: 'ticket.reassign_deactivated',
      entityType: 'Ticket',
      entityId: ticket.id,
      before: auditView(before),
      after: auditView(ticket),
    });
    await publishEvent(tx, ticketAssigned, {
      ...ticketSnapshot(ticket),
      previousAssigneeId: employeeId,
    });
  }
}
