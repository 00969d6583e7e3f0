import { can, type Viewer } from '@crm/auth';
import { requireVisibleCustomer } from '@crm/customer-replica';
import { newId, recordAudit } from '@crm/database';
import { feedbackRecorded, publishEvent } from '@crm/events';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { insertFeedbackItem, type FeedbackItem } from '../db/feedback-items';
import { auditView, feedbackSnapshot } from './feedback-events';
import { recordFeedbackInput, type RecordFeedbackInput } from './feedback-inputs';
import { defaultSource } from './feedback-rules';

/** Records what a customer told us; the customer must be known and within the recorder's scope. */
export async function recordFeedback(
  dataSource: DataSource,
  viewer: Viewer,
  raw: RecordFeedbackInput,
): Promise<Result<FeedbackItem>> {
  if (!can(viewer, 'feedback.write')) throw forbidden('your roles cannot record feedback');
  const parsed = parseInput(recordFeedbackInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const customer = await requireVisibleCustomer(tx, viewer, 'feedback.write', input.customerId);
    const item = await insertFeedbackItem(tx, {
      id: newId(),
      customerId: customer.id,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      source: input.source ?? defaultSource(viewer.roles),
      origin: input.campaignId ? 'CAMPAIGN' : 'MANUAL',
      originId: input.campaignId ?? null,
      createdBy: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'feedback.record',
      entityType: 'FeedbackItem',
      entityId: item.id,
      after: auditView(item),
    });
    await publishEvent(tx, feedbackRecorded, feedbackSnapshot(item), { actorId: viewer.id });
    return item;
  });
}
