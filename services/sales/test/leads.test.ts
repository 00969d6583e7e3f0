import { leadQualified, createConsumer } from '@crm/events';
import { findJob } from '@crm/scheduler';
import { eventually, graphqlOk, testKafka, testLogger, uniqueGroupId, unique } from '@crm/testing';
import { upsertEmployee } from '../src/db/directory';
import { createSalesScheduler } from '../src/events/sales-scheduler';
import { leadHandoffHandlers } from '../src/events/lead-handlers';
import { produce, startSales, type SalesHarness } from './harness';
import { aSalesTeam } from './opportunities-fixtures';
import { aQualifiedLead, aRule, leadEvents, qualify, withoutActiveRules } from './leads-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
// Rules apply to every lead: each test starts with only its own rules.
withoutActiveRules(() => h);
afterAll(() => h.stop());

const sorted = (ids: string[]) => [...ids].sort();

describe('assigning qualified leads', () => {
  it('consumes lead.qualified from Kafka, assigns by territory and publishes lead.assigned with the deadline', async () => {
    const team = await aSalesTeam(h, 1);
    const region = unique('华东');
    await aRule(h, team.manager, {
      kind: 'TERRITORY',
      teamId: team.teamId,
      regions: [region],
      firstContactSeconds: 3600,
    });
    const consumer = createConsumer({
      service: 'sales',
      groupId: uniqueGroupId('sales-leads'),
      kafka: testKafka(),
      dataSource: h.dataSource,
      logger: testLogger(),
      handlers: leadHandoffHandlers(testLogger()),
    });
    await consumer.start();
    try {
      const lead = aQualifiedLead({ region });
      produce(leadQualified, lead);
      const [assigned] = await eventually(async () => {
        const events = (await leadEvents(h, lead.leadId)).filter(
          (e) => e.type === 'crm.sales.lead.assigned.v1',
        );
        expect(events).toHaveLength(1);
        return events;
      });
      expect(assigned.payload).toMatchObject({
        assigneeId: team.reps[0].id,
        teamId: team.teamId,
        rule: 'TERRITORY',
        previousAssigneeId: null,
      });
      const dueIn =
        new Date(assigned.payload.dueAt as string).getTime() -
        new Date(assigned.payload.assignedAt as string).getTime();
      expect(dueIn).toBe(3_600_000);
      const view = await graphqlOk<{
        _entities: {
          assignment: { status: string; assignee: { id: string }; rule: string; phone: string };
        }[];
      }>(h.app, {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { assignment { status assignee { id } rule phone } } } }`,
        variables: { r: [{ __typename: 'Lead', id: lead.leadId }] },
        token: await h.tokenFor(team.reps[0]),
      });
      expect(view._entities[0].assignment).toEqual({
        status: 'ASSIGNED',
        assignee: { id: team.reps[0].id },
        rule: 'TERRITORY',
        phone: lead.phone,
      });
    } finally {
      await consumer.stop();
    }
  });

  it('takes the reps of a team in turn, and sends a lead from a territory to that territory’s team first', async () => {
    const team = await aSalesTeam(h, 3);
    const east = await aSalesTeam(h, 1);
    const region = unique('华南');
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId, priority: 50 });
    await aRule(h, east.manager, {
      kind: 'TERRITORY',
      teamId: east.teamId,
      regions: [region],
      priority: 10,
    });
    const order = sorted(team.reps.map((r) => r.id));
    const assignees = [];
    for (let i = 0; i < 4; i++) assignees.push((await qualify(h, aQualifiedLead()))!.assigneeId);
    expect(assignees).toEqual([order[0], order[1], order[2], order[0]]);
    const territorial = await qualify(h, aQualifiedLead({ region: ` ${region.toUpperCase()} ` }));
    expect(territorial).toMatchObject({
      assigneeId: east.reps[0].id,
      rule: 'TERRITORY',
      teamId: east.teamId,
    });
  });

  it('skips deactivated reps and reps at capacity, and leaves the lead unassigned when nobody is left', async () => {
    const team = await aSalesTeam(h, 3);
    const [gone, ...others] = sorted(team.reps.map((r) => r.id));
    const person = team.reps.find((r) => r.id === gone)!;
    await h.dataSource.transaction((tx) =>
      upsertEmployee(tx, {
        id: gone,
        name: person.name,
        email: person.email,
        roles: person.roles,
        teamId: team.teamId,
        active: false,
        version: 2,
      }),
    );
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId, maxOpenLeads: 1 });
    const first = await qualify(h, aQualifiedLead());
    const second = await qualify(h, aQualifiedLead());
    const third = await qualify(h, aQualifiedLead());
    expect([first!.assigneeId, second!.assigneeId]).toEqual(others);
    expect(third).toMatchObject({ status: 'UNASSIGNED', assigneeId: null });
    expect((await leadEvents(h, third!.leadId)).map((e) => e.type)).toEqual([]);
  });
});

describe('the first-contact deadline', () => {
  it('survives a scheduler restart, publishes lead.sla_breached and reassigns to the next rep', async () => {
    const team = await aSalesTeam(h, 2);
    const [first, next] = sorted(team.reps.map((r) => r.id));
    await aRule(h, team.manager, {
      kind: 'ROUND_ROBIN',
      teamId: team.teamId,
      firstContactSeconds: 1,
    });
    const lead = (await qualify(h, aQualifiedLead()))!;
    expect(lead.assigneeId).toBe(first);
    // A scheduler runs while the deadline is pending, then the service stops.
    const before = createSalesScheduler({
      dataSource: h.dataSource,
      logger: testLogger(),
      pollIntervalMs: 100,
    });
    before.start();
    await before.stop();
    await new Promise((r) => setTimeout(r, lead.dueAt!.getTime() - Date.now() + 150));
    const after = createSalesScheduler({ dataSource: h.dataSource, logger: testLogger() });
    await after.runDue();
    const events = await leadEvents(h, lead.leadId);
    expect(events.map((e) => e.type)).toEqual([
      'crm.sales.lead.assigned.v1',
      'crm.sales.lead.sla_breached.v1',
      'crm.sales.lead.assigned.v1',
    ]);
    expect(events[1].payload).toMatchObject({
      assigneeId: first,
      teamId: team.teamId,
      dueAt: lead.dueAt!.toISOString(),
    });
    expect(events[2].payload).toMatchObject({
      assigneeId: next,
      rule: 'SLA_REASSIGNMENT',
      previousAssigneeId: first,
    });
    const job = await findJob(h.dataSource.manager, 'sales.lead.first_contact', lead.leadId);
    expect(job).toMatchObject({ doneAt: null, dueAt: new Date(events[2].payload.dueAt as string) });
  });

  it('is cancelled by the first contact logged as an activity, which publishes lead.contacted within the deadline', async () => {
    const team = await aSalesTeam(h, 1);
    const rep = team.reps[0];
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const customerId = (
      await graphqlOk<{ createCustomer: { customer: { id: string } } }>(h.app, {
        query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
        variables: { input: { name: unique('老客户') } },
        token: await h.tokenFor(rep),
      })
    ).createCustomer.customer.id;
    const lead = (await qualify(h, aQualifiedLead({ matchedCustomerId: customerId })))!;
    const logged = await graphqlOk<{ logActivity: { userErrors: unknown[] } }>(h.app, {
      query: `mutation($input: LogActivityInput!) { logActivity(input: $input) { userErrors { field code message } } }`,
      variables: { input: { customerId, kind: 'CALL', subject: '首次电话', leadId: lead.leadId } },
      token: await h.tokenFor(rep),
    });
    expect(logged.logActivity.userErrors).toEqual([]);
    const events = await leadEvents(h, lead.leadId);
    expect(events.at(-1)).toMatchObject({
      type: 'crm.sales.lead.contacted.v1',
      payload: { assigneeId: rep.id, withinSla: true },
    });
    expect(
      (await findJob(h.dataSource.manager, 'sales.lead.first_contact', lead.leadId))?.lastError,
    ).toBe('cancelled');
    const mine = await graphqlOk<{ myLeads: { nodes: { status: string; contactedAt: string }[] } }>(
      h.app,
      {
        query: `{ myLeads { nodes { status contactedAt } } }`,
        token: await h.tokenFor(rep),
      },
    );
    expect(mine.myLeads.nodes).toEqual([expect.objectContaining({ status: 'CONTACTED' })]);
  });
});

describe("a rep's leads", () => {
  it('come by deadline when asked, the overdue one first, and page on by deadline', async () => {
    const team = await aSalesTeam(h, 1);
    const rep = team.reps[0];
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const leads: string[] = [];
    for (let i = 0; i < 3; i++) leads.push((await qualify(h, aQualifiedLead()))!.leadId);
    // received in this order; their deadlines: one missed an hour ago, one in 2 h, one in 30 min
    const due = { [leads[0]!]: -3_600_000, [leads[1]!]: 7_200_000, [leads[2]!]: 1_800_000 };
    for (const [leadId, inMs] of Object.entries(due))
      await h.dataSource.query('UPDATE lead_assignments SET due_at = $2 WHERE lead_id = $1', [
        leadId,
        new Date(Date.now() + inMs),
      ]);
    const page = async (args: string) =>
      (
        await graphqlOk<{
          myLeads: { nodes: { lead: { id: string } }[]; pageInfo: { endCursor: string } };
        }>(h.app, {
          query: `{ myLeads(${args}) { nodes { lead { id } } pageInfo { endCursor } } }`,
          token: await h.tokenFor(rep),
        })
      ).myLeads;
    const ids = (p: { nodes: { lead: { id: string } }[] }) => p.nodes.map((n) => n.lead.id);
    expect(ids(await page('first: 10'))).toEqual([leads[2], leads[1], leads[0]]);
    const byDeadline = 'orderBy: { field: DUE_AT, direction: ASC }';
    const first = await page(`first: 2, ${byDeadline}`);
    expect(ids(first)).toEqual([leads[0], leads[2]]);
    const next = await page(`first: 2, after: "${first.pageInfo.endCursor}", ${byDeadline}`);
    expect(ids(next)).toEqual([leads[1]]);
  });
});

describe('converting and disqualifying', () => {
  const CONVERT = `mutation($input: ConvertLeadInput!) { convertLead(input: $input) {
    assignment { status customer { id name } opportunity { id sourceCampaignId leadId amount { amount } owner { id } } }
    userErrors { field code message } } }`;

  it('creates the customer, the contact and an opportunity carrying the campaign, and publishes lead.converted', async () => {
    const team = await aSalesTeam(h, 1);
    const rep = team.reps[0];
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const data = aQualifiedLead();
    await qualify(h, data);
    const result = await graphqlOk<{
      convertLead: {
        assignment: {
          status: string;
          customer: { id: string; name: string };
          opportunity: Record<string, unknown>;
        };
      };
    }>(h.app, {
      query: CONVERT,
      variables: {
        input: {
          leadId: data.leadId,
          opportunity: { amount: { amount: '250000' }, expectedCloseDate: '2031-06-30' },
        },
      },
      token: await h.tokenFor(rep),
    });
    const { customer, opportunity, status } = result.convertLead.assignment;
    expect(status).toBe('CONVERTED');
    expect(customer.name).toBe(data.company);
    expect(opportunity).toMatchObject({
      sourceCampaignId: data.campaignId,
      leadId: data.leadId,
      amount: { amount: '250000.00' },
      owner: { id: rep.id },
    });
    const [contact] = await h.dataSource.query(
      'SELECT name, phone_key FROM contacts WHERE customer_id = $1',
      [customer.id],
    );
    expect(contact).toEqual({ name: data.name, phone_key: data.phoneKey });
    const converted = (await leadEvents(h, data.leadId)).at(-1)!;
    expect(converted).toMatchObject({
      type: 'crm.sales.lead.converted.v1',
      payload: {
        customerId: customer.id,
        opportunityId: opportunity.id,
        campaignId: data.campaignId,
        existingCustomer: false,
        convertedBy: rep.id,
      },
    });
    const [created] = await h.dataSource.query(
      `SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.sales.opportunity.created.v1'`,
      [opportunity.id],
    );
    expect(created.payload).toMatchObject({
      sourceCampaignId: data.campaignId,
      leadId: data.leadId,
    });
  });

  it('links the lead to an existing customer with the same phone instead of creating one', async () => {
    const team = await aSalesTeam(h, 1);
    const rep = team.reps[0];
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const data = aQualifiedLead({ company: null });
    const existing = (
      await graphqlOk<{ createCustomer: { customer: { id: string } } }>(h.app, {
        query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
        variables: { input: { name: data.name, kind: 'PERSON', phone: data.phone } },
        token: await h.tokenFor(rep),
      })
    ).createCustomer.customer.id;
    await qualify(h, data);
    const result = await graphqlOk<{
      convertLead: { assignment: { customer: { id: string }; opportunity: null } };
    }>(h.app, {
      query: CONVERT,
      variables: { input: { leadId: data.leadId } },
      token: await h.tokenFor(rep),
    });
    expect(result.convertLead.assignment).toMatchObject({
      customer: { id: existing },
      opportunity: null,
    });
    expect((await leadEvents(h, data.leadId)).at(-1)!.payload).toMatchObject({
      customerId: existing,
      existingCustomer: true,
      opportunityId: null,
    });
  });

  it('needs a reason to disqualify, and a rep cannot touch another rep’s lead', async () => {
    const team = await aSalesTeam(h, 2);
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const lead = (await qualify(h, aQualifiedLead()))!;
    const owner = team.reps.find((r) => r.id === lead.assigneeId)!;
    const stranger = team.reps.find((r) => r.id !== lead.assigneeId)!;
    const DISQUALIFY = `mutation($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) { assignment { status disqualifyReason } userErrors { field code message } } }`;
    type Result = {
      disqualifyLead: {
        assignment: { status: string; disqualifyReason: string } | null;
        userErrors: { field: string[]; code: string }[];
      };
    };
    const run = async (viewer: typeof owner, reason: string) =>
      (
        await graphqlOk<Result>(h.app, {
          query: DISQUALIFY,
          variables: { input: { leadId: lead.leadId, reason } },
          token: await h.tokenFor(viewer),
        })
      ).disqualifyLead;
    expect((await run(owner, ' ')).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'reason'], code: 'REQUIRED' }),
    ]);
    expect((await run(stranger, '不是目标客户')).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await run(owner, '预算不足，暂无需求')).assignment).toEqual({
      status: 'DISQUALIFIED',
      disqualifyReason: '预算不足，暂无需求',
    });
    expect((await leadEvents(h, lead.leadId)).at(-1)).toMatchObject({
      type: 'crm.sales.lead.disqualified.v1',
      payload: { reason: '预算不足，暂无需求', disqualifiedBy: owner.id },
    });
    expect(
      (await findJob(h.dataSource.manager, 'sales.lead.first_contact', lead.leadId))?.lastError,
    ).toBe('cancelled');
    const teamView = await graphqlOk<{ leadAssignments: { totalCount: number } }>(h.app, {
      query: `query($f: LeadAssignmentFilter) { leadAssignments(filter: $f) { totalCount } }`,
      variables: { f: { teamIds: [team.teamId] } },
      token: await h.tokenFor(team.manager),
    });
    expect(teamView.leadAssignments.totalCount).toBe(1);
  });
});
