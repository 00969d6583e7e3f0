import { newId } from '@crm/database';
import { customerCreated, type EventData } from '@crm/events';
import type { DataSource } from 'typeorm';
import { produceEvent } from './events';
import { eventually } from './eventually';
import { unique } from './factories';

export type CustomerSnapshot = EventData<typeof customerCreated>;

/** A customer as sales publishes it on creation (customer.created), with fresh id and name. */
export function aCustomerSnapshot(overrides: Partial<CustomerSnapshot> = {}): CustomerSnapshot {
  return {
    customerId: newId(),
    kind: 'COMPANY',
    name: unique('Customer'),
    industry: null,
    region: null,
    tier: 'B',
    lifecycleStage: 'CUSTOMER',
    ownerId: null,
    backupOwnerId: null,
    teamId: null,
    phoneKey: null,
    emailKey: null,
    tags: [],
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * Publishes customers as sales would and waits until the service's customer replica (the
 * `customer_replica` table of @crm/customer-replica) has them all; returns their ids.
 */
export async function knownCustomers(
  dataSource: DataSource,
  ...customers: CustomerSnapshot[]
): Promise<string[]> {
  for (const c of customers) produceEvent(customerCreated, c);
  const ids = customers.map((c) => c.customerId);
  await eventually(async () => {
    const [{ n }] = (await dataSource.query(
      'SELECT count(*)::int AS n FROM customer_replica WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { n: number }[];
    if (n !== ids.length)
      throw new Error(`the replica has ${n} of ${ids.length} customers published`);
  });
  return ids;
}
