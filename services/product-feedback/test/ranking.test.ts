import { newId } from '@crm/database';
import { customerHealthChanged } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { aFeatureRequest, anIdea, link, merge, mutate, vote } from './graph';
import { startWithProductManager, type Harness } from './harness';
import { dealIs, loseDeal, moveDeal, openDeal, winDeal } from './opportunities';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

const RANKING = `query($currency: String) {
  ideaRanking(first: 100, currency: $currency) {
    currency
    ideas {
      rank score customerCount idea { id }
      wonRevenue { amount currency } openPipeline { amount currency }
      customers { customer { id } importance voted feedbackCount score
        wonRevenue { amount currency } openPipeline { amount } }
    }
  }
}`;

interface Ranked {
  rank: number;
  score: string;
  customerCount: number;
  idea: { id: string };
  wonRevenue: { amount: string; currency: string };
  openPipeline: { amount: string; currency: string };
  customers: {
    customer: { id: string };
    importance: string;
    voted: boolean;
    feedbackCount: number;
    score: string;
    wonRevenue: { amount: string; currency: string };
    openPipeline: { amount: string };
  }[];
}

async function ranking(currency?: string): Promise<Ranked[]> {
  const data = await graphqlOk<{ ideaRanking: { ideas: Ranked[] } }>(h.app, {
    query: RANKING,
    variables: { currency },
    token: pm,
  });
  return data.ideaRanking.ideas;
}

const rankedOf = async (ideaId: string, currency?: string) =>
  (await ranking(currency)).find((r) => r.idea.id === ideaId)!;

const SET_WEIGHTS = `mutation($input: SetIdeaRankingWeightsInput!) {
  setIdeaRankingWeights(input: $input) {
    weights { currency customerWeight revenueWeight pipelineWeight churnRiskWeight niceToHave important critical }
    userErrors { field code message }
  }
}`;

const setWeights = (input: object, token = pm) =>
  mutate<{ weights: Record<string, string> | null }>(
    h,
    'setIdeaRankingWeights',
    SET_WEIGHTS,
    token,
    input,
  );

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9, minutes));

