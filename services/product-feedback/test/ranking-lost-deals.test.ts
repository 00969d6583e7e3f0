import { newId } from '@crm/database';
import { opportunityLost } from '@crm/events';
import {
  aCustomerSnapshot,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { aFeatureRequest, anIdea, link } from './graph';
import { startWithProductManager, type Harness } from './harness';
import { aLostDeal } from './opportunities';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

/** Sales loses a deal citing a missing feature; answers the feedback item it became. */
async function aDealLostFor(customerId: string, amount: string, currency: string) {
  const deal = aLostDeal(customerId, 'Excel export', amount, currency);
  const { opportunityId } = deal;
  produceEvent(opportunityLost, deal, { actorId: newId() });
  const [item] = await eventually(async () => {
    const found = await h.dataSource.query(
      "SELECT id FROM feedback_items WHERE origin = 'OPPORTUNITY' AND origin_id = $1",
      [opportunityId],
    );
    expect(found).toHaveLength(1);
    return found as { id: string }[];
  });
  return { opportunityId, feedbackId: item.id };
}

interface Lost {
  idea: { id: string };
  lostRevenue: { amount: string; currency: string };
  lostDeals: {
    opportunity: { id: string };
    feedback: { id: string; body: string };
    customer: { id: string };
    amount: { amount: string; currency: string };
  }[];
  customers: { customer: { id: string }; wonRevenue: { amount: string } }[];
}

async function rankedOf(ideaId: string): Promise<Lost> {
  const data = await graphqlOk<{ ideaRanking: { ideas: Lost[] } }>(h.app, {
    query: `query { ideaRanking(first: 100, currency: "CNY") { ideas {
      idea { id } lostRevenue { amount currency }
      lostDeals { opportunity { id } feedback { id body } customer { id } amount { amount currency } }
      customers { customer { id } wonRevenue { amount } }
    } } }`,
    token: pm,
  });
  return data.ideaRanking.ideas.find((r) => r.idea.id === ideaId)!;
}

describe('deals lost citing an idea', () => {
  it('lists the lost deals behind an idea, largest first, and sums those in the ranking currency', async () => {
    const [a, b, c] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot(),
      aCustomerSnapshot(),
      aCustomerSnapshot(),
    );
    const big = await aDealLostFor(a, '250000.50', 'CNY');
    const small = await aDealLostFor(b, '1000.25', 'CNY');
    const dollars = await aDealLostFor(b, '90000', 'USD');
    const direct = await aFeatureRequest(h, c, pm);
    const idea = await anIdea(h, pm);
    await link(h, pm, idea.id, [small.feedbackId, direct, dollars.feedbackId, big.feedbackId]);
    const ranked = await rankedOf(idea.id);
    expect(ranked.lostDeals).toEqual([
      {
        opportunity: { id: big.opportunityId },
        feedback: { id: big.feedbackId, body: 'Excel export' },
        customer: { id: a },
        amount: { amount: '250000.50', currency: 'CNY' },
      },
      {
        opportunity: { id: dollars.opportunityId },
        feedback: { id: dollars.feedbackId, body: 'Excel export' },
        customer: { id: b },
        amount: { amount: '90000', currency: 'USD' },
      },
      {
        opportunity: { id: small.opportunityId },
        feedback: { id: small.feedbackId, body: 'Excel export' },
        customer: { id: b },
        amount: { amount: '1000.25', currency: 'CNY' },
      },
    ]);
    // currencies are kept apart: the USD deal is listed but not added
    expect(ranked.lostRevenue).toEqual({ amount: '251000.75', currency: 'CNY' });
    // a lost deal is no revenue: the customers count with nothing won
    expect(ranked.customers.map((x) => x.wonRevenue.amount)).toEqual(['0', '0', '0']);
    const other = await anIdea(h, pm);
    expect((await rankedOf(other.id)).lostDeals).toEqual([]);
    expect((await rankedOf(other.id)).lostRevenue.amount).toBe('0');
  });
});
