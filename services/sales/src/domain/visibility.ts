import {
  ownershipCondition,
  reaches,
  scopeOf,
  type Ownership,
  type Permission,
  type Scope,
  type Viewer,
} from '@crm/auth';
import type { Where } from '@crm/database';

export function allowed(viewer: Viewer, permission: Permission, customer: Ownership): boolean {
  return reaches(viewer, scopeOf(viewer, permission), customer);
}

/** The same rule as `reaches`, as SQL on the customers table (alias `c`). */
export function restrictToScope(where: Where, viewer: Viewer, scope: Scope): void {
  const condition = ownershipCondition(viewer, scope, 'c');
  if (condition) where.add(condition.sql, ...condition.values);
}
