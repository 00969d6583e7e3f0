import type { Viewer } from '@crm/auth';
import { parseInput, transactionally, userError, UserErrors, type Result } from '@crm/subgraph';
import { ideaShipped, publishEvent } from '@crm/events';
import type { DataSource } from 'typeorm';
import { insertChangelogEntry } from '../db/changelog';
import { requestersOf } from '../db/idea-requesters';
import { saveIdeaStatus, type Idea } from '../db/ideas';
import { auditIdea, ideaAuditView } from './idea-audit';
import { changeIdeaStatusInput } from './idea-inputs';
import { requireIdea } from './idea-lookup';
import { ideaRefusal, REASON_REQUIRED } from './idea-rules';
import { requireProduct } from './product-access';

/**
 * Product moves an idea along (with a reason for staff); a move the rules refuse changes nothing.
 * Shipping publishes idea.shipped with every requesting customer, in the same transaction.
 */
export async function changeIdeaStatus(
  dataSource: DataSource,
  viewer: Viewer,
  raw: unknown,
): Promise<Result<Idea>> {
  requireProduct(viewer);
  const parsed = parseInput(changeIdeaStatusInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const reason = input.reason ?? null;
  if (REASON_REQUIRED.includes(input.status) && !reason) {
    return {
      ok: false,
      errors: [userError('reason', 'REQUIRED', `reason: is required for ${input.status}`)],
    };
  }
  return transactionally(dataSource, async (tx) => {
    const before = await requireIdea(tx, 'ideaId', input.ideaId);
    const refusal = ideaRefusal(before.status, input.status);
    if (refusal) throw new UserErrors([userError('status', 'INVALID_TRANSITION', refusal)]);
    const idea = await saveIdeaStatus(tx, before.id, { status: input.status, reason });
    await auditIdea(tx, viewer.id, 'idea.change_status', {
      ideaId: idea.id,
      before: ideaAuditView(before),
      after: ideaAuditView(idea),
    });
    if (idea.status === 'SHIPPED') {
      const data = {
        ideaId: idea.id,
        title: idea.title,
        note: idea.statusReason,
        shippedBy: viewer.id,
        shippedAt: idea.updatedAt.toISOString(),
        requesters: await requestersOf(tx, idea.id),
        version: idea.version,
      };
      await publishEvent(tx, ideaShipped, data, { actorId: viewer.id });
      await insertChangelogEntry(tx, {
        ideaId: idea.id,
        title: idea.title,
        note: idea.statusReason,
        shippedBy: viewer.id,
        shippedAt: idea.updatedAt,
        requesterCount: data.requesters.length,
      });
    }
    return idea;
  });
}
