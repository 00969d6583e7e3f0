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

export const ticketPriorityChanged = defineEvent({
  type: 'crm.customer-service.ticket.priority_changed.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description:
    'A ticket got another priority (its SLA policy is picked again); `previousPriority` is what it had.',
  schema: ticketSnapshot.extend({ previousPriority: z.enum(ticketPriorities) }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const slaTargets = ['FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION'] as const;
/** Who an SLA alert goes to, level by level: the assignee, their team's manager, the service managers. */
export const slaEscalationLevels = ['ASSIGNEE', 'TEAM_MANAGER', 'SERVICE_MANAGER'] as const;

/** An SLA alert on one target of one ticket. */
const slaAlert = z.object({
  ticketId: id,
  customerId: id,
  /** The customer's tier as customer service knew it (KEY, A, B, C), null when none. */
  customerTier: z.string().nullable(),
  priority: z.enum(ticketPriorities),
  target: z.enum(slaTargets),
  policyId: id,
  /** When the target runs (or ran) out, in business time of the policy's calendar. */
  dueAt: dateTime,
  assigneeId: id.nullable(),
  escalationLevel: z.enum(slaEscalationLevels),
  /** The employees the alert is for (empty when the directory knows nobody at that level). */
  notifyIds: z.array(id),
  occurredAt: dateTime,
});

export const ticketSlaWarning = defineEvent({
  type: 'crm.customer-service.ticket.sla_warning.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description:
    "A ticket used its policy's warning share of an SLA target (first response, next response or resolution); the alert goes to the assignee.",
  schema: slaAlert,
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const ticketSlaBreached = defineEvent({
  type: 'crm.customer-service.ticket.sla_breached.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description:
    "A ticket missed an SLA target: at the due time it escalates to the assignee's team manager (`escalationLevel` TEAM_MANAGER), and if still unmet at twice the target to the service managers (SERVICE_MANAGER, `firstBreach` false).",
  schema: slaAlert.extend({ firstBreach: z.boolean() }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const csatReasons = [
  'RESPONSE_TIME',
  'RESOLUTION_QUALITY',
  'AGENT_ATTITUDE',
  'PRODUCT',
  'OTHER',
] as const;

export const ticketCsatReceived = defineEvent({
  type: 'crm.customer-service.ticket.csat_received.v1',
  topic: TICKET_TOPIC,
  producer: 'customer-service',
  description:
    "The customer answered a resolved ticket's satisfaction survey: a score from 1 to 5 and a reason (the free comment stays in customer service).",
  schema: z.object({
    surveyId: id,
    ticketId: id,
    customerId: id,
    assigneeId: id.nullable(),
    score: z.number().int().min(1).max(5),
    reason: z.enum(csatReasons).nullable(),
    hasComment: z.boolean(),
    answeredAt: dateTime,
    occurredAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

/** What an agent can flag a ticket as, for product. */
export const capturedFeedbackKinds = ['FEATURE_REQUEST', 'BUG'] as const;

export const feedbackCaptured = defineEvent({
  type: 'crm.customer-service.feedback.captured.v1',
  topic: 'crm.customer-service.feedback.v1',
  producer: 'customer-service',
  description:
    "An agent flagged a ticket as carrying a feature request or a bug, with the customer's words: product records it as feedback linked to the ticket. `feedbackId` names the feedback item to create (the same id on a redelivery).",
  schema: z.object({
    feedbackId: id,
    ticketId: id,
    customerId: id,
    kind: z.enum(capturedFeedbackKinds),
    /** A short title for product (the ticket's subject unless the agent gave one). */
    title: z.string(),
    /** What the customer said, verbatim. */
    text: z.string(),
    capturedBy: id,
    capturedAt: dateTime,
    occurredAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.ticketId,
});

export const customerServiceEvents = [
  ticketOpened,
  ticketAssigned,
  ticketStatusChanged,
  ticketPriorityChanged,
  ticketSlaWarning,
  ticketSlaBreached,
  ticketCsatReceived,
  feedbackCaptured,
];
