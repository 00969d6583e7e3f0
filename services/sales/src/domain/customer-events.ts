import { customerCreated, type EventData } from '@crm/events';
import type { Customer } from '../db/customers';

export function customerSnapshot(c: Customer): EventData<typeof customerCreated> {
  return {
    customerId: c.id,
    kind: c.kind,
    name: c.name,
    industry: c.industry,
    region: c.region,
    tier: c.tier,
    lifecycleStage: c.lifecycleStage,
    ownerId: c.ownerId,
    backupOwnerId: c.backupOwnerId,
    teamId: c.teamId,
    phoneKey: c.phoneKey,
    emailKey: c.emailKey,
    tags: c.tags,
    version: c.version,
    occurredAt: new Date().toISOString(),
  };
}

/** Fields that differ between two states of a customer (the event's `changedFields`). */
export function changedFields(before: Customer, after: Customer): string[] {
  const fields = [
    'kind',
    'name',
    'industry',
    'region',
    'tier',
    'lifecycleStage',
    'tags',
    'phone',
    'email',
    'address',
    'ownerId',
    'backupOwnerId',
    'teamId',
  ] as const;
  return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** What the audit log keeps of a customer. */
export function auditView(c: Customer) {
  const { createdAt: _c, updatedAt: _u, phoneKey: _p, emailKey: _e, ...rest } = c;
  return rest;
}
