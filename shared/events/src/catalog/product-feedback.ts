import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

export const feedbackKinds = ['BUG', 'FEATURE_REQUEST', 'PRAISE', 'OTHER'] as const;
export const feedbackSources = ['SALES', 'SERVICE', 'SURVEY', 'OTHER'] as const;
export const feedbackStatuses = ['NEW', 'TRIAGED', 'PLANNED', 'DONE', 'DECLINED'] as const;
/** Where an item was heard: a ticket, a lost deal, a campaign, or recorded directly. */
export const feedbackOrigins = ['TICKET', 'OPPORTUNITY', 'CAMPAIGN', 'MANUAL'] as const;

/** A feedback item's state after the change (no body: it may hold personal data). */
export const feedbackSnapshot = z.object({
  feedbackId: id,
  customerId: id,
  kind: z.enum(feedbackKinds),
  title: z.string(),
  source: z.enum(feedbackSources),
  status: z.enum(feedbackStatuses),
  /** Where it was heard; `originId` is that ticket, opportunity or campaign (null for MANUAL). */
  origin: z.enum(feedbackOrigins).optional(),
  originId: id.nullish(),
  createdBy: id,
  recordedAt: dateTime,
  /** Increases by one with every change; consumers keep the highest they have seen. */
  version: z.number().int().positive(),
  occurredAt: dateTime,
});

const FEEDBACK_TOPIC = 'crm.product-feedback.feedback.v1';

export const feedbackRecorded = defineEvent({
  type: 'crm.product-feedback.feedback.recorded.v1',
  topic: FEEDBACK_TOPIC,
  producer: 'product-feedback',
  description: 'Feedback from a customer (bug, feature request, praise) was recorded.',
  schema: feedbackSnapshot,
  key: (d) => d.customerId,
  subject: (d) => d.feedbackId,
});

export const feedbackStatusChanged = defineEvent({
  type: 'crm.product-feedback.feedback.status_changed.v1',
  topic: FEEDBACK_TOPIC,
  producer: 'product-feedback',
  description:
    'Product moved a feedback item (triaged, planned, done, declined); `previousStatus` is where it came from.',
  schema: feedbackSnapshot.extend({ previousStatus: z.enum(feedbackStatuses) }),
  key: (d) => d.customerId,
  subject: (d) => d.feedbackId,
});

export const ideaImportances = ['NICE_TO_HAVE', 'IMPORTANT', 'CRITICAL'] as const;

export const ideaShipped = defineEvent({
  type: 'crm.product-feedback.idea.shipped.v1',
  topic: 'crm.product-feedback.idea.v1',
  producer: 'product-feedback',
  description:
    'Product shipped an idea: every customer who asked for it (linked feedback or a vote) is listed once, so that their owners, tickets and segments can hear about it.',
  schema: z.object({
    ideaId: id,
    title: z.string(),
    /** Product's note on what shipped (the status reason), if any. */
    note: z.string().nullable(),
    shippedBy: id,
    shippedAt: dateTime,
    requesters: z.array(
      z.object({
        customerId: id,
        /** The customer's vote, null when they only gave feedback. */
        importance: z.enum(ideaImportances).nullable(),
        /** Their feedback items linked to the idea. */
        feedbackIds: z.array(id),
        /** The tickets those feedback items were captured from (customer service replies there). */
        ticketIds: z.array(id).optional(),
      }),
    ),
    version: z.number().int().positive(),
  }),
  key: (d) => d.ideaId,
  subject: (d) => d.ideaId,
});

export const productFeedbackEvents = [feedbackRecorded, feedbackStatusChanged, ideaShipped];
