import { graphqlOk } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aQualifiedLead, leadEvents, qualify } from './leads-fixtures';
import { aCustomer, aSalesTeam, type SalesTeam } from './opportunities-fixtures';

// Security finding (issue 11): activity dates were unbounded. A follow-up dated in 2099 kept
// a customer out of the public pool forever; a backdated one faked a met deadline.

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h, 1);
});
afterAll(() => h.stop());

type UserErrors = { field: string[]; code: string; message: string }[];
const DAY = 86_400_000;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

async function mutate(name: string, type: string, input: Record<string, unknown>) {
  const data = await graphqlOk<Record<string, { userErrors: UserErrors }>>(h.app, {
    query: `mutation($input: ${type}!) { ${name}(input: $input) { userErrors { field code message } } }`,
    variables: { input },
    token: await h.tokenFor(team.reps[0]),
  });
  return data[name].userErrors;
}

const logActivity = (input: Record<string, unknown>) =>
  mutate('logActivity', 'LogActivityInput', input);

async function followUpState(customerId: string) {
  const [customer] = await h.dataSource.query(
    'SELECT last_follow_up_at FROM customers WHERE id = $1',
    [customerId],
  );
  const activities = await h.dataSource.query('SELECT 1 FROM activities WHERE customer_id = $1', [
    customerId,
  ]);
  const plans = await h.dataSource.query('SELECT 1 FROM follow_up_plans WHERE customer_id = $1', [
    customerId,
  ]);
  return {
    lastFollowUpAt: customer.last_follow_up_at,
    activities: activities.length,
    plans: plans.length,
  };
}

describe('activity and task dates are bounded', () => {
  /** Logs a call with `dates`; expects the one userError and no change to the customer. */
  async function refused(dates: Record<string, string>, field: string, message: string) {
    const customerId = await aCustomer(h, team.reps[0]);
    const before = await followUpState(customerId);
    const errors = await logActivity({ customerId, kind: 'CALL', subject: '电话', ...dates });
    expect(errors).toEqual([{ field: ['input', field], code: 'INVALID', message }]);
    expect(await followUpState(customerId)).toEqual(before);
    return customerId;
  }
  const occurredRange =
    'occurredAt: must lie between 30 days in the past and now (5 minutes of clock skew allowed)';

  it('refuses an activity dated in the future (it would keep the customer out of the pool) and changes nothing', async () => {
    await refused({ occurredAt: '2099-01-01T00:00:00Z' }, 'occurredAt', occurredRange);
  });

  it('refuses an activity backdated beyond the limit, and accepts one within it or within the clock skew', async () => {
    const customerId = await refused(
      { occurredAt: fromNow(-31 * DAY) },
      'occurredAt',
      occurredRange,
    );
    const recent = { customerId, kind: 'VISIT', subject: '拜访', occurredAt: fromNow(-29 * DAY) };
    expect(await logActivity(recent)).toEqual([]);
    expect(await logActivity({ ...recent, occurredAt: fromNow(60_000) })).toEqual([]);
  });

  it('refuses a next follow-up beyond a year ahead and changes nothing', async () => {
    const customerId = await refused(
      { nextFollowUpAt: '2099-01-01T00:00:00Z' },
      'nextFollowUpAt',
      'nextFollowUpAt: must be at most 365 days ahead',
    );
    const planned = {
      customerId,
      kind: 'CALL',
      subject: '电话',
      nextFollowUpAt: fromNow(300 * DAY),
    };
    expect(await logActivity(planned)).toEqual([]);
  });

  it('bounds a task due date on create and update', async () => {
    const range = 'dueAt: must lie between 30 days in the past and 365 days ahead';
    const far = await mutate('createTask', 'CreateTaskInput', {
      title: '跟进',
      dueAt: '2099-01-01T00:00:00Z',
    });
    expect(far).toEqual([{ field: ['input', 'dueAt'], code: 'INVALID', message: range }]);
    const ago = await mutate('createTask', 'CreateTaskInput', {
      title: '跟进',
      dueAt: fromNow(-60 * DAY),
    });
    expect(ago).toEqual([{ field: ['input', 'dueAt'], code: 'INVALID', message: range }]);

    const created = await graphqlOk<{ createTask: { task: { id: string; dueAt: string } } }>(
      h.app,
      {
        query: `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id dueAt } } }`,
        variables: { input: { title: '跟进', dueAt: fromNow(DAY) } },
        token: await h.tokenFor(team.reps[0]),
      },
    );
    const task = created.createTask.task;
    const moved = await mutate('updateTask', 'UpdateTaskInput', {
      id: task.id,
      dueAt: '2099-01-01T00:00:00Z',
    });
    expect(moved).toEqual([{ field: ['input', 'dueAt'], code: 'INVALID', message: range }]);
    const [row] = await h.dataSource.query('SELECT due_at FROM tasks WHERE id = $1', [task.id]);
    expect(row.due_at.toISOString()).toBe(task.dueAt);
  });

  it('judges a lead first contact by when it was recorded, not by a backdated occurredAt', async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const lead = (await qualify(h, aQualifiedLead({ matchedCustomerId: customerId })))!;
    // Assigned to the rep (as a rule would; rules are global, other test files switch them),
    // and the first-contact deadline passed an hour ago (the reassignment job has not run yet).
    await h.dataSource.query(
      `UPDATE lead_assignments SET status = 'ASSIGNED', assignee_id = $2, team_id = $3,
         assigned_at = now() - interval '1 day', due_at = now() - interval '1 hour'
       WHERE lead_id = $1`,
      [lead.leadId, rep.id, team.teamId],
    );
    const errors = await logActivity({
      customerId,
      kind: 'CALL',
      subject: '首次电话',
      leadId: lead.leadId,
      occurredAt: fromNow(-2 * 3_600_000),
    });
    expect(errors).toEqual([]);
    const events = await leadEvents(h, lead.leadId);
    expect(events.at(-1)).toMatchObject({
      type: 'crm.sales.lead.contacted.v1',
      payload: { withinSla: false },
    });
  });
});
