import { hasRole, reaches, scopeOf, type Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import { customerCreated, publishEvent } from '@crm/events';
import {
  forbidden,
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { insertCustomer, type Customer } from '../db/customers';
import { findDirectoryEmployee } from '../db/directory';
import { auditView, customerSnapshot } from './customer-events';
import { createCustomerInput } from './customer-inputs';
import { assertNoDuplicates, customerKeys } from './duplicates';
import { companyNameKey } from './name-key';

/** The owner a new customer gets and that owner's team, checked against the creator's scope. */
async function resolveOwner(
  tx: Tx,
  viewer: Viewer,
  requested: string | null | undefined,
): Promise<{ ownerId: string | null; teamId: string | null }> {
  const scope = scopeOf(viewer, 'customers.write');
  const ownerId =
    requested === undefined
      ? hasRole(viewer, 'SALES_REP', 'SALES_MANAGER')
        ? viewer.id
        : null
      : requested;
  if (!ownerId) return { ownerId: null, teamId: null };
  if (ownerId === viewer.id) {
    const me = await findDirectoryEmployee(tx, viewer.id);
    return { ownerId, teamId: me?.teamId ?? viewer.teamId };
  }
  const owner = await findDirectoryEmployee(tx, ownerId);
  if (!owner || !owner.active)
    throw new UserErrors([
      userError('ownerId', 'NOT_FOUND', `ownerId: no active employee ${ownerId}`),
    ]);
  if (!reaches(viewer, scope, { ownerId, backupOwnerId: null, teamId: owner.teamId })) {
    throw new UserErrors([
      userError(
        'ownerId',
        'FORBIDDEN',
        'ownerId: you can only assign customers within your own scope',
      ),
    ]);
  }
  return { ownerId, teamId: owner.teamId };
}

export async function createCustomer(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof createCustomerInput>,
): Promise<Result<Customer>> {
  if (scopeOf(viewer, 'customers.write') === 'none')
    throw forbidden('your roles cannot create customers');
  const parsed = parseInput(createCustomerInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const { ownerId, teamId } = await resolveOwner(tx, viewer, input.ownerId);
    const nameKey = companyNameKey(input.name);
    const keys = customerKeys({
      kind: input.kind,
      nameKey,
      phoneKey: input.phone?.e164 ?? null,
      emailKey: input.email ?? null,
    });
    await assertNoDuplicates(tx, viewer, keys, { phone: 'phone', email: 'email', name: 'name' });
    const customer = await insertCustomer(tx, {
      id: newId(),
      kind: input.kind,
      name: input.name,
      industry: input.industry ?? null,
      region: input.region ?? null,
      tier: input.tier ?? null,
      lifecycleStage: input.lifecycleStage,
      tags: [...new Set(input.tags)],
      phone: input.phone?.display ?? null,
      phoneKey: input.phone?.e164 ?? null,
      email: input.email ?? null,
      emailKey: input.email ?? null,
      address: input.address ?? null,
      ownerId,
      backupOwnerId: null,
      teamId,
      createdBy: viewer.id,
      nameKey,
      ownerSince: ownerId ? new Date() : null,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'customer.create',
      entityType: 'Customer',
      entityId: customer.id,
      after: auditView(customer),
    });
    await publishEvent(tx, customerCreated, customerSnapshot(customer), { actorId: viewer.id });
    return customer;
  });
}
