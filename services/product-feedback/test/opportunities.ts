import { newId } from '@crm/database';
import {
  opportunityCreated,
  opportunityLost,
  opportunityStageChanged,
  opportunityWon,
} from '@crm/events';
import type { EventData } from '@crm/events';
import { eventually, produceEvent } from '@crm/testing';
import type { Harness } from './harness';

const money = (amount: string, currency = 'CNY') => ({ amount, currency });

function facts(customerId: string, opportunityId: string, amount: string, currency = 'CNY') {
  return {
    opportunityId,
    customerId,
    name: 'Deal',
    amount: money(amount, currency),
    ownerId: null,
    teamId: null,
    stage: 'PROPOSAL',
    probability: 50,
    expectedCloseDate: null,
    sourceCampaignId: null,
    leadId: null,
  };
}

/** Sales opens an opportunity (as of `at`); answers its id. */
export function openDeal(customerId: string, amount: string, at: Date, currency = 'CNY') {
  const id = newId();
  produceEvent(opportunityCreated, {
    ...facts(customerId, id, amount, currency),
    createdAt: at.toISOString(),
  });
  return id;
}

/** Sales moves an opportunity to another stage. */
export function moveDeal(customerId: string, id: string, amount: string, at: Date, stage: string) {
  produceEvent(opportunityStageChanged, {
    ...facts(customerId, id, amount),
    stage,
    // as sales' pipeline has them: other departments (analytics) learn stages from these events
    probability: stage === 'WON' ? 100 : stage === 'LOST' ? 0 : 50,
    fromStage: 'QUALIFICATION',
    changedBy: null,
    changedAt: at.toISOString(),
  });
}

/** Sales wins an opportunity the way it publishes it: the stage change, then opportunity.won. */
export function winDeal(
  customerId: string,
  id: string,
  amount: string,
  at: Date,
  eventId?: string,
) {
  moveDeal(customerId, id, amount, at, 'WON');
  return produceEvent(
    opportunityWon,
    {
      opportunityId: id,
      customerId,
      name: 'Deal',
      amount: money(amount),
      ownerId: null,
      teamId: null,
      sourceCampaignId: null,
      leadId: null,
      wonAt: at.toISOString(),
    },
    eventId ? { id: eventId } : {},
  );
}

export function loseDeal(customerId: string, id: string, amount: string, at: Date) {
  produceEvent(opportunityLost, {
    ...facts(customerId, id, amount),
    reason: 'missing Excel export',
    lostAt: at.toISOString(),
  });
}

/** A deal sales lost, citing the feature the customer missed (or none), as its event carries it. */
export function aLostDeal(
  customerId: string,
  missingFeature: string | null,
  amount = '300000',
  currency = 'CNY',
): EventData<typeof opportunityLost> {
  return {
    ...facts(customerId, newId(), amount, currency),
    ownerId: newId(),
    stage: 'LOST',
    probability: 0,
    reason: 'Went with a competitor',
    missingFeature,
    lostAt: new Date().toISOString(),
  };
}

/** Waits until the consumer has applied the opportunity's state. */
export function dealIs(h: Harness, id: string, state: string) {
  return eventually(async () => {
    const found = await h.dataSource.query(
      'SELECT state FROM customer_opportunities WHERE opportunity_id = $1',
      [id],
    );
    expect(found).toEqual([{ state }]);
  });
}
