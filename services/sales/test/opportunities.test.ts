import { aViewer, graphql, graphqlOk } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import {
  aCustomer,
  anOpportunity,
  aSalesTeam,
  OPPORTUNITY_FIELDS,
  stagesByKey,
  type SalesTeam,
} from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
let stages: Record<string, string>;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  stages = await stagesByKey(h, team.reps[0]);
});
afterAll(() => h.stop());

interface Payload {
  opportunity: {
    id: string;
    status: string;
    stage: { key: string };
    closeReason: string | null;
    history: { from: { key: string } | null; to: { key: string }; reason: string | null }[];
    weightedAmount: { amount: string };
  } | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
}

async function mutate(name: string, input: Record<string, unknown>, viewer = team.reps[0]) {
  const type =
    name === 'markOpportunityWon' || name === 'markOpportunityLost'
      ? 'CloseOpportunityInput'
      : `${name[0].toUpperCase()}${name.slice(1)}Input`;
  const data = await graphqlOk<Record<string, Payload>>(h.app, {
    query: `mutation($input: ${type}!) { ${name}(input: $input) {
      opportunity { ${OPPORTUNITY_FIELDS} } userErrors { field code message } } }`,
    variables: { input },
    token: await h.tokenFor(viewer),
  });
  return data[name];
}

const move = (id: string, stage: string, reason?: string) =>
  mutate('moveOpportunityStage', { id, stageId: stages[stage], reason });

async function outbox(subject: string) {
  return h.dataSource.query(
    'SELECT type, key, payload FROM outbox WHERE subject = $1 ORDER BY id',
    [subject],
  );
}

