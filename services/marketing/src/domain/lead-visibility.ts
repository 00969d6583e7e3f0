import { scopeOf, type Permission, type Scope, type Viewer } from '@crm/auth';
import type { Where } from '@crm/database';
import type { Lead } from '../db/leads';

type Assignment = Pick<Lead, 'assigneeId' | 'assigneeTeamId'>;

/**
 * Marketing's reach over leads: `all` for marketing, executives and analysts; a sales rep
 * (`own`) the leads assigned to them; a sales manager (`team`) also those of the teams they
 * manage. Unassigned leads are marketing's alone (unlike the customers' public pool).
 */
export function leadReaches(viewer: Viewer, scope: Scope, lead: Assignment): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'team':
      return (
        (!!lead.assigneeTeamId && viewer.managedTeamIds.includes(lead.assigneeTeamId)) ||
        lead.assigneeId === viewer.id
      );
    case 'own':
      return lead.assigneeId === viewer.id;
    case 'none':
      return false;
  }
}

export function mayReach(viewer: Viewer, permission: Permission, lead: Assignment): boolean {
  return leadReaches(viewer, scopeOf(viewer, permission), lead);
}

/** The same rule as `leadReaches`, as SQL on the leads table (alias `l`). */
export function restrictLeads(where: Where, viewer: Viewer, scope: Scope): void {
  switch (scope) {
    case 'all':
      return;
    case 'team':
      where.add(
        '(l.assignee_team_id = ANY(?::uuid[]) OR l.assignee_id = ?)',
        viewer.managedTeamIds,
        viewer.id,
      );
      return;
    case 'own':
      where.add('l.assignee_id = ?', viewer.id);
      return;
    case 'none':
      where.add('false');
  }
}

/** 张三 -> 张*, Jane Doe -> J*** (analysts see that a person is there, not who). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
