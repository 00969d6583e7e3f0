import type { Tx } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { lockIdea, type Idea } from '../db/ideas';
import { isClosed } from './idea-rules';

/** The idea named by an input field, locked; NOT_FOUND on that field otherwise. */
export async function requireIdea(tx: Tx, field: string, id: string): Promise<Idea> {
  const idea = await lockIdea(tx, id);
  if (!idea) throw new UserErrors([userError(field, 'NOT_FOUND', `${field}: no idea ${id}`)]);
  return idea;
}

/** The same, for a change that needs the idea open (not SHIPPED, not merged away). */
export async function requireOpenIdea(tx: Tx, field: string, id: string): Promise<Idea> {
  const idea = await requireIdea(tx, field, id);
  if (isClosed(idea.status)) {
    const where = idea.duplicateOf ? ` (merged into ${idea.duplicateOf})` : '';
    throw new UserErrors([
      userError(field, 'CONFLICT', `${field}: idea ${id} is ${idea.status}${where}`),
    ]);
  }
  return idea;
}