describe('stage rules', () => {
  it('starts in the first stage with the owner and team of the customer and publishes opportunity.created', async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const id = await anOpportunity(h, rep, {
      customerId,
      amount: { amount: '120000.50', currency: 'cny' },
      expectedCloseDate: '2026-12-15',
    });
    const o = (
      await graphqlOk<{ opportunity: Record<string, unknown> }>(h.app, {
        query: `query($id: ID!) { opportunity(id: $id) { ${OPPORTUNITY_FIELDS} } }`,
        variables: { id },
        token: await h.tokenFor(rep),
      })
    ).opportunity;
    expect(o).toMatchObject({
      status: 'OPEN',
      stage: { key: 'QUALIFICATION' },
      probability: 10,
      amount: { amount: '120000.50', currency: 'CNY' },
      weightedAmount: { amount: '12000.05', currency: 'CNY' },
      owner: { id: rep.id },
      teamId: team.teamId,
      history: [{ from: null, to: { key: 'QUALIFICATION' }, changedBy: { id: rep.id } }],
    });
    const [event] = await outbox(id);
    expect(event.type).toBe('crm.sales.opportunity.created.v1');
    expect(event.key).toBe(customerId);
    expect(event.payload).toMatchObject({ stage: 'QUALIFICATION', probability: 10 });
  });

  it('moves forward one stage or over one, back to an earlier stage, and refuses a longer jump', async () => {
    const id = await anOpportunity(h, team.reps[0], {
      customerId: await aCustomer(h, team.reps[0]),
    });
    const tooFar = await move(id, 'NEGOTIATION');
    expect(tooFar.opportunity).toBeNull();
    expect(tooFar.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'stageId'], code: 'INVALID_TRANSITION' }),
    ]);
    expect(tooFar.userErrors[0].message).toMatch(/would skip 2 stages \(at most 1 allowed\)/);
    expect((await move(id, 'PROPOSAL')).opportunity?.stage.key).toBe('PROPOSAL');
    expect((await move(id, 'NEEDS_ANALYSIS')).opportunity?.stage.key).toBe('NEEDS_ANALYSIS');
    const history = (await move(id, 'NEGOTIATION')).opportunity!.history;
    expect(history.map((c) => [c.from?.key ?? null, c.to.key])).toEqual([
      [null, 'QUALIFICATION'],
      ['QUALIFICATION', 'PROPOSAL'],
      ['PROPOSAL', 'NEEDS_ANALYSIS'],
      ['NEEDS_ANALYSIS', 'NEGOTIATION'],
    ]);
  });

  it('refuses to win from the first stage and changes nothing', async () => {
    const id = await anOpportunity(h, team.reps[0], {
      customerId: await aCustomer(h, team.reps[0]),
    });
    const result = await mutate('markOpportunityWon', { id });
    expect(result.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'id'] }),
    ]);
    expect(result.userErrors[0].message).toMatch(/cannot be won straight from the first stage/);
    const events = await outbox(id);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.opportunity.created.v1',
    ]);
  });

  it('wins from Proposal with a reason, publishes stage_changed and opportunity.won, and never reopens', async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const id = await anOpportunity(h, rep, { customerId, amount: { amount: '88000' } });
    await move(id, 'PROPOSAL');
    const won = await mutate('markOpportunityWon', { id, reason: '价格与交付周期最优' });
    expect(won.opportunity).toMatchObject({
      status: 'WON',
      stage: { key: 'WON' },
      closeReason: '价格与交付周期最优',
    });
    const events = await outbox(id);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.opportunity.created.v1',
      'crm.sales.opportunity.stage_changed.v1',
      'crm.sales.opportunity.stage_changed.v1',
      'crm.sales.opportunity.won.v1',
    ]);
    expect(events[3].payload).toMatchObject({
      customerId,
      amount: { amount: '88000.00', currency: 'CNY' },
      ownerId: rep.id,
      teamId: team.teamId,
      sourceCampaignId: null,
      leadId: null,
    });
    const reopen = await move(id, 'NEGOTIATION');
    expect(reopen.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(reopen.userErrors[0].message).toMatch(/already won/);
    const edit = await mutate('updateOpportunity', { id, amount: { amount: '1' } });
    expect(edit.userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      field: ['input', 'id'],
    });
  });

  it('needs a reason to lose and publishes opportunity.lost with it', async () => {
    const id = await anOpportunity(h, team.reps[1], {
      customerId: await aCustomer(h, team.reps[1]),
    });
    const noReason = await mutate('markOpportunityLost', { id }, team.reps[1]);
    expect(noReason.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'reason'], code: 'REQUIRED' }),
    ]);
    const lost = await mutate('markOpportunityLost', { id, reason: '预算取消' }, team.reps[1]);
    expect(lost.opportunity).toMatchObject({ status: 'LOST', closeReason: '预算取消' });
    const events = await outbox(id);
    expect(events.at(-1)).toMatchObject({
      type: 'crm.sales.opportunity.lost.v1',
      payload: expect.objectContaining({ reason: '预算取消', stage: 'LOST', missingFeature: null }),
    });
  });

  it('carries the feature a lost customer missed on opportunity.lost, and refuses one on a win', async () => {
    const rep = team.reps[1];
    const id = await anOpportunity(h, rep, { customerId: await aCustomer(h, rep) });
    const won = await mutate('markOpportunityWon', { id, missingFeature: 'Excel export' }, rep);
    expect(won.userErrors).toEqual([
      {
        field: ['input', 'missingFeature'],
        code: 'INVALID',
        message: 'missingFeature: only a lost opportunity cites one',
      },
    ]);
    const words = '  They chose a rival: no export of invoices to Excel  ';
    const lost = await mutate(
      'markOpportunityLost',
      { id, reason: 'Lost to a competitor', missingFeature: words },
      rep,
    );
    expect(lost.opportunity).toMatchObject({ status: 'LOST' });
    const events = await outbox(id);
    expect(events.filter((e: { type: string }) => e.type.endsWith('.won.v1'))).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: 'crm.sales.opportunity.lost.v1',
      payload: expect.objectContaining({
        reason: 'Lost to a competitor',
        missingFeature: words.trim(),
      }),
    });
  });
});

