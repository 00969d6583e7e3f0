import { newId } from '@crm/database';
import { ticketCsatReceived, ticketSlaBreached, type EventData } from '@crm/events';
import { eventually, graphqlOk, produceEvent, unique } from '@crm/testing';
import { serviceLoopHandlers } from '../src/events/service-loop-handlers';
import { startSales, type SalesHarness } from './harness';
import { aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  // stopped by h.stop()
  await h.startConsumer('sales-service-loop', serviceLoopHandlers);
});
afterAll(() => h.stop());

async function aCustomerOfTier(tier: string): Promise<string> {
  const data = await graphqlOk<{ createCustomer: { customer: { id: string } } }>(h.app, {
    query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { message } } }`,
    variables: { input: { name: unique('客户'), tier } },
    token: await h.tokenFor(team.reps[0]),
  });
  return data.createCustomer.customer.id;
}

const csat = (customerId: string, score: number): EventData<typeof ticketCsatReceived> => ({
  surveyId: newId(),
  ticketId: newId(),
  customerId,
  assigneeId: null,
  score,
  reason: 'RESPONSE_TIME',
  hasComment: false,
  answeredAt: new Date().toISOString(),
  occurredAt: new Date().toISOString(),
});

const breach = (customerId: string, firstBreach: boolean): EventData<typeof ticketSlaBreached> => ({
  ticketId: newId(),
  customerId,
  customerTier: 'KEY',
  priority: 'HIGH',
  target: 'FIRST_RESPONSE',
  policyId: newId(),
  dueAt: new Date().toISOString(),
  assigneeId: null,
  escalationLevel: 'TEAM_MANAGER',
  notifyIds: [],
  firstBreach,
  occurredAt: new Date().toISOString(),
});

async function tasksOf(customerId: string): Promise<{ title: string; assignee_id: string }[]> {
  return h.dataSource.query(
    'SELECT title, assignee_id, created_by FROM tasks WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );
}

describe("customer service's signals become the owner's tasks", () => {
  it('a satisfaction score of 2 or less gives the owner a call-back task; a better one does not', async () => {
    const customerId = await aCustomerOfTier('B');
    produceEvent(ticketCsatReceived, csat(customerId, 4));
    produceEvent(ticketCsatReceived, csat(customerId, 2));
    // same customer, same partition: once the second is handled, the first was too
    await eventually(async () => expect(await tasksOf(customerId)).toHaveLength(1));
    const [task] = await h.dataSource.query(
      "SELECT title, assignee_id, created_by, due_at - created_at > interval '23 hours' AS tomorrow FROM tasks WHERE customer_id = $1",
      [customerId],
    );
    expect(task).toEqual({
      title: 'Call back: satisfaction 2/5 on a support ticket',
      assignee_id: team.reps[0].id,
      created_by: null,
      tomorrow: true,
    });
    const agenda = await graphqlOk<{ tasks: { nodes: { customer: { id: string } | null }[] } }>(
      h.app,
      {
        query: '{ tasks(first: 100) { nodes { customer { id } } } }',
        token: await h.tokenFor(team.reps[0]),
      },
    );
    expect(agenda.tasks.nodes.map((n) => n.customer?.id)).toContain(customerId);
  });

  it("only a KEY account's first breach of a target gives the owner a task", async () => {
    const key = await aCustomerOfTier('KEY');
    const other = await aCustomerOfTier('A');
    produceEvent(ticketSlaBreached, breach(other, true));
    produceEvent(ticketSlaBreached, breach(key, false));
    produceEvent(ticketSlaBreached, breach(key, true));
    await eventually(async () => expect(await tasksOf(key)).toHaveLength(1));
    expect((await tasksOf(key))[0].title).toBe('Call back: a KEY account missed its support SLA');
    produceEvent(ticketCsatReceived, csat(other, 1));
    await eventually(async () => expect(await tasksOf(other)).toHaveLength(1));
    expect((await tasksOf(other))[0].title).toContain('satisfaction 1/5');
  });
});
