import type { Ownership, Viewer } from '@crm/auth';
import { Where } from '@crm/database';
import { reachesCustomer, restrictToReplicaScope } from '../src/scope';

const viewer = (roles: Viewer['roles'], managedTeamIds: string[] = []): Viewer => ({
  id: 'me',
  name: 'Test Person',
  email: 'me@example.com',
  roles,
  teamId: null,
  managedTeamIds,
});
const customer = (o: Partial<Ownership> = {}): Ownership => ({
  ownerId: 'someone-else',
  backupOwnerId: null,
  teamId: null,
  ...o,
});

describe('reaching a customer through the replica', () => {
  it('lets the all scope reach every customer, even one the replica does not have yet', () => {
    expect(reachesCustomer(viewer(['SERVICE_MANAGER']), 'tickets.read', customer())).toBe(true);
    expect(reachesCustomer(viewer(['SERVICE_MANAGER']), 'tickets.read', null)).toBe(true);
  });

  it('lets a rep reach what they own or back up and the unowned pool, nothing unknown', () => {
    const rep = viewer(['SALES_REP']);
    expect(reachesCustomer(rep, 'tickets.read', customer({ ownerId: 'me' }))).toBe(true);
    expect(reachesCustomer(rep, 'tickets.read', customer({ backupOwnerId: 'me' }))).toBe(true);
    expect(reachesCustomer(rep, 'tickets.read', customer({ ownerId: null }))).toBe(true);
    expect(reachesCustomer(rep, 'tickets.read', customer())).toBe(false);
    expect(reachesCustomer(rep, 'tickets.read', null)).toBe(false);
  });

  it('lets a sales manager reach the customers of the teams they manage', () => {
    const manager = viewer(['SALES_MANAGER'], ['team-1']);
    expect(reachesCustomer(manager, 'tickets.read', customer({ teamId: 'team-1' }))).toBe(true);
    expect(reachesCustomer(manager, 'tickets.read', customer({ teamId: 'team-2' }))).toBe(false);
  });

  it('reaches nothing for a role without the permission', () => {
    expect(
      reachesCustomer(viewer(['MARKETER']), 'tickets.write', customer({ ownerId: null })),
    ).toBe(false);
  });
});

describe('the replica scope as SQL', () => {
  const restricted = (scope: 'all' | 'team' | 'own' | 'none', alias?: string) => {
    const where = new Where();
    restrictToReplicaScope(where, viewer(['SALES_MANAGER'], ['team-1']), scope, alias);
    return where;
  };

  it('adds no condition for the all scope and a false one for none', () => {
    expect(restricted('all').sql()).toBe('');
    expect(restricted('none').sql()).toBe('WHERE false');
  });

  it('asks for a replicated customer owned, backed up or unowned for the own scope', () => {
    const where = restricted('own');
    expect(where.sql()).toBe(
      'WHERE r.id IS NOT NULL AND (r.owner_id IS NULL OR r.owner_id = $1 OR r.backup_owner_id = $2)',
    );
    expect(where.params).toEqual(['me', 'me']);
  });

  it('adds the managed teams for the team scope, on the alias the query joins the replica as', () => {
    const where = restricted('team', 'c');
    expect(where.sql()).toBe(
      'WHERE c.id IS NOT NULL AND (c.team_id = ANY($1::uuid[]) OR c.owner_id IS NULL OR c.owner_id = $2 OR c.backup_owner_id = $3)',
    );
    expect(where.params).toEqual([['team-1'], 'me', 'me']);
  });
});