describe('who sees and changes opportunities', () => {
  it("hides a rep's opportunity from another team's rep, shows it to the manager, and lists with one query per entity type", async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const ids = [
      await anOpportunity(h, rep, { customerId }),
      await anOpportunity(h, rep, { customerId }),
      await anOpportunity(h, rep, { customerId }),
    ];
    const outsider = aViewer({ roles: ['SALES_REP'] });
    const query = `query($id: ID!) { opportunity(id: $id) { id } }`;
    const hidden = await graphqlOk<{ opportunity: null }>(h.app, {
      query,
      variables: { id: ids[0] },
      token: await h.tokenFor(outsider),
    });
    expect(hidden.opportunity).toBeNull();
    const steal = await mutate(
      'moveOpportunityStage',
      { id: ids[0], stageId: stages.PROPOSAL },
      outsider,
    );
    expect(steal.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });

    h.counter.reset();
    const list = await graphqlOk<{
      opportunities: {
        totalCount: number;
        nodes: { id: string; stage: { key: string }; history: unknown[] }[];
      };
    }>(h.app, {
      query: `query($f: OpportunityFilter) { opportunities(first: 10, filter: $f) { totalCount
        nodes { id stage { key } probability weightedAmount { amount } history { to { key } } customer { id } } } }`,
      variables: { f: { customerIds: [customerId] } },
      token: await h.tokenFor(team.manager),
    });
    expect(list.opportunities.totalCount).toBe(3);
    expect(list.opportunities.nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(h.counter.matching(/FROM opportunity_stages/)).toHaveLength(1);
    expect(h.counter.matching(/FROM opportunity_stage_history/)).toHaveLength(1);
    expect(h.counter.matching(/FROM customers/)).toHaveLength(1);
  });

  it('refuses a marketer any pipeline change with FORBIDDEN', async () => {
    const result = await graphql(h.app, {
      query: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } } }`,
      variables: { input: { customerId: team.teamId, name: 'x', amount: { amount: '1' } } },
      token: await h.tokenFor(aViewer({ roles: ['MARKETER'] })),
    });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('configuring the pipeline', () => {
  const CONFIGURE = `mutation($input: ConfigurePipelineStagesInput!) { configurePipelineStages(input: $input) {
    stages { key name probability position active } userErrors { field code message } } }`;
  const DEFAULT = [
    { key: 'QUALIFICATION', name: '初步接洽 Qualification', probability: 10 },
    { key: 'NEEDS_ANALYSIS', name: '需求确认 Needs analysis', probability: 30 },
    { key: 'PROPOSAL', name: '方案报价 Proposal', probability: 50 },
    { key: 'NEGOTIATION', name: '谈判 Negotiation', probability: 70 },
    { key: 'WON', name: '赢单 Won', probability: 100, closedWon: true },
    { key: 'LOST', name: '输单 Lost', probability: 0, closedLost: true },
  ];

  it('lets an admin insert a stage and retire it again, and checks the pipeline stays whole', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    const withDemo = [
      ...DEFAULT.slice(0, 2),
      { key: 'demo_done', name: '演示完成 Demo', probability: 40 },
      ...DEFAULT.slice(2),
    ];
    type Result = {
      configurePipelineStages: {
        stages: { key: string; position: number; active: boolean; probability: number }[] | null;
        userErrors: { field: string[]; code: string; message: string }[];
      };
    };
    const added = await graphqlOk<Result>(h.app, {
      query: CONFIGURE,
      variables: { input: { stages: withDemo } },
      token: admin,
    });
    expect(
      added.configurePipelineStages.stages!.filter((s) => s.active).map((s) => [s.key, s.position]),
    ).toEqual([
      ['QUALIFICATION', 1],
      ['NEEDS_ANALYSIS', 2],
      ['DEMO_DONE', 3],
      ['PROPOSAL', 4],
      ['NEGOTIATION', 5],
      ['WON', 6],
      ['LOST', 7],
    ]);
    const broken = await graphqlOk<Result>(h.app, {
      query: CONFIGURE,
      variables: { input: { stages: DEFAULT.filter((s) => s.key !== 'WON') } },
      token: admin,
    });
    expect(broken.configurePipelineStages.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'stages'],
        message: 'stages: needs exactly one won stage',
      }),
    ]);
    const restored = await graphqlOk<Result>(h.app, {
      query: CONFIGURE,
      variables: { input: { stages: DEFAULT } },
      token: admin,
    });
    const demo = restored.configurePipelineStages.stages!.find((s) => s.key === 'DEMO_DONE');
    expect(demo?.active).toBe(false);
    const rep = await graphql(h.app, {
      query: CONFIGURE,
      variables: { input: { stages: DEFAULT } },
      token: await h.tokenFor(team.reps[0]),
    });
    expect(rep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
