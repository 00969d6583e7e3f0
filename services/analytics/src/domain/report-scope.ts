import { scopeOf, type Viewer } from '@crm/auth';
import type { Where } from '@crm/database';
import { forbidden } from '@crm/subgraph';

/**
 * Narrows a report to what the viewer may see of analytics: a rep the records they own (or are
 * assigned), a manager those of the teams they manage plus their own, all-scope readers all.
 * `owner` and `team` are the SQL expressions of the record's person and team.
 */
export function restrictReport(viewer: Viewer, where: Where, owner: string, team: string): void {
  switch (scopeOf(viewer, 'analytics.read')) {
    case 'all':
      return;
    case 'team':
      where.add(`(${team} = ANY(?::uuid[]) OR ${owner} = ?)`, viewer.managedTeamIds, viewer.id);
      return;
    case 'own':
      where.add(`${owner} = ?`, viewer.id);
      return;
    case 'none':
      throw forbidden('your roles cannot read analytics');
  }
}
