import { rows, type Tx } from '@crm/database';
import { COLUMNS, toCustomer, type Customer, type CustomerRow } from './customers';

/** The customers, locked for an ownership change, in id order (no deadlock between two bulk moves). */
export async function lockCustomers(tx: Tx, ids: readonly string[]): Promise<Customer[]> {
  const found = await rows<CustomerRow>(
    tx,
    `SELECT ${COLUMNS} FROM customers c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`,
    [ids],
  );
  return found.map(toCustomer);
}