describe('ranking ideas by what the requesting customers are worth', () => {
  beforeAll(async () => {
    const result = await setWeights({
      currency: 'CNY',
      customerWeight: '1',
      revenueWeight: '1',
      pipelineWeight: '0.5',
      churnRiskWeight: '0',
      niceToHave: '1',
      important: '2',
      critical: '3',
    });
    expect(result.userErrors).toEqual([]);
  });

  it('adds won revenue, open pipeline and importance per customer with exact decimals, counting each customer once across a merge', async () => {
    const [a, b, c] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot(),
      aCustomerSnapshot(),
      aCustomerSnapshot(),
    );
    // A: two won deals whose sum floats would get wrong; B: a small one; C: a big open deal,
    // a lost one (not counted) and one in another currency (kept apart, not converted)
    const a1 = openDeal(a, '1000000.10', t(0));
    const a2 = openDeal(a, '0.20', t(0));
    winDeal(a, a1, '1000000.10', t(1));
    winDeal(a, a2, '0.20', t(1));
    const b1 = openDeal(b, '100.05', t(0));
    winDeal(b, b1, '100.05', t(1));
    const c1 = openDeal(c, '500000.25', t(0));
    const c2 = openDeal(c, '999', t(0));
    loseDeal(c, c2, '999', t(2));
    const c3 = openDeal(c, '70000', t(0), 'USD');
    await Promise.all([
      dealIs(h, a1, 'WON'),
      dealIs(h, a2, 'WON'),
      dealIs(h, b1, 'WON'),
      dealIs(h, c1, 'OPEN'),
      dealIs(h, c2, 'LOST'),
      dealIs(h, c3, 'OPEN'),
    ]);

    const idea = await anIdea(h, pm, 'Excel export');
    const duplicate = await anIdea(h, pm, 'Export to xlsx');
    await link(h, pm, idea.id, [await aFeatureRequest(h, a, pm), await aFeatureRequest(h, b, pm)]);
    await link(h, pm, duplicate.id, [await aFeatureRequest(h, a, pm)]);
    await vote(h, pm, duplicate.id, c, 'CRITICAL');
    await merge(h, pm, duplicate.id, idea.id);

    const ranked = await rankedOf(idea.id);
    // A: (1 + 1000000.30) × 1; B: (1 + 100.05) × 1; C: (1 + 0.5 × 500000.25) × 3
    expect(ranked.score).toBe('1750105.725');
    expect(ranked.customerCount).toBe(3);
    expect(ranked.wonRevenue).toEqual({ amount: '1000100.35', currency: 'CNY' });
    expect(ranked.openPipeline).toEqual({ amount: '500000.25', currency: 'CNY' });
    expect(
      ranked.customers.map((x) => [x.customer.id, x.importance, x.voted, x.feedbackCount, x.score]),
    ).toEqual([
      [a, 'NICE_TO_HAVE', false, 2, '1000001.3'],
      [c, 'CRITICAL', true, 0, '750003.375'],
      [b, 'NICE_TO_HAVE', false, 1, '101.05'],
    ]);
    expect(ranked.customers[0].wonRevenue).toEqual({ amount: '1000000.30', currency: 'CNY' });
    expect(ranked.customers[1].openPipeline).toEqual({ amount: '500000.25' });
    expect((await ranking()).some((r) => r.idea.id === duplicate.id)).toBe(false);

    // in dollars only C's open deal counts (nothing is converted): 1 + 1 + (1 + 0.5 × 70000) × 3
    const inDollars = await rankedOf(idea.id, 'USD');
    expect(inDollars.score).toBe('105005');
    expect(inDollars.openPipeline).toEqual({ amount: '70000', currency: 'USD' });
  });

  it('orders ideas by the configured weights', async () => {
    const [rich, promising] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot(),
      aCustomerSnapshot(),
    );
    const won = openDeal(rich, '3000', t(0));
    winDeal(rich, won, '3000', t(1));
    const open = openDeal(promising, '4000', t(0));
    await Promise.all([dealIs(h, won, 'WON'), dealIs(h, open, 'OPEN')]);
    const forRich = await anIdea(h, pm);
    const forPromising = await anIdea(h, pm);
    await vote(h, pm, forRich.id, rich, 'IMPORTANT');
    await vote(h, pm, forPromising.id, promising, 'IMPORTANT');
    const order = async () =>
      (await ranking())
        .filter((r) => r.idea.id === forRich.id || r.idea.id === forPromising.id)
        .map((r) => [r.idea.id, r.score]);
    // revenue 1, pipeline 0.5: 2 × 3001 against 2 × 2001
    expect(await order()).toEqual([
      [forRich.id, '6002'],
      [forPromising.id, '4002'],
    ]);
    try {
      expect((await setWeights({ pipelineWeight: '1.25' })).userErrors).toEqual([]);
      expect(await order()).toEqual([
        [forPromising.id, '10002'],
        [forRich.id, '6002'],
      ]);
    } finally {
      await setWeights({ pipelineWeight: '0.5' });
    }
  });

  it('does not count a won deal twice when its events are delivered again or arrive late', async () => {
    const [customer] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const deal = openDeal(customer, '1234.56', t(0));
    const wonEvent = winDeal(customer, deal, '1234.56', t(5));
    await dealIs(h, deal, 'WON');
    const idea = await anIdea(h, pm);
    await vote(h, pm, idea.id, customer, 'NICE_TO_HAVE');
    const before = await rankedOf(idea.id);
    expect(before).toMatchObject({ score: '1235.56', wonRevenue: { amount: '1234.56' } });

    // the same event again (same id), the win published again (new ids), and a stale stage
    // change from before the win: none of them changes the revenue
    winDeal(customer, deal, '1234.56', t(5), wonEvent);
    winDeal(customer, deal, '1234.56', t(5));
    moveDeal(customer, deal, '1234.56', t(2), 'NEGOTIATION');
    // a later deal of the same customer (same partition, so after the replays) tells when they are done
    const marker = openDeal(customer, '10', t(9));
    await dealIs(h, marker, 'OPEN');
    const after = await rankedOf(idea.id);
    // 1 + 1234.56 + 0.5 × 10
    expect(after).toMatchObject({
      score: '1240.56',
      wonRevenue: { amount: '1234.56' },
      openPipeline: { amount: '10' },
    });
  });
});

