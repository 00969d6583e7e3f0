import { newId } from '@crm/database';
import { ideaShipped, type EventData } from '@crm/events';
import { eventually, graphqlOk, produceEvent, unique } from '@crm/testing';
import { shippedHandlers } from '../src/events/shipped-handlers';
import { startSales, type SalesHarness } from './harness';
import { aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  // stopped by h.stop()
  await h.startConsumer('sales-shipped', shippedHandlers);
});
afterAll(() => h.stop());

async function aCustomerOf(rep: SalesTeam['reps'][number]): Promise<string> {
  const data = await graphqlOk<{ createCustomer: { customer: { id: string } } }>(h.app, {
    query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { message } } }`,
    variables: { input: { name: unique('客户') } },
    token: await h.tokenFor(rep),
  });
  return data.createCustomer.customer.id;
}

const tasksOf = (
  customerId: string,
): Promise<{ title: string; notes: string; assignee_id: string }[]> =>
  h.dataSource.query(
    'SELECT title, notes, assignee_id, created_by FROM tasks WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );

function shipped(
  ideaId: string,
  requesters: EventData<typeof ideaShipped>['requesters'],
): EventData<typeof ideaShipped> {
  return {
    ideaId,
    title: 'Excel export',
    note: 'In release 4.2',
    shippedBy: newId(),
    shippedAt: '2027-01-15T08:00:00.000Z',
    requesters,
    version: 4,
  };
}

describe("a shipped idea becomes a task for each requesting customer's owner", () => {
  it('gives each owner one task to tell their customer, however often the event arrives', async () => {
    const [rep1, rep2] = team.reps;
    const a = await aCustomerOf(rep1);
    const b = await aCustomerOf(rep2);
    const ideaId = newId();
    const event = shipped(ideaId, [
      { customerId: a, importance: null, feedbackIds: [newId()], ticketIds: [] },
      { customerId: b, importance: 'CRITICAL', feedbackIds: [] },
    ]);
    const eventId = produceEvent(ideaShipped, event);
    produceEvent(ideaShipped, event, { id: eventId });
    await eventually(async () => expect(await tasksOf(b)).toHaveLength(1));
    expect(await tasksOf(a)).toEqual([
      expect.objectContaining({
        title: 'Tell them it shipped: Excel export',
        notes: `Idea ${ideaId} shipped on 2027-01-15T08:00:00.000Z; they asked for it. Product's note: In release 4.2`,
        assignee_id: rep1.id,
        created_by: null,
      }),
    ]);
    expect((await tasksOf(b))[0]).toMatchObject({
      assignee_id: rep2.id,
      notes: expect.stringContaining('they voted for it (critical)'),
    });
    // a later event of the same idea (same partition) is handled after the repeat: still one task each
    const c = await aCustomerOf(rep1);
    produceEvent(
      ideaShipped,
      shipped(ideaId, [{ customerId: c, importance: null, feedbackIds: [] }]),
    );
    await eventually(async () => expect(await tasksOf(c)).toHaveLength(1));
    expect(await tasksOf(a)).toHaveLength(1);
    expect(await tasksOf(b)).toHaveLength(1);
    const agenda = await graphqlOk<{
      tasks: { nodes: { title: string; customer: { id: string } | null }[] };
    }>(h.app, {
      query: '{ tasks(first: 100) { nodes { title customer { id } } } }',
      token: await h.tokenFor(rep2),
    });
    expect(agenda.tasks.nodes).toContainEqual({
      title: 'Tell them it shipped: Excel export',
      customer: { id: b },
    });
  });
});
