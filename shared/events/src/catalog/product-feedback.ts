import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

export const feedbackKinds = ['BUG', 'FEATURE_REQUEST', 'PRAISE', 'OTHER'] as const;
export const feedbackSources = ['SALES', 'SERVICE', 'SURVEY', 'OTHER'] as const;
export const feedbackStatuses = ['NEW', 'TRIAGED', 'PLANNED', 'DONE', 'DECLINED'] as const;

/** A feedback item's state after the change (no body: it may hold personal data). */
export const feedbackSnapshot = z.object({
  feedbackId: id,
  customerId: id,
  kind: z.enum(feedbackKinds),
  title: z.string(),
  source: z.enum(feedbackSources),
  status: z.enum(feedbackStatuses),
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

export const productFeedbackEvents = [feedbackRecorded, feedbackStatusChanged];