describe("ranking by analytics' churn risk", () => {
  it('weighs the churn risk analytics last announced, an older announcement arriving late changing nothing', async () => {
    const [d] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const idea = await anIdea(h, pm, 'Offline mode');
    await link(h, pm, idea.id, [await aFeatureRequest(h, d, pm)]);
    const health = (churnRisk: 'LOW' | 'MEDIUM' | 'HIGH', changedAt: Date) => ({
      customerId: d,
      ownerId: null,
      teamId: null,
      score: churnRisk === 'HIGH' ? 20 : churnRisk === 'MEDIUM' ? 50 : 80,
      churnRisk,
      previousScore: null,
      previousChurnRisk: null,
      factors: [],
      causeEventId: newId(),
      changedAt: changedAt.toISOString(),
    });
    expect((await setWeights({ churnRiskWeight: '1000' })).userErrors).toEqual([]);
    try {
      // not scored yet: the term adds nothing
      expect((await rankedOf(idea.id)).score).toBe('1');
      produceEvent(customerHealthChanged, health('HIGH', t(10)));
      await eventually(async () => expect((await rankedOf(idea.id)).score).toBe('1001'));
      // an older MEDIUM arrives late: handled (in the inbox), and the ranking keeps HIGH
      const late = produceEvent(customerHealthChanged, health('MEDIUM', t(5)));
      await eventually(async () => {
        const [{ n }] = await h.dataSource.query(
          'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
          [late],
        );
        expect(n).toBe(1);
      });
      expect((await rankedOf(idea.id)).score).toBe('1001');
      produceEvent(customerHealthChanged, health('LOW', t(20)));
      await eventually(async () => expect((await rankedOf(idea.id)).score).toBe('1'));
      produceEvent(customerHealthChanged, health('MEDIUM', t(30)));
      await eventually(async () => expect((await rankedOf(idea.id)).score).toBe('501'));
    } finally {
      await setWeights({ churnRiskWeight: '0' });
    }
  });
});

describe('ranking weights', () => {
  it('refuses weights that are no decimal, naming the field, and keeps the old ones', async () => {
    const before = await setWeights({});
    const result = await setWeights({ revenueWeight: '1e3', important: '-2', currency: 'yuan' });
    expect(result.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.currency', 'INVALID'],
      ['input.revenueWeight', 'INVALID'],
      ['input.important', 'INVALID'],
    ]);
    expect((await setWeights({})).weights).toEqual(before.weights);
  });

  it('lets only product change the weights, and audits the change', async () => {
    const res = await graphql(h.app, {
      query: SET_WEIGHTS,
      variables: { input: { critical: '10' } },
      token: await h.tokenFor(aViewer({ roles: ['SALES_MANAGER'] })),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const admin = aViewer({ roles: ['ADMIN'] });
    const changed = await setWeights({ critical: '3.0' }, await h.tokenFor(admin));
    expect(changed.weights?.critical).toBe('3.0');
    const audit = await h.dataSource.query(
      "SELECT after->>'critical' AS critical FROM audit_log WHERE action = 'idea_ranking.set_weights' AND actor_id = $1",
      [admin.id],
    );
    expect(audit).toEqual([{ critical: '3.0' }]);
  });

  it('keeps the ranking from roles that do not read all feedback', async () => {
    const res = await graphql(h.app, {
      query: '{ ideaRanking { currency } }',
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
