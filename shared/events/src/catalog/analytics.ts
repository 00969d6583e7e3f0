import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

export const churnRisks = ['LOW', 'MEDIUM', 'HIGH'] as const;

export const customerHealthChanged = defineEvent({
  type: 'crm.analytics.customer.health_changed.v1',
  topic: 'crm.analytics.customer-health.v1',
  producer: 'analytics',
  description:
    "A customer's churn risk level changed (once per change: the event id is derived from the customer, the event that caused it and the new level, so a replay never publishes it again). To HIGH, sales creates a retention task and customer service schedules a follow-up visit.",
  schema: z.object({
    customerId: id,
    /** The customer's owner and team as analytics knew them; null when unknown or pooled. */
    ownerId: id.nullable(),
    teamId: id.nullable(),
    score: z.number().int().min(0).max(100),
    churnRisk: z.enum(churnRisks),
    /** Null the first time analytics scores the customer. */
    previousScore: z.number().int().min(0).max(100).nullable(),
    previousChurnRisk: z.enum(churnRisks).nullable(),
    /** What moved the score: each factor's contribution in points (negative lowers it). */
    factors: z.array(z.object({ factor: z.string(), contribution: z.number() })),
    /** The event (ce_id) whose handling changed the level. */
    causeEventId: id,
    changedAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

export const analyticsEvents = [customerHealthChanged];
