import {
  on,
  opportunityCreated,
  opportunityLost,
  opportunityStageChanged,
  opportunityWon,
  type EventHandler,
} from '@crm/events';
import { newId } from '@crm/database';
import { applyOpportunityFact } from '../db/customer-opportunities';
import { takeInFeedback } from '../domain/take-in-feedback';

/**
 * Sales' opportunity events keep, per opportunity, its amount and whether it is open, won or
 * lost: the customer's won revenue and open pipeline for the idea ranking.
 */
export const opportunityHandlers: EventHandler[] = [
  on(opportunityCreated, (e, tx) =>
    applyOpportunityFact(tx, { ...e.data, state: 'OPEN', asOf: e.data.createdAt }),
  ),
  // a stage change leaves the deal open; won and lost arrive as their own events beside it
  on(opportunityStageChanged, (e, tx) =>
    applyOpportunityFact(tx, { ...e.data, state: 'OPEN', asOf: e.data.changedAt }),
  ),
  on(opportunityWon, (e, tx) =>
    applyOpportunityFact(tx, { ...e.data, state: 'WON', asOf: e.data.wonAt }),
  ),
  on(opportunityLost, async (e, tx) => {
    await applyOpportunityFact(tx, { ...e.data, state: 'LOST', asOf: e.data.lostAt });
    // a deal lost for a missing feature is the customer asking for it: feedback, once per deal
    const recorder = e.actorId ?? e.data.ownerId;
    if (!e.data.missingFeature || !recorder) return;
    await takeInFeedback(tx, {
      id: newId(),
      customerId: e.data.customerId,
      kind: 'FEATURE_REQUEST',
      title: titleOf(e.data.missingFeature),
      body: e.data.missingFeature,
      source: 'SALES',
      origin: 'OPPORTUNITY',
      originId: e.data.opportunityId,
      createdBy: recorder,
    });
  }),
];

/** The first line of the customer's words, cut to a title's 200 characters. */
function titleOf(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length <= 200 ? line : `${line.slice(0, 199)}…`;
}
