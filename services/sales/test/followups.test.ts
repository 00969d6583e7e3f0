import { findJob } from '@crm/scheduler';
import { aViewer, graphqlOk, testLogger } from '@crm/testing';
import { createSalesScheduler } from '../src/events/sales-scheduler';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
});
afterAll(() => h.stop());

const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) {
  activity { id kind subject outcome occurredAt nextFollowUpAt customer { id } owner { id } }
  userErrors { field code message } } }`;

interface Logged {
  logActivity: {
    activity: { id: string; nextFollowUpAt: string | null } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

async function logActivity(input: Record<string, unknown>, viewer = team.reps[0]) {
  return (
    await graphqlOk<Logged>(h.app, {
      query: LOG,
      variables: { input },
      token: await h.tokenFor(viewer),
    })
  ).logActivity;
}

describe('activities', () => {
  it('records the follow-up on the customer, plans the next one and publishes activity.logged', async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const logged = await logActivity({
      customerId,
      kind: 'VISIT',
      subject: '上门拜访',
      outcome: '客户有采购意向',
      nextFollowUpAt: next,
    });
    expect(logged.userErrors).toEqual([]);
    const [customer] = await h.dataSource.query(
      'SELECT last_follow_up_at FROM customers WHERE id = $1',
      [customerId],
    );
    expect(customer.last_follow_up_at).not.toBeNull();
    const view = await graphqlOk<{
      customer: { nextFollowUpAt: string; activities: { nodes: { id: string; kind: string }[] } };
    }>(h.app, {
      query: `query($id: ID!) { customer(id: $id) { nextFollowUpAt activities { nodes { id kind } } } }`,
      variables: { id: customerId },
      token: await h.tokenFor(rep),
    });
    expect(view.customer).toEqual({
      nextFollowUpAt: next,
      activities: { nodes: [{ id: logged.activity!.id, kind: 'VISIT' }] },
    });
    const job = await findJob(h.dataSource.manager, 'sales.followup.missed', customerId);
    expect(job?.dueAt.toISOString()).toBe(next);
    const [event] = await h.dataSource.query(
      'SELECT type, key, payload FROM outbox WHERE subject = $1',
      [logged.activity!.id],
    );
    expect(event).toMatchObject({
      type: 'crm.sales.activity.logged.v1',
      key: customerId,
      payload: expect.objectContaining({ kind: 'VISIT', nextFollowUpAt: next, ownerId: rep.id }),
    });

    // A follow-up without a next date fulfils the plan: nothing is waiting any more.
    await logActivity({ customerId, kind: 'CALL', subject: '电话回访' });
    const after = await findJob(h.dataSource.manager, 'sales.followup.missed', customerId);
    expect(after?.lastError).toBe('cancelled');
    const plans = await h.dataSource.query('SELECT 1 FROM follow_up_plans WHERE customer_id = $1', [
      customerId,
    ]);
    expect(plans).toHaveLength(0);
  });

  it('rejects a next follow-up before the activity and an activity on a customer outside the scope', async () => {
    const customerId = await aCustomer(h, team.reps[0]);
    const early = await logActivity({
      customerId,
      kind: 'CALL',
      subject: 'x',
      occurredAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      nextFollowUpAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    expect(early.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'nextFollowUpAt'],
        code: 'INVALID',
        message: 'nextFollowUpAt: must be after the activity',
      }),
    ]);
    const foreign = await logActivity(
      { customerId, kind: 'NOTE', subject: 'x' },
      aViewer({ roles: ['SALES_REP'] }),
    );
    expect(foreign.userErrors[0]).toMatchObject({
      field: ['input', 'customerId'],
      code: 'NOT_FOUND',
    });
  });

  it('detects a missed follow-up with the scheduler and publishes followup.missed', async () => {
    const rep = team.reps[1];
    const customerId = await aCustomer(h, rep);
    // Far enough ahead that the first pass below surely comes before it, also on a busy machine.
    const due = new Date(Date.now() + 60_000);
    await logActivity(
      { customerId, kind: 'WECHAT', subject: '微信沟通报价', nextFollowUpAt: due.toISOString() },
      rep,
    );
    const scheduler = createSalesScheduler({ dataSource: h.dataSource, logger: testLogger() });
    await scheduler.runDue();
    expect(
      await h.dataSource.query(
        `SELECT 1 FROM outbox WHERE subject = $1 AND type = 'crm.sales.followup.missed.v1'`,
        [customerId],
      ),
    ).toHaveLength(0);
    // A minute passes, as far as the follow-up is concerned: its time (and its job's) moves
    // into the past by the database clock, which the scheduler and its handlers judge by.
    const [[moved]] = await h.dataSource.query(
      `UPDATE follow_up_plans SET due_at = now() - interval '1 second' WHERE customer_id = $1
       RETURNING due_at`,
      [customerId],
    );
    const passed = moved.due_at as Date;
    const jobs = await h.dataSource.query(
      `UPDATE scheduled_jobs SET due_at = $2 WHERE kind = 'sales.followup.missed' AND key = $1 AND done_at IS NULL`,
      [customerId, passed],
    );
    expect(jobs[1]).toBe(1);
    await scheduler.runDue();
    const [missed] = await h.dataSource.query(
      `SELECT key, payload FROM outbox WHERE subject = $1 AND type = 'crm.sales.followup.missed.v1'`,
      [customerId],
    );
    expect(missed.payload).toMatchObject({
      customerId,
      ownerId: rep.id,
      teamId: team.teamId,
      dueAt: passed.toISOString(),
    });
    const [plan] = await h.dataSource.query(
      'SELECT missed_at FROM follow_up_plans WHERE customer_id = $1',
      [customerId],
    );
    expect(plan.missed_at).not.toBeNull();
  });
});
