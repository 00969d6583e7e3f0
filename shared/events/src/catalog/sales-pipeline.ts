import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id, money } from './common';

// Sales' pipeline and follow-up events: opportunities, activities, tasks and quotes. Each is keyed
// by its customer so that a customer's events stay in order on their partition.

const OPPORTUNITY_TOPIC = 'crm.sales.opportunity.v1';

const opportunityFacts = {
  opportunityId: id,
  customerId: id,
  name: z.string(),
  amount: money,
  ownerId: id.nullable(),
  teamId: id.nullable(),
  /** The stage's key, e.g. QUALIFICATION, PROPOSAL, WON. */
  stage: z.string(),
  /** Win probability of the stage, 0-100. */
  probability: z.number().int().min(0).max(100),
  /** Calendar date (YYYY-MM-DD) in the business time zone. */
  expectedCloseDate: z.string().nullable(),
  sourceCampaignId: id.nullable(),
  leadId: id.nullable(),
};

export const opportunityCreated = defineEvent({
  type: 'crm.sales.opportunity.created.v1',
  topic: OPPORTUNITY_TOPIC,
  producer: 'sales',
  description: 'A sales opportunity was opened for a customer (from a lead when leadId is set).',
  schema: z.object({ ...opportunityFacts, createdAt: dateTime }),
  key: (d) => d.customerId,
  subject: (d) => d.opportunityId,
});

export const opportunityStageChanged = defineEvent({
  type: 'crm.sales.opportunity.stage_changed.v1',
  topic: OPPORTUNITY_TOPIC,
  producer: 'sales',
  description:
    'An opportunity moved from one stage to another (also published when it is won or lost).',
  schema: z.object({
    ...opportunityFacts,
    fromStage: z.string(),
    changedBy: id.nullable(),
    changedAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.opportunityId,
});

export const opportunityLost = defineEvent({
  type: 'crm.sales.opportunity.lost.v1',
  topic: OPPORTUNITY_TOPIC,
  producer: 'sales',
  description: 'An opportunity was lost, with the reason the rep gave.',
  schema: z.object({
    ...opportunityFacts,
    reason: z.string(),
    /** The feature the customer missed, in their words, when the deal was lost for one. */
    missingFeature: z.string().nullish(),
    lostAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.opportunityId,
});

const ACTIVITY_TOPIC = 'crm.sales.activity.v1';

export const activityKinds = ['CALL', 'VISIT', 'MEETING', 'EMAIL', 'WECHAT', 'NOTE'] as const;

export const activityLogged = defineEvent({
  type: 'crm.sales.activity.logged.v1',
  topic: ACTIVITY_TOPIC,
  producer: 'sales',
  description:
    'A rep logged a follow-up (call, visit, meeting, email, WeChat, note) on a customer.',
  schema: z.object({
    activityId: id,
    customerId: id,
    kind: z.enum(activityKinds),
    opportunityId: id.nullable(),
    leadId: id.nullable(),
    ownerId: id,
    occurredAt: dateTime,
    nextFollowUpAt: dateTime.nullable(),
  }),
  key: (d) => d.customerId,
  subject: (d) => d.activityId,
});

export const followUpMissed = defineEvent({
  type: 'crm.sales.followup.missed.v1',
  topic: ACTIVITY_TOPIC,
  producer: 'sales',
  description:
    'The next follow-up planned on a customer passed with no activity logged: the customer is waiting.',
  schema: z.object({
    customerId: id,
    ownerId: id.nullable(),
    teamId: id.nullable(),
    /** The activity that planned the follow-up. */
    activityId: id,
    dueAt: dateTime,
    detectedAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.customerId,
});

const TASK_TOPIC = 'crm.sales.task.v1';

const taskFacts = {
  taskId: id,
  customerId: id.nullable(),
  title: z.string(),
  assigneeId: id,
  teamId: id.nullable(),
  dueAt: dateTime,
};

export const taskReminderDue = defineEvent({
  type: 'crm.sales.task.reminder_due.v1',
  topic: TASK_TOPIC,
  producer: 'sales',
  description: 'A task reached its reminder time (the chosen interval before it is due).',
  schema: z.object({ ...taskFacts, remindAt: dateTime }),
  key: (d) => d.customerId ?? d.taskId,
  subject: (d) => d.taskId,
});

export const taskOverdue = defineEvent({
  type: 'crm.sales.task.overdue.v1',
  topic: TASK_TOPIC,
  producer: 'sales',
  description: 'A task passed its due time while still open.',
  schema: z.object({ ...taskFacts, detectedAt: dateTime }),
  key: (d) => d.customerId ?? d.taskId,
  subject: (d) => d.taskId,
});

const QUOTE_TOPIC = 'crm.sales.quote.v1';

const quoteFacts = {
  quoteId: id,
  customerId: id,
  opportunityId: id.nullable(),
  ownerId: id,
  teamId: id.nullable(),
  total: money,
  /** Overall discount against list prices, percent with two decimals, e.g. "18.50". */
  discountPercent: z.string(),
};

export const quoteSubmitted = defineEvent({
  type: 'crm.sales.quote.submitted.v1',
  topic: QUOTE_TOPIC,
  producer: 'sales',
  description:
    "A quote above the approval thresholds was submitted for a sales manager's approval.",
  schema: z.object({ ...quoteFacts, submittedBy: id, submittedAt: dateTime }),
  key: (d) => d.customerId,
  subject: (d) => d.quoteId,
});

export const quoteApproved = defineEvent({
  type: 'crm.sales.quote.approved.v1',
  topic: QUOTE_TOPIC,
  producer: 'sales',
  description:
    'A quote was approved (by a manager, or automatically when within the thresholds); it is now immutable.',
  schema: z.object({
    ...quoteFacts,
    approvedBy: id.nullable(),
    automatic: z.boolean(),
    approvedAt: dateTime,
  }),
  key: (d) => d.customerId,
  subject: (d) => d.quoteId,
});

export const quoteRejected = defineEvent({
  type: 'crm.sales.quote.rejected.v1',
  topic: QUOTE_TOPIC,
  producer: 'sales',
  description: 'A manager rejected a submitted quote with a comment; the rep may revise it.',
  schema: z.object({ ...quoteFacts, rejectedBy: id, comment: z.string(), rejectedAt: dateTime }),
  key: (d) => d.customerId,
  subject: (d) => d.quoteId,
});

export const salesPipelineEvents = [
  opportunityCreated,
  opportunityStageChanged,
  opportunityLost,
  activityLogged,
  followUpMissed,
  taskReminderDue,
  taskOverdue,
  quoteSubmitted,
  quoteApproved,
  quoteRejected,
];
