import type { EventData, ticketOpened } from '@crm/events';
import type { Ticket } from '../db/tickets';

/** The ticket as its events carry it (the state after the change). */
export function ticketSnapshot(t: Ticket): EventData<typeof ticketOpened> {
  return {
    ticketId: t.id,
    customerId: t.customerId,
    subject: t.subject,
    priority: t.priority,
    status: t.status,
    channel: t.channel,
    assigneeId: t.assigneeId,
    createdBy: t.createdBy,
    openedAt: t.createdAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    version: t.version,
    occurredAt: new Date().toISOString(),
  };
}

/** What the audit log keeps of a ticket. */
export function auditView(t: Ticket) {
  const { createdAt: _c, updatedAt: _u, ...rest } = t;
  return rest;
}
