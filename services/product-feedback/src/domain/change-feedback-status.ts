import { can, type Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { feedbackStatusChanged, publishEvent } from '@crm/events';
import {
  forbidden,
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { lockFeedbackItem, saveFeedbackStatus, type FeedbackItem } from '../db/feedback-items';
import { auditView, feedbackSnapshot } from './feedback-events';
import { changeFeedbackStatusInput, type ChangeFeedbackStatusInput } from './feedback-inputs';
import { canMoveFeedback, feedbackRefusal } from './feedback-rules';

/** Product's triage decision on an item; a move the triage does not allow is INVALID_TRANSITION. */
export async function changeFeedbackStatus(
  dataSource: DataSource,
  viewer: Viewer,
  raw: ChangeFeedbackStatusInput,
): Promise<Result<FeedbackItem>> {
  if (!can(viewer, 'feedback.triage')) throw forbidden('only product can triage feedback');
  const parsed = parseInput(changeFeedbackStatusInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await lockFeedbackItem(tx, input.feedbackId);
    if (!before) {
      throw new UserErrors([
        userError('feedbackId', 'NOT_FOUND', `feedbackId: no feedback item ${input.feedbackId}`),
      ]);
    }
    if (!canMoveFeedback(before.status, input.status)) {
      throw new UserErrors([
        userError('status', 'INVALID_TRANSITION', feedbackRefusal(before.status, input.status)),
      ]);
    }
    const item = await saveFeedbackStatus(tx, before.id, input.status);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'feedback.change_status',
      entityType: 'FeedbackItem',
      entityId: item.id,
      before: auditView(before),
      after: auditView(item),
    });
    await publishEvent(
      tx,
      feedbackStatusChanged,
      { ...feedbackSnapshot(item), previousStatus: before.status },
      { actorId: viewer.id },
    );
    return item;
  });
}
