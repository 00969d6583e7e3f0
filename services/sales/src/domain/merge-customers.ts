import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { customerMerged, customerUpdated, publishEvent } from '@crm/events';
import { userError, UserErrors, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { contactKeysOf, insertContact } from '../db/contacts';
import { findCustomer, saveCustomer, type Customer } from '../db/customers';
import { contactHasKey, moveContacts, repointTombstones } from '../db/merge';
import { auditView, changedFields, customerSnapshot } from './customer-events';
import { mergeSteps } from './merge-steps';
import { allowed } from './visibility';
import { mutationUseCase } from './opportunities/use-case';

export const mergeCustomersInput = z
  .object({ targetId: z.uuid('is not a valid id'), sourceId: z.uuid('is not a valid id') })
  .refine((v) => v.targetId !== v.sourceId, {
    path: ['sourceId'],
    message: 'must differ from targetId (a customer cannot be merged into itself)',
  });

async function mergeable(tx: Tx, viewer: Viewer, id: string, field: string): Promise<Customer> {
  const customer = await findCustomer(tx, id, true);
  if (!customer || !allowed(viewer, 'customers.read', customer))
    throw new UserErrors([
      userError(field, 'NOT_FOUND', `${field}: no customer ${id} that you can see`),
    ]);
  if (customer.status === 'MERGED')
    throw new UserErrors([
      userError(
        field,
        'NOT_FOUND',
        `${field}: customer ${id} was already merged into ${customer.mergedIntoId}`,
      ),
    ]);
  if (!allowed(viewer, 'customers.merge', customer))
    throw new UserErrors([
      userError(
        field,
        'FORBIDDEN',
        `${field}: you can only merge customers of the teams you manage`,
      ),
    ]);
  return customer;
}

/**
 * The target after taking what it lacks from the source: empty fields filled, tags joined. The
 * source's phone or email that the target cannot hold becomes a contact, so nothing is lost.
 */
async function absorb(
  tx: Tx,
  viewer: Viewer,
  target: Customer,
  source: Customer,
): Promise<Customer> {
  const next: Customer = {
    ...target,
    industry: target.industry ?? source.industry,
    region: target.region ?? source.region,
    tier: target.tier ?? source.tier,
    address: target.address ?? source.address,
    tags: [...new Set([...target.tags, ...source.tags])],
    backupOwnerId:
      target.backupOwnerId ?? (source.ownerId !== target.ownerId ? source.ownerId : null),
  };
  if (!next.phoneKey && source.phoneKey)
    Object.assign(next, { phone: source.phone, phoneKey: source.phoneKey });
  if (!next.emailKey && source.emailKey)
    Object.assign(next, { email: source.email, emailKey: source.emailKey });
  const leftover = {
    phoneKey: source.phoneKey && source.phoneKey !== next.phoneKey ? source.phoneKey : null,
    emailKey: source.emailKey && source.emailKey !== next.emailKey ? source.emailKey : null,
  };
  if ((leftover.phoneKey || leftover.emailKey) && !(await contactHasKey(tx, target.id, leftover))) {
    await insertContact(tx, {
      id: newId(),
      customerId: target.id,
      name: source.name,
      title: null,
      phone: leftover.phoneKey ? source.phone : null,
      phoneKey: leftover.phoneKey,
      email: leftover.emailKey ? source.email : null,
      emailKey: leftover.emailKey,
      isPrimary: false,
      createdBy: viewer.id,
    });
  }
  if (next.backupOwnerId === next.ownerId) next.backupOwnerId = null;
  return next;
}

/** Merges the source customer into the target (see the schema's mergeCustomers). */
export async function mergeCustomers(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof mergeCustomersInput>,
): Promise<Result<{ customer: Customer; mergedCustomerId: string }>> {
  const guard = {
    permission: 'customers.merge',
    denied: 'only sales managers, executives and admins can merge customers',
  } as const;
  return mutationUseCase(dataSource, viewer, guard, mergeCustomersInput, raw, async (tx, input) => {
    const { targetId, sourceId } = input;
    // lock in id order so that two merges of the same pair cannot deadlock
    const locked = new Map<string, Customer>();
    for (const [id, field] of [
      [targetId, 'targetId'],
      [sourceId, 'sourceId'],
    ].sort((a, b) => a[0].localeCompare(b[0])))
      locked.set(id, await mergeable(tx, viewer, id, field));
    const target = locked.get(targetId)!;
    const source = locked.get(sourceId)!;
    const contacts = await moveContacts(tx, sourceId, targetId);
    const next = await absorb(tx, viewer, target, source);
    await repointTombstones(tx, sourceId, targetId);
    for (const step of mergeSteps) await step(tx, { sourceId, targetId, actorId: viewer.id });
    const survivor = await saveCustomer(tx, next);
    const tombstone = await saveCustomer(tx, {
      ...source,
      status: 'MERGED',
      mergedIntoId: targetId,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'customer.merge',
      entityType: 'Customer',
      entityId: targetId,
      before: auditView(target),
      after: { ...auditView(survivor), mergedFrom: sourceId, contacts },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'customer.merged_away',
      entityType: 'Customer',
      entityId: sourceId,
      before: auditView(source),
      after: auditView(tombstone),
    });
    const snapshot = { ...customerSnapshot(survivor), ...(await contactKeysOf(tx, targetId)) };
    await publishEvent(
      tx,
      customerUpdated,
      { ...snapshot, changedFields: [...changedFields(target, survivor), 'contacts'] },
      { actorId: viewer.id },
    );
    await publishEvent(
      tx,
      customerMerged,
      {
        sourceId,
        targetId,
        target: snapshot,
        mergedBy: viewer.id,
        mergedAt: new Date().toISOString(),
      },
      { actorId: viewer.id },
    );
    return { customer: survivor, mergedCustomerId: sourceId };
  });
}
