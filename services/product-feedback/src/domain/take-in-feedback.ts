import { recordAudit, type Tx } from '@crm/database';
import { feedbackRecorded, publishEvent } from '@crm/events';
import { insertCapturedFeedbackItem, type NewFeedbackItem } from '../db/feedback-items';
import { auditView, feedbackSnapshot } from './feedback-events';

/**
 * Records feedback another department captured (a flagged ticket, a deal lost for a missing
 * feature), like `recordFeedback` does for a person: audited with whoever captured it and
 * announced. An item already taken in (the same id, or the same lost deal) is left as it is.
 */
export async function takeInFeedback(tx: Tx, item: NewFeedbackItem): Promise<void> {
  const inserted = await insertCapturedFeedbackItem(tx, item);
  if (!inserted) return;
  await recordAudit(tx, {
    actorId: item.createdBy,
    action: 'feedback.capture',
    entityType: 'FeedbackItem',
    entityId: inserted.id,
    after: auditView(inserted),
  });
  await publishEvent(tx, feedbackRecorded, feedbackSnapshot(inserted), {
    actorId: item.createdBy,
  });
}
