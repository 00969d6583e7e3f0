import {
  ownershipCondition,
  reaches,
  scopeOf,
  type Ownership,
  type Permission,
  type Scope,
  type Viewer,
} from '@crm/auth';
import type { Tx, Where } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findCustomerReplicas, type CustomerReplica } from './replica';

/**
 * Whether the viewer's scope for `permission` reaches a customer, judged on the replica. A
 * customer missing from the replica (null) is only reached by the `all` scope.
 */
export function reachesCustomer(
  viewer: Viewer,
  permission: Permission,
  customer: Ownership | null,
): boolean {
  const scope = scopeOf(viewer, permission);
  if (scope === 'all') return true;
  return customer !== null && reaches(viewer, scope, customer);
}

/**
 * `reaches` from @crm/auth as SQL over the customer replica LEFT JOINed as `alias`: a record
 * whose customer is not in the replica is only visible with the `all` scope.
 */
export function restrictToReplicaScope(
  where: Where,
  viewer: Viewer,
  scope: Scope,
  alias = 'r',
): void {
  const condition = ownershipCondition(viewer, scope, alias);
  if (!condition) return;
  // a record whose customer is missing from the replica is reached by the `all` scope only
  where.add(
    scope === 'none' ? condition.sql : `${alias}.id IS NOT NULL AND ${condition.sql}`,
    ...condition.values,
  );
}

/**
 * A customer the viewer may work on under `permission`: known in the replica and within the
 * viewer's scope. Null otherwise (unknown and out of reach look the same to the caller).
 */
export async function findVisibleCustomer(
  tx: Tx,
  viewer: Viewer,
  permission: Permission,
  customerId: string,
): Promise<CustomerReplica | null> {
  const [customer] = await findCustomerReplicas(tx, [customerId]);
  return customer && reachesCustomer(viewer, permission, customer) ? customer : null;
}

/**
 * The customer a mutation's `input.customerId` names, or a NOT_FOUND user error on that field
 * (thrown inside `transactionally`, so nothing is written).
 */
export async function requireVisibleCustomer(
  tx: Tx,
  viewer: Viewer,
  permission: Permission,
  customerId: string,
): Promise<CustomerReplica> {
  const customer = await findVisibleCustomer(tx, viewer, permission, customerId);
  if (!customer) {
    throw new UserErrors([
      userError('customerId', 'NOT_FOUND', `customerId: no customer ${customerId}`),
    ]);
  }
  return customer;
}
