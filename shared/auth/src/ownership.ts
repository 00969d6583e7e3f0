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
