import { aViewer, graphql, graphqlOk } from '@crm/testing';
import type { Viewer } from '@crm/auth';
import { startSales, type SalesHarness } from './harness';
import {
  aCustomer,
  anOpportunity,
  aSalesTeam,
  stagesByKey,
  type SalesTeam,
} from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
let other: SalesTeam;
let stages: Record<string, string>;
let wonId: string;

const FORECAST = `query($from: String!, $to: String!, $groupBy: ForecastGrouping, $teamIds: [ID!], $ownerIds: [ID!]) {
  salesForecast(fromMonth: $from, toMonth: $to, groupBy: $groupBy, teamIds: $teamIds, ownerIds: $ownerIds) {
    month owner { id } teamId team { id } currency openCount openAmount { amount } weightedAmount { amount }
    wonCount wonAmount { amount } forecastAmount { amount } } }`;

interface Row {
  month: string;
  owner: { id: string } | null;
  teamId: string | null;
  team: { id: string } | null;
  openCount: number;
  openAmount: { amount: string };
  weightedAmount: { amount: string };
  wonCount: number;
  wonAmount: { amount: string };
  forecastAmount: { amount: string };
}

async function forecast(viewer: Viewer, variables: Record<string, unknown>) {
  return (
    await graphqlOk<{ salesForecast: Row[] }>(h.app, {
      query: FORECAST,
      variables,
      token: await h.tokenFor(viewer),
    })
  ).salesForecast;
}

async function moveTo(viewer: Viewer, id: string, stage: string) {
  await graphqlOk(h.app, {
    query: `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { userErrors { message } } }`,
    variables: { input: { id, stageId: stages[stage] } },
    token: await h.tokenFor(viewer),
  });
}

beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  other = await aSalesTeam(h, 1);
  stages = await stagesByKey(h, team.manager);
  const [a, b] = team.reps;
  const c = other.reps[0];
  const deal = async (rep: Viewer, amount: string, expectedCloseDate: string, stage?: string) => {
    const id = await anOpportunity(h, rep, {
      customerId: await aCustomer(h, rep),
      amount: { amount },
      expectedCloseDate,
    });
    if (stage) await moveTo(rep, id, stage);
    return id;
  };
  await deal(a, '100000', '2031-03-10');
  await deal(a, '50000.50', '2031-03-31', 'PROPOSAL');
  await deal(b, '200000', '2031-04-01', 'NEEDS_ANALYSIS');
  await deal(c, '70000', '2031-03-15');
  wonId = await deal(b, '30000', '2031-05-20', 'PROPOSAL');
  await graphqlOk(h.app, {
    query: `mutation($input: CloseOpportunityInput!) { markOpportunityWon(input: $input) { userErrors { message } } }`,
    variables: { input: { id: wonId } },
    token: await h.tokenFor(b),
  });
  // Won at 01:00 on 1 February in Shanghai, still 31 January in UTC.
  await h.dataSource.query(
    `UPDATE opportunities SET closed_at = '2030-01-31T17:00:00Z' WHERE id = $1`,
    [wonId],
  );
});
afterAll(() => h.stop());

describe('the sales forecast', () => {
  it('gives a rep only their own weighted pipeline by expected close month', async () => {
    const rows = await forecast(team.reps[0], { from: '2031-03', to: '2031-04' });
    expect(rows).toEqual([
      expect.objectContaining({
        month: '2031-03',
        owner: { id: team.reps[0].id },
        openCount: 2,
        openAmount: { amount: '150000.50' },
        weightedAmount: { amount: '35000.25' },
        wonCount: 0,
        forecastAmount: { amount: '35000.25' },
      }),
    ]);
  });

  it("gives a manager their team's pipeline by rep and by team, without other teams", async () => {
    const byRep = await forecast(team.manager, { from: '2031-03', to: '2031-04', groupBy: 'REP' });
    expect(byRep.map((r) => [r.month, r.owner?.id, r.weightedAmount.amount])).toEqual(
      expect.arrayContaining([
        ['2031-03', team.reps[0].id, '35000.25'],
        ['2031-04', team.reps[1].id, '60000.00'],
      ]),
    );
    expect(byRep.some((r) => r.owner?.id === other.reps[0].id)).toBe(false);
    const byTeam = await forecast(team.manager, {
      from: '2031-03',
      to: '2031-04',
      groupBy: 'TEAM',
      teamIds: [team.teamId, other.teamId],
    });
    expect(
      byTeam.map((r) => [r.month, r.team, r.owner, r.openAmount.amount, r.weightedAmount.amount]),
    ).toEqual([
      ['2031-03', { id: team.teamId }, null, '150000.50', '35000.25'],
      ['2031-04', { id: team.teamId }, null, '200000.00', '60000.00'],
    ]);
  });

  it('gives an executive every team, and counts won deals in the month they were won in the business time zone', async () => {
    const march = await forecast(aViewer({ roles: ['EXECUTIVE'] }), {
      from: '2031-03',
      to: '2031-03',
      groupBy: 'TEAM',
      teamIds: [team.teamId, other.teamId],
    });
    expect(march.map((r) => [r.teamId, r.openAmount.amount]).sort()).toEqual(
      [
        [team.teamId, '150000.50'],
        [other.teamId, '70000.00'],
      ].sort(),
    );
    const won = await forecast(team.manager, {
      from: '2030-01',
      to: '2030-02',
      groupBy: 'MONTH',
      teamIds: [team.teamId],
    });
    expect(won).toEqual([
      expect.objectContaining({
        month: '2030-02',
        owner: null,
        teamId: null,
        team: null,
        openCount: 0,
        wonCount: 1,
        wonAmount: { amount: '30000.00' },
        forecastAmount: { amount: '30000.00' },
      }),
    ]);
  });

  it('refuses roles without pipeline access and months that are not months', async () => {
    const marketer = await graphql(h.app, {
      query: FORECAST,
      variables: { from: '2031-01', to: '2031-02' },
      token: await h.tokenFor(aViewer({ roles: ['MARKETER'] })),
    });
    expect(marketer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(h.app, {
      query: FORECAST,
      variables: { from: '2031-13', to: '2031-02' },
      token: await h.tokenFor(team.manager),
    });
    expect(bad.errors?.[0].message).toMatch(/months like 2026-01/);
  });
});
