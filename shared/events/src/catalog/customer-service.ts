import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

export const ticketPriorities = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const ticketStatuses = ['OPEN', 'PENDING', 'RESOLVED', 'CLOSED'] as const;
export const ticketChannels = ['PHONE', 'EMAIL', 'WECHAT', 'WEB', 'VISIT'] as const;

/** A ticket's state after the change (no description: it may hold personal data). */
export const ticketSnapshot = z.object({
  ticketId: id,
  customerId: id,
  subject: z.string(),
  priority: z.enum(ticketPriorities),
  status: z.enum(ticketStatuses),
  channel: z.enum(ticketChannels),
  assigneeId: id.nullable(),
  createdBy: id,
  openedAt: dateTime,
  resolvedAt: dateTime.nullable(),
  /** Increases by one with every change; consumers keep the highest they have seen. */
  version: z.number().int().positive(),
  occurredAt: dateTime,
});

const TICKET_TOPIC = 'crm.customer-service.ticket.v1';

export const ticketOpened = defineEvent({
  type: 'crm.customer-service.ticket.opened.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description: 'A customer-service ticket was opened for a customer.',
  schema: ticketSnapshot,
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const ticketAssigned = defineEvent({
  type: 'crm.customer-service.ticket.assigned.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description: 'A ticket got a new assignee (or none); `previousAssigneeId` is who had it before.',
  schema: ticketSnapshot.extend({ previousAssigneeId: id.nullable() }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const ticketStatusChanged = defineEvent({
  type: 'crm.customer-service.ticket.status_changed.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description:
    'A ticket moved to another status (pending, resolved, closed, reopened); `previousStatus` is where it came from.',
  schema: ticketSnapshot.extend({ previousStatus: z.enum(ticketStatuses) }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const customerServiceEvents = [ticketOpened, ticketAssigned, ticketStatusChanged];
