import type { Tx } from '@crm/database';
import type { Customer } from '../db/customers';
import { findDirectoryEmployee, type DirectoryEmployee } from '../db/directory';
import {
  findCustomerIdsBackedUpBy,
  findCustomerIdsOwnedBy,
  findReplicaState,
  findTeamHandover,
} from '../db/handover';
import { lockCustomers } from '../db/ownership';
import { changeOwner } from './change-owner';

export interface DeactivatedEmployee {
  id: string;
  teamId: string | null;
  version: number;
}

/**
 * A rep left: each of their customers goes to its backup owner when that person is active,
 * else to the rep the team manager picked in advance, else to the public pool; open work
 * follows (ownership steps). Customers they backed up lose them as backup. Idempotent: a second
 * run finds nothing left; a deactivation that a newer reactivation overtook changes nothing.
 */
export async function handOverCustomersOf(
  tx: Tx,
  person: DeactivatedEmployee,
  actorId: string | null,
): Promise<{ toBackup: number; toPickedRep: number; toPool: number }> {
  const known = await findReplicaState(tx, person.id);
  if (known && known.version > person.version && known.active)
    return { toBackup: 0, toPickedRep: 0, toPool: 0 };
  const people = new Map<string, DirectoryEmployee | null>();
  const active = async (id: string | null): Promise<DirectoryEmployee | null> => {
    if (!id || id === person.id) return null;
    if (!people.has(id)) people.set(id, await findDirectoryEmployee(tx, id));
    const found = people.get(id);
    return found?.active ? found : null;
  };
  const setting = person.teamId ? await findTeamHandover(tx, person.teamId) : null;
  const picked = setting?.mode === 'MANAGER_PICKS_REP' ? await active(setting.repId) : null;

  const owned = await lockCustomers(tx, await findCustomerIdsOwnedBy(tx, person.id));
  const toBackup = new Map<string, Customer[]>();
  const rest: Customer[] = [];
  for (const c of owned) {
    const backup = await active(c.backupOwnerId);
    if (backup) toBackup.set(backup.id, [...(toBackup.get(backup.id) ?? []), c]);
    else rest.push(c);
  }
  for (const [backupId, customers] of toBackup) {
    const backup = people.get(backupId)!;
    await changeOwner(
      tx,
      customers,
      { ownerId: backup.id, teamId: backup.teamId, backupOwnerId: null },
      'DEACTIVATION_HANDOVER',
      actorId,
    );
  }
  await changeOwner(
    tx,
    rest,
    picked
      ? { ownerId: picked.id, teamId: picked.teamId, backupOwnerId: null }
      : { ownerId: null, teamId: null, backupOwnerId: null },
    'DEACTIVATION_HANDOVER',
    actorId,
  );
  for (const c of await lockCustomers(tx, await findCustomerIdsBackedUpBy(tx, person.id))) {
    await changeOwner(
      tx,
      [c],
      { ownerId: c.ownerId, teamId: c.teamId, backupOwnerId: null },
      'DEACTIVATION_HANDOVER',
      actorId,
    );
  }
  return {
    toBackup: owned.length - rest.length,
    toPickedRep: picked ? rest.length : 0,
    toPool: picked ? 0 : rest.length,
  };
}
