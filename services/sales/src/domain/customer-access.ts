import { scopeOf, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findCustomer, type Customer } from '../db/customers';
import { allowed } from './visibility';

/**
 * The customer `id`, locked for the transaction, if the viewer may change it: NOT_FOUND when it
 * does not exist, is out of sight or was merged away; FORBIDDEN when they may only read it
 * (a rep reads the public pool but must claim a customer before changing it).
 */
export async function writableCustomer(
  tx: Tx,
  viewer: Viewer,
  id: string,
  field = 'id',
): Promise<Customer> {
  const customer = await findCustomer(tx, id, true);
  if (!customer || !allowed(viewer, 'customers.read', customer)) {
    throw new UserErrors([
      userError(field, 'NOT_FOUND', `${field}: no customer ${id} that you can see`),
    ]);
  }
  if (customer.status === 'MERGED') {
    throw new UserErrors([
      userError(
        field,
        'NOT_FOUND',
        `${field}: customer ${id} was merged into ${customer.mergedIntoId}`,
      ),
    ]);
  }
  if (
    !allowed(viewer, 'customers.write', customer) ||
    (customer.ownerId === null && scopeOf(viewer, 'customers.write') === 'own')
  ) {
    throw new UserErrors([
      userError(
        field,
        'FORBIDDEN',
        `${field}: you can only change customers you own or back up (claim a pool customer first)`,
      ),
    ]);
  }
  return customer;
}
