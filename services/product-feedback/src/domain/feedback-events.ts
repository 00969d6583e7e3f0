import type { EventData, feedbackRecorded } from '@crm/events';
import type { FeedbackItem } from '../db/feedback-items';

/** The item as its events carry it (the state after the change). */
export function feedbackSnapshot(f: FeedbackItem): EventData<typeof feedbackRecorded> {
  return {
    feedbackId: f.id,
    customerId: f.customerId,
    kind: f.kind,
    title: f.title,
    source: f.source,
    status: f.status,
    origin: f.origin,
    originId: f.originId,
    createdBy: f.createdBy,
    recordedAt: f.createdAt.toISOString(),
    version: f.version,
    occurredAt: new Date().toISOString(),
  };
}

/** What the audit log keeps of an item. */
export function auditView(f: FeedbackItem) {
  const { createdAt: _c, updatedAt: _u, ...rest } = f;
  return rest;
}
