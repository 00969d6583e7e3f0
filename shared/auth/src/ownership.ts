import type { Scope } from './permissions';
import type { Viewer } from './viewer';

/** Who a customer belongs to: what decides whether someone may see or change it. */
export interface Ownership {
  ownerId: string | null;
  backupOwnerId: string | null;
  teamId: string | null;
}

/**
 * The reach of a scope over customers: `own` is what a rep owns or backs up plus the unowned
 * public pool; `team` adds the customers of the teams the viewer manages; `all` is everything.
 * Sales applies it to its records, other departments to their customer replicas.
 */
export function reaches(viewer: Viewer, scope: Scope, customer: Ownership): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'team':
      if (customer.teamId && viewer.managedTeamIds.includes(customer.teamId)) return true;
      return reaches(viewer, 'own', customer);
    case 'own':
      return (
        customer.ownerId === null ||
        customer.ownerId === viewer.id ||
        customer.backupOwnerId === viewer.id
      );
    case 'none':
      return false;
  }
}

/**
 * `reaches` as a SQL condition over a table (or alias) with owner_id, backup_owner_id and
 * team_id columns, with `?` placeholders and their values; null when the scope reaches all.
 */
export function ownershipCondition(
  viewer: Viewer,
  scope: Scope,
  alias: string,
): { sql: string; values: unknown[] } | null {
  const own = `${alias}.owner_id IS NULL OR ${alias}.owner_id = ? OR ${alias}.backup_owner_id = ?`;
  switch (scope) {
    case 'all':
      return null;
    case 'team':
      return {
        sql: `(${alias}.team_id = ANY(?::uuid[]) OR ${own})`,
        values: [viewer.managedTeamIds, viewer.id, viewer.id],
      };
    case 'own':
      return { sql: `(${own})`, values: [viewer.id, viewer.id] };
    case 'none':
      return { sql: 'false', values: [] };
  }
}
