import { scopeOf, type Permission, type Scope, type Viewer } from '@crm/auth';
import type { Where } from '@crm/database';

/** Who a pipeline record (opportunity, quote, task, lead) belongs to. */
export interface Assigned {
  ownerId: string | null;
  teamId: string | null;
}

/**
 * The reach of a scope over records that belong to one person: `own` is the viewer's records,
 * `team` adds those of the teams the viewer manages, `all` everything. Unlike customers there
 * is no public pool here: a record without an owner is only reached by `team` or `all`.
 */
export function reachesAssigned(viewer: Viewer, scope: Scope, record: Assigned): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'team':
      return (
        record.ownerId === viewer.id ||
        (record.teamId !== null && viewer.managedTeamIds.includes(record.teamId))
      );
    case 'own':
      return record.ownerId === viewer.id;
    case 'none':
      return false;
  }
}

export function mayReach(viewer: Viewer, permission: Permission, record: Assigned): boolean {
  return reachesAssigned(viewer, scopeOf(viewer, permission), record);
}

/** The same rule as `reachesAssigned`, as SQL on the given owner and team columns. */
export function restrictAssigned(
  where: Where,
  viewer: Viewer,
  scope: Scope,
  columns: { owner: string; team: string },
): void {
  switch (scope) {
    case 'all':
      return;
    case 'team':
      where.add(
        `(${columns.owner} = ? OR ${columns.team} = ANY(?::uuid[]))`,
        viewer.id,
        viewer.managedTeamIds,
      );
      return;
    case 'own':
      where.add(`${columns.owner} = ?`, viewer.id);
      return;
    case 'none':
      where.add('false');
  }
}
