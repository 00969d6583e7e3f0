import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { findOpportunity, type Opportunity } from '../../db/opportunities';
import { mayReach } from './scope';
import { fail } from './use-case';

/** Locks an opportunity the viewer may change, or stops the use case with a user error. */
export async function opportunityToChange(
  tx: Tx,
  viewer: Viewer,
  id: string,
): Promise<Opportunity> {
  const opportunity = await findOpportunity(tx, id, true);
  if (!opportunity || !mayReach(viewer, 'opportunities.read', opportunity))
    return fail('id', 'NOT_FOUND', `id: no opportunity ${id} that you can see`);
  if (!mayReach(viewer, 'opportunities.write', opportunity))
    fail('id', 'FORBIDDEN', 'id: you can only change opportunities in your scope');
  return opportunity;
}
