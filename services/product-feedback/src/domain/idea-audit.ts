import { recordAudit, type Tx } from '@crm/database';
import type { Idea } from '../db/ideas';

/** What the audit log keeps of an idea. */
export function ideaAuditView(i: Idea) {
  const { createdAt: _c, updatedAt: _u, ...rest } = i;
  return rest;
}

/** One audit record of a change to an idea (who, what, before and after). */
export function auditIdea(
  tx: Tx,
  actorId: string,
  action: string,
  change: { ideaId: string; before?: unknown; after?: unknown },
): Promise<void> {
  return recordAudit(tx, {
    actorId,
    action,
    entityType: 'Idea',
    entityId: change.ideaId,
    before: change.before,
    after: change.after,
  });
}
