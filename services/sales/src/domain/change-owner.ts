import { recordAudit, type Tx } from '@crm/database';
import {
  customerOwnerChanged,
  customerUpdated,
  publishEvent,
  type ownershipChangeReasons,
} from '@crm/events';
import { saveCustomer, type Customer } from '../db/customers';
import { recordRelease } from '../db/pool';
import { auditView, changedFields, customerSnapshot } from './customer-events';
import { ownershipSteps } from './ownership-steps';

export type OwnershipReason = (typeof ownershipChangeReasons)[number];

export interface NewOwnership {
  /** Null: the public pool. */
  ownerId: string | null;
  teamId: string | null;
  /** Undefined keeps each customer's backup owner; null clears it. */
  backupOwnerId?: string | null;
}

/**
 * Gives locked customers to a new owner (or the pool) in the caller's transaction: each one
 * gets a new version, an audit record, customer.updated and customer.owner_changed; someone
 * who lets a customer go to the pool starts a cooling-off; then the ownership steps run once
 * per previous owner (open work follows the customer). Customers already there are skipped.
 */
export async function changeOwner(
  tx: Tx,
  customers: Customer[],
  to: NewOwnership,
  reason: OwnershipReason,
  actorId: string | null,
  note?: string | null,
): Promise<Customer[]> {
  const changed: Customer[] = [];
  const byPreviousOwner = new Map<string | null, string[]>();
  for (const before of customers) {
    const backupOwnerId = to.backupOwnerId === undefined ? before.backupOwnerId : to.backupOwnerId;
    const next: Customer = {
      ...before,
      ownerId: to.ownerId,
      teamId: to.ownerId ? to.teamId : before.teamId,
      // nobody backs up their own customer; the pool has no backup
      backupOwnerId: to.ownerId && backupOwnerId !== to.ownerId ? backupOwnerId : null,
      ownerSince: to.ownerId
        ? before.ownerId === to.ownerId
          ? before.ownerSince
          : new Date()
        : null,
    };
    const fields = changedFields(before, next);
    if (!fields.length) {
      changed.push(before);
      continue;
    }
    const after = await saveCustomer(tx, next);
    await recordAudit(tx, {
      actorId,
      action: 'customer.owner_change',
      entityType: 'Customer',
      entityId: after.id,
      before: auditView(before),
      after: { ...auditView(after), reason, ...(note ? { note } : {}) },
    });
    await publishEvent(
      tx,
      customerUpdated,
      { ...customerSnapshot(after), changedFields: fields },
      { actorId },
    );
    if (before.ownerId !== after.ownerId) {
      await publishEvent(
        tx,
        customerOwnerChanged,
        {
          customerId: after.id,
          previousOwnerId: before.ownerId,
          ownerId: after.ownerId,
          backupOwnerId: after.backupOwnerId,
          teamId: after.teamId,
          reason,
          changedBy: actorId,
          version: after.version,
          changedAt: new Date().toISOString(),
        },
        { actorId },
      );
      if (!after.ownerId && before.ownerId)
        await recordRelease(tx, after.id, before.ownerId, reason);
      const ids = byPreviousOwner.get(before.ownerId) ?? [];
      ids.push(after.id);
      byPreviousOwner.set(before.ownerId, ids);
    }
    changed.push(after);
  }
  for (const [fromOwnerId, customerIds] of byPreviousOwner) {
    for (const step of ownershipSteps)
      await step(tx, { customerIds, fromOwnerId, toOwnerId: to.ownerId, actorId });
  }
  return changed;
}
