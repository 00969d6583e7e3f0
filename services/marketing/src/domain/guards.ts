import { scopeOf, type Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { forbidden, userError, UserErrors } from '@crm/subgraph';
import { findCampaign, type Campaign } from '../db/campaigns';

/** Lacking marketing's write permission at all is a GraphQL FORBIDDEN error. */
export function mayWriteMarketing(viewer: Viewer, what: string): void {
  if (scopeOf(viewer, 'marketing.write') === 'none') throw forbidden(`your roles cannot ${what}`);
}

/** `<field>: no <what> <id>` as a NOT_FOUND user error. */
export function notFound(field: string, what: string, id: string): UserErrors {
  return new UserErrors([userError(field, 'NOT_FOUND', `${field}: no ${what} ${id}`)]);
}

/** The campaign an input names, null when it names none; NOT_FOUND when it does not exist. */
export async function namedCampaign(
  tx: Tx,
  id: string | null | undefined,
  field = 'campaignId',
): Promise<Campaign | null> {
  if (!id) return null;
  const campaign = await findCampaign(tx, id);
  if (!campaign) throw notFound(field, 'campaign', id);
  return campaign;
}
