import type { Viewer } from '@crm/auth';
import { inTransaction, recordAudit, rows } from '@crm/database';
import { customerRepublished, publishEvent } from '@crm/events';
import { forbidden } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { COLUMNS, toCustomer, type CustomerRow } from '../db/customers';
import { customerSnapshot } from './customer-events';

const BATCH = 500;
const ALLOWED = ['ADMIN', 'INTEGRATION'];

/**
 * The backfill a late department asks for: every customer's state goes to the outbox again, in
 * id order, one transaction per batch (a crash part-way leaves whole batches, and running it
 * again is harmless). Answers how many customers were published.
 */
export async function republishCustomers(dataSource: DataSource, viewer: Viewer): Promise<number> {
  if (!viewer.roles.some((r) => ALLOWED.includes(r)))
    throw forbidden('only admins and integrations republish customers');
  let after = '00000000-0000-0000-0000-000000000000';
  let published = 0;
  for (;;) {
    const batch = await inTransaction(dataSource, async (tx) => {
      const found = await rows<CustomerRow>(
        tx,
        `SELECT ${COLUMNS} FROM customers c WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
        [after, BATCH],
      );
      for (const customer of found.map(toCustomer))
        await publishEvent(
          tx,
          customerRepublished,
          { ...customerSnapshot(customer), mergedInto: customer.mergedIntoId },
          { actorId: viewer.id },
        );
      return found;
    });
    published += batch.length;
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].id;
  }
  await inTransaction(dataSource, (tx) =>
    recordAudit(tx, {
      actorId: viewer.id,
      action: 'customers.republished',
      entityType: 'Customer',
      entityId: 'all',
      after: { published },
    }),
  );
  return published;
}
