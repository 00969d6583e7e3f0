import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import type { Ticket } from '../db/tickets';
import { findTicketToChange } from './find-ticket-to-change';

/**
 * Two different tickets a change is about (`first` names the input field of the first, `second`
 * of the second), locked in id order so two changes of the same pair cannot deadlock.
 */
export async function findTicketPairToChange(
  tx: Tx,
  viewer: Viewer,
  ids: [string, string],
  fields: [string, string],
): Promise<[Ticket, Ticket]> {
  if (ids[0] === ids[1]) {
    throw new UserErrors([
      userError(fields[1], 'INVALID', `${fields[1]}: must be another ticket than ${fields[0]}`),
    ]);
  }
  const byId = new Map<string, Ticket>();
  for (const id of [...ids].sort()) {
    const field = fields[ids.indexOf(id)];
    try {
      byId.set(id, await findTicketToChange(tx, viewer, id));
    } catch (err) {
      if (!(err instanceof UserErrors)) throw err;
      throw new UserErrors([userError(field, 'NOT_FOUND', `${field}: no ticket ${id}`)]);
    }
  }
  return [byId.get(ids[0])!, byId.get(ids[1])!];
}
