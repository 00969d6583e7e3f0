import { scopeOf, type Viewer } from '@crm/auth';
import { recordAudit } from '@crm/database';
import { customerUpdated, publishEvent } from '@crm/events';
import { forbidden, parseInput, transactionally, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { saveCustomer, type Customer } from '../db/customers';
import { auditView, changedFields, customerSnapshot } from './customer-events';
import { updateCustomerInput } from './customer-inputs';
import { assertNoDuplicates, customerKeys } from './duplicates';
import { companyNameKey } from './name-key';
import { writableCustomer } from './customer-access';

/** Changes the fields given (null clears an optional one); unchanged input changes nothing. */
export async function updateCustomer(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof updateCustomerInput>,
): Promise<Result<Customer>> {
  if (scopeOf(viewer, 'customers.write') === 'none')
    throw forbidden('your roles cannot change customers');
  const parsed = parseInput(updateCustomerInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await writableCustomer(tx, viewer, input.id);
    const pick = <K extends keyof Customer>(key: K, value: Customer[K] | undefined): Customer[K] =>
      value === undefined ? before[key] : value;
    const next: Customer = {
      ...before,
      kind: pick('kind', input.kind),
      name: pick('name', input.name),
      industry: pick('industry', input.industry),
      region: pick('region', input.region),
      tier: pick('tier', input.tier),
      lifecycleStage: pick('lifecycleStage', input.lifecycleStage),
      tags: input.tags ? [...new Set(input.tags)] : before.tags,
      phone: input.phone === undefined ? before.phone : (input.phone?.display ?? null),
      phoneKey: input.phone === undefined ? before.phoneKey : (input.phone?.e164 ?? null),
      email: pick('email', input.email),
      emailKey: pick('emailKey', input.email),
      address: pick('address', input.address),
    };
    next.nameKey = companyNameKey(next.name);
    const changed = changedFields(before, next);
    if (!changed.length) return before;
    // only what changed is checked: an old duplicate does not block editing other fields
    const keys = customerKeys(next);
    await assertNoDuplicates(
      tx,
      viewer,
      {
        phoneKeys: next.phoneKey !== before.phoneKey ? keys.phoneKeys : [],
        emailKeys: next.emailKey !== before.emailKey ? keys.emailKeys : [],
        nameKeys: next.nameKey !== before.nameKey || next.kind !== before.kind ? keys.nameKeys : [],
      },
      { phone: 'phone', email: 'email', name: 'name' },
      before.id,
    );
    const customer = await saveCustomer(tx, next);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'customer.update',
      entityType: 'Customer',
      entityId: customer.id,
      before: auditView(before),
      after: auditView(customer),
    });
    await publishEvent(
      tx,
      customerUpdated,
      { ...customerSnapshot(customer), changedFields: changed },
      { actorId: viewer.id },
    );
    return customer;
  });
}
