import {
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
  switch (scope) {
    case 'all':
      return;
    case 'team':
      where.add(
        '(c.team_id = ANY(?::uuid[]) OR c.owner_id IS NULL OR c.owner_id = ? OR c.backup_owner_id = ?)',
        viewer.managedTeamIds,
        viewer.id,
        viewer.id,
      );
      return;
    case 'own':
      where.add(
        '(c.owner_id IS NULL OR c.owner_id = ? OR c.backup_owner_id = ?)',
        viewer.id,
        viewer.id,
      );
      return;
    case 'none':
      where.add('false');
  }
}
