import { newId } from '@crm/database';
import {
  customerCreated,
  opportunityCreated,
  opportunityLost,
  opportunityStageChanged,
  opportunityWon,
  type EventData,
} from '@crm/events';
import { aCustomerSnapshot, aViewer, graphql, graphqlOk, produceEvent } from '@crm/testing';
import type { Viewer } from '@crm/auth';
import {
  anOpportunity,
  handledBy,
  movedTo,
  startAnalytics,
  wonEvent,
  type Harness,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

type Opportunity = EventData<typeof opportunityCreated>;

const team = newId();
const [rep1, rep2] = [newId(), newId()];
const east = aCustomerSnapshot({ region: 'East', tier: 'KEY' });
const north = aCustomerSnapshot({ region: 'North', tier: 'B' });
const utc = (iso: string) => new Date(iso).toISOString();

function opportunity(
  customer: typeof east,
  ownerId: string,
  amount: string,
  createdAt: string,
  expectedCloseDate: string | null = null,
): Opportunity {
  return anOpportunity(customer.customerId, {
    ownerId,
    teamId: team,
    amount: { amount, currency: 'CNY' },
    createdAt: utc(createdAt),
    expectedCloseDate,
    stage: S('QUALIFICATION'),
  });
}

/**
 * The stages' keys with this run's mark: a stage's probability is whatever the latest event
 * said, and other packages' tests publish deals in QUALIFICATION, PROPOSAL... on the shared
 * broker at the same time, with other probabilities and later dates.
 */
const RUN = Date.now().toString(36).toUpperCase();
const S = (stage: string) => `${stage}_${RUN}`;

// March 2026 in Shanghai (UTC+8). The hand-computed figures are in the test below.
const a = opportunity(east, rep1, '1000.00', '2026-03-02T02:00:00Z');
const b = opportunity(north, rep1, '2000.00', '2026-03-03T02:00:00Z');
const c = opportunity(east, rep2, '3000.00', '2026-03-04T02:00:00Z', '2026-03-25');
const d = opportunity(north, rep2, '500.00', '2026-02-10T02:00:00Z');
// 1 April 01:00 in Shanghai: after the period; 1 March 01:00 in Shanghai: in it
const e = opportunity(east, rep1, '700.00', '2026-03-31T17:00:00Z');
const f = opportunity(east, rep1, '400.00', '2026-02-28T17:00:00Z');

function stream() {
  const move = (o: Opportunity, from: string, stage: string, p: number, at: string) =>
    [
      opportunityStageChanged,
      {
        ...movedTo(o, stage === 'WON' || stage === 'LOST' ? stage : S(stage), p, utc(at)),
        fromStage: S(from),
      },
    ] as const;
  const { createdAt: _, ...facts } = b;
  const lost: EventData<typeof opportunityLost> = {
    ...facts,
    stage: 'LOST',
    probability: 0,
    reason: 'price',
    lostAt: utc('2026-03-20T02:00:00Z'),
  };
  return [
    [customerCreated, east],
    [customerCreated, north],
    ...[a, b, c, d, e, f].map((o) => [opportunityCreated, o] as const),
    move(a, 'QUALIFICATION', 'NEEDS_ANALYSIS', 30, '2026-03-05T02:00:00Z'),
    move(a, 'NEEDS_ANALYSIS', 'PROPOSAL', 50, '2026-03-08T02:00:00Z'),
    move(a, 'PROPOSAL', 'NEGOTIATION', 70, '2026-03-10T02:00:00Z'),
    move(a, 'NEGOTIATION', 'WON', 100, '2026-03-12T02:00:00Z'),
    [opportunityWon, wonEvent(a, utc('2026-03-12T02:00:00Z'))],
    // b skips NEEDS_ANALYSIS, then is lost
    move(b, 'QUALIFICATION', 'PROPOSAL', 50, '2026-03-06T02:00:00Z'),
    move(b, 'PROPOSAL', 'LOST', 0, '2026-03-20T02:00:00Z'),
    [opportunityLost, lost],
    move(d, 'QUALIFICATION', 'WON', 100, '2026-03-15T02:00:00Z'),
    [opportunityWon, wonEvent(d, utc('2026-03-15T02:00:00Z'))],
  ] as const;
}

beforeAll(async () => {
  // newest first, and every third event twice: neither order nor repeats may change a figure
  const ids: string[] = [];
  for (const [index, [definition, data]] of [...stream()].reverse().entries()) {
    const id = produceEvent(definition as typeof customerCreated, data as never);
    if (index % 3 === 0) produceEvent(definition as typeof customerCreated, data as never, { id });
    ids.push(id);
  }
  await handledBy(h.dataSource, h.groupId, ids);
});

const REPORT = `query($from: String!, $to: String!, $bucket: ReportBucket, $filter: SalesReportFilter) {
  salesReport(from: $from, to: $to, bucket: $bucket, filter: $filter) {
    from to timeZone currency
    current { ...summary wonOpportunities { id } }
    previous { ...summary }
    funnel { stage probability count amount { amount currency } conversionToNext cumulativeConversion opportunities { id } }
    series { start created won lost wonAmount { amount } }
  }
}
fragment summary on SalesSummary {
  from to created won lost winRate averageSalesCycleDays wonAmount { amount } forecastAmount { amount } forecastAchievement
}`;

interface Report {
  current: Record<string, unknown> & { wonOpportunities: { id: string }[] };
  previous: Record<string, unknown>;
  funnel: {
    stage: string;
    count: number;
    amount: { amount: string };
    conversionToNext: number | null;
    cumulativeConversion: number | null;
    opportunities: { id: string }[];
  }[];
  series: {
    start: string;
    created: number;
    won: number;
    lost: number;
    wonAmount: { amount: string };
  }[];
}

async function report(viewer: Viewer, variables: Record<string, unknown>) {
  const data = await graphqlOk<{ salesReport: Report }>(h.app, {
    query: REPORT,
    variables: { from: '2026-03-01', to: '2026-03-31', ...variables },
    token: await h.tokenFor(viewer),
  });
  return data.salesReport;
}

const executive = aViewer({ roles: ['EXECUTIVE'] });
const mine = { teamIds: [team] };

describe('the sales report', () => {
  it('computes the funnel, win rate, cycle, won against forecast and the previous period by hand', async () => {
    const r = await report(executive, { filter: mine });
    expect(r.current).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      created: 4, // a, b, c, f (f is 1 March in Shanghai, e is 1 April)
      won: 2, // a (12 March) and d (15 March, created in February)
      lost: 1,
      winRate: 2 / 3,
      averageSalesCycleDays: 21.5, // a 10 days, d 33 days
      wonAmount: { amount: '1500.00' },
      forecastAmount: { amount: '1800.00' }, // won 1500 + c 3000 x 10% expected 25 March
      forecastAchievement: 1500 / 1800,
      wonOpportunities: [{ id: d.opportunityId }, { id: a.opportunityId }],
    });
    expect(r.previous).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
      created: 1,
      won: 0,
      lost: 0,
      winRate: null,
      averageSalesCycleDays: null,
      wonAmount: { amount: '0.00' },
      forecastAmount: { amount: '0.00' },
      forecastAchievement: null,
    });
    expect(
      r.funnel.map((s) => [
        s.stage,
        s.count,
        s.amount.amount,
        s.conversionToNext,
        s.cumulativeConversion,
      ]),
    ).toEqual([
      [S('QUALIFICATION'), 4, '6400.00', 0.5, 1],
      [S('NEEDS_ANALYSIS'), 2, '3000.00', 1, 0.5], // b skipped it but went further
      [S('PROPOSAL'), 2, '3000.00', 0.5, 0.5],
      [S('NEGOTIATION'), 1, '1000.00', 1, 0.25],
      ['WON', 1, '1000.00', null, 0.25],
    ]);
    expect(r.funnel[4].opportunities).toEqual([{ id: a.opportunityId }]);
    expect(r.series).toEqual([
      { start: '2026-03-01', created: 4, won: 2, lost: 1, wonAmount: { amount: '1500.00' } },
    ]);
  });

  it('drills down on demand: up to first records, most recent first, within the filter', async () => {
    const data = await graphqlOk<{
      salesReport: {
        current: { wonOpportunities: { id: string }[] };
        funnel: { opportunities: { id: string }[] }[];
      };
    }>(h.app, {
      query: `query($filter: SalesReportFilter) {
        salesReport(from: "2026-03-01", to: "2026-03-31", filter: $filter) {
          current { wonOpportunities(first: 1) { id } }
          funnel { opportunities(first: 3) { id } }
        }
      }`,
      variables: { filter: mine },
      token: await h.tokenFor(executive),
    });
    const r = data.salesReport;
    expect(r.current.wonOpportunities).toEqual([{ id: d.opportunityId }]); // won 15 March, a on 12 March
    expect(r.funnel.map((s) => s.opportunities.length)).toEqual([3, 2, 2, 1, 1]);
    const created = new Set([a, b, c, f].map((o) => o.opportunityId));
    expect(r.funnel[0].opportunities.every((o) => created.has(o.id))).toBe(true);
  });

  it('cuts weeks from Monday in the business time zone', async () => {
    const r = await report(executive, { filter: mine, bucket: 'WEEK' });
    expect(r.series.map((s) => [s.start, s.created, s.won, s.lost])).toEqual([
      ['2026-02-23', 1, 0, 0], // f, Sunday 1 March in Shanghai
      ['2026-03-02', 3, 0, 0],
      ['2026-03-09', 0, 2, 0],
      ['2026-03-16', 0, 0, 1],
      ['2026-03-23', 0, 0, 0],
      ['2026-03-30', 0, 0, 0],
    ]);
  });

  it('filters by region, tier and rep', async () => {
    const created = async (filter: Record<string, unknown>) =>
      (await report(executive, { filter: { ...mine, ...filter } })).current.created;
    expect(await created({ regions: ['East'] })).toBe(3); // a, c, f
    expect(await created({ tiers: ['B'] })).toBe(1); // b
    expect(await created({ ownerIds: [rep2] })).toBe(1); // c
  });

  it('shows a rep only their own opportunities and a manager their team’s', async () => {
    const rep = await report(aViewer({ id: rep2, roles: ['SALES_REP'] }), {});
    expect(rep.current).toMatchObject({ created: 1, won: 1 }); // c, and d won in March
    const manager = aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [team] });
    expect((await report(manager, {})).current).toMatchObject({ created: 4, won: 2 });
    const stranger = aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [newId()] });
    expect((await report(stranger, { filter: mine })).current).toMatchObject({ created: 0 });
  });

  it('refuses roles without analytics and says which argument is wrong', async () => {
    const agent = await graphql(h.app, {
      query: REPORT,
      variables: { from: '2026-03-01', to: '2026-03-31' },
      token: await h.tokenFor(aViewer({ roles: ['SERVICE_AGENT'] })),
    });
    expect(agent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(h.app, {
      query: REPORT,
      variables: { from: '2026-02-30', to: '2026-03-31' },
      token: await h.tokenFor(executive),
    });
    expect(bad.errors?.[0]).toMatchObject({
      message: 'from: "2026-02-30" is not a date (YYYY-MM-DD)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
