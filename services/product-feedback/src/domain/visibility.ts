import { reaches, scopeOf, type Permission, type Viewer } from '@crm/auth';
import type { CustomerReplica } from '@crm/customer-replica';

/**
 * Whether the viewer's scope for `permission` reaches a customer, judged on the replica. A
 * customer missing from the replica is only reached by the `all` scope.
 */
export function reachesCustomer(
  viewer: Viewer,
  permission: Permission,
  customer: CustomerReplica | null,
): boolean {
  const scope = scopeOf(viewer, permission);
  if (scope === 'all') return true;
  return customer !== null && reaches(viewer, scope, customer);
}
