import type { Scope, Viewer } from '@crm/auth';
import type { Where } from '@crm/database';

/**
 * `reaches` from @crm/auth as SQL over the customer replica joined as `r` (LEFT JOIN): a record
 * whose customer is not in the replica is only visible with the `all` scope.
 */
export function restrictToReplicaScope(where: Where, viewer: Viewer, scope: Scope): void {
  if (scope === 'all') return;
  if (scope === 'none') {
    where.add('false');
    return;
  }
  const own = '(r.owner_id IS NULL OR r.owner_id = ? OR r.backup_owner_id = ?)';
  if (scope === 'own') where.add(`r.id IS NOT NULL AND ${own}`, viewer.id, viewer.id);
  else
    where.add(
      `r.id IS NOT NULL AND (r.team_id = ANY(?::uuid[]) OR ${own})`,
      viewer.managedTeamIds,
      viewer.id,
      viewer.id,
    );
}
