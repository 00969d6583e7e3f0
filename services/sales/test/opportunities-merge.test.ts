import { aViewer, graphqlOk } from '@crm/testing';
import { findJob } from '@crm/scheduler';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, anOpportunity, aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
});
afterAll(() => h.stop());

async function call<T>(query: string, input: Record<string, unknown>, viewer = team.reps[0]) {
  return graphqlOk<T>(h.app, { query, variables: { input }, token: await h.tokenFor(viewer) });
}

const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } userErrors { message } } }`;
const TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { message } } }`;

describe('pipeline records follow their customer', () => {
  it('moves opportunities, activities, tasks and the planned follow-up to the surviving customer on a merge', async () => {
    const rep = team.reps[0];
    const [target, source] = [await aCustomer(h, rep), await aCustomer(h, rep)];
    const opportunityId = await anOpportunity(h, rep, { customerId: source });
    const next = new Date(Date.now() + 86_400_000).toISOString();
    await call(LOG, { customerId: source, kind: 'CALL', subject: '电话', nextFollowUpAt: next });
    const task = await call<{ createTask: { task: { id: string } } }>(TASK, {
      title: '寄样品',
      dueAt: next,
      customerId: source,
    });
    const merged = await call<{ mergeCustomers: { userErrors: unknown[] } }>(
      `mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { userErrors { field code message } } }`,
      { targetId: target, sourceId: source },
      team.manager,
    );
    expect(merged.mergeCustomers.userErrors).toEqual([]);
    const view = await graphqlOk<{
      customer: {
        opportunities: { nodes: { id: string }[] };
        activities: { nodes: unknown[] };
        openTasks: { id: string }[];
        nextFollowUpAt: string;
      };
    }>(h.app, {
      query: `query($id: ID!) { customer(id: $id) { opportunities { nodes { id } } activities { nodes { id } } openTasks { id } nextFollowUpAt } }`,
      variables: { id: target },
      token: await h.tokenFor(rep),
    });
    expect(view.customer).toEqual({
      opportunities: { nodes: [{ id: opportunityId }] },
      activities: { nodes: [expect.anything()] },
      openTasks: [{ id: task.createTask.task.id }],
      nextFollowUpAt: next,
    });
    expect(
      (await findJob(h.dataSource.manager, 'sales.followup.missed', target))?.dueAt.toISOString(),
    ).toBe(next);
    expect((await findJob(h.dataSource.manager, 'sales.followup.missed', source))?.lastError).toBe(
      'cancelled',
    );
  });

  it("hands open tasks and open opportunities to the customer's new owner", async () => {
    const [from, to] = team.reps;
    const customerId = await aCustomer(h, from);
    const open = await anOpportunity(h, from, { customerId });
    const task = await call<{ createTask: { task: { id: string } } }>(
      TASK,
      { title: '跟进', dueAt: new Date(Date.now() + 3_600_000).toISOString(), customerId },
      from,
    );
    const transferred = await call<{ transferCustomers: { userErrors: unknown[] } }>(
      `mutation($input: TransferCustomersInput!) { transferCustomers(input: $input) { userErrors { field code message } } }`,
      { customerIds: [customerId], toOwnerId: to.id },
      team.manager,
    );
    expect(transferred.transferCustomers.userErrors).toEqual([]);
    const [t] = await h.dataSource.query('SELECT assignee_id FROM tasks WHERE id = $1', [
      task.createTask.task.id,
    ]);
    expect(t.assignee_id).toBe(to.id);
    const [o] = await h.dataSource.query(
      'SELECT owner_id, team_id FROM opportunities WHERE id = $1',
      [open],
    );
    expect(o).toEqual({ owner_id: to.id, team_id: team.teamId });
    const hidden = await graphqlOk<{ opportunity: null }>(h.app, {
      query: 'query($id: ID!) { opportunity(id: $id) { id } }',
      variables: { id: open },
      token: await h.tokenFor(aViewer({ id: from.id, roles: ['SALES_REP'] })),
    });
    expect(hidden.opportunity).toBeNull();
  });
});
