import type { Tx } from '@crm/database';
import { findTeamStrategy, lockCandidates, markAssigned, type Routing } from '../../db/agents';
import { chooseAgent } from './choose-agent';

/**
 * Picks the agent for a ticket by its team's rule (capacity, skills, duty, strategy) and books
 * the assignment on the agent; null leaves the ticket in the queue.
 */
export async function dispatchTicket(
  tx: Tx,
  routing: Routing,
  now: Date,
  excluded: readonly string[] = [],
): Promise<string | null> {
  const candidates = await lockCandidates(tx, routing, excluded);
  const chosen = chooseAgent(candidates, await findTeamStrategy(tx, routing.teamId));
  if (chosen) await markAssigned(tx, chosen, now);
  return chosen;
}
