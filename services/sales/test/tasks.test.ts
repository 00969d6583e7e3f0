import type { Viewer } from '@crm/auth';
import { findJob } from '@crm/scheduler';
import { aViewer, graphql, graphqlOk, testLogger, TIMERS_BUT_DATE } from '@crm/testing';
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

const TASK_FIELDS =
  'id title status dueAt remindAt overdue overdueAt completedAt assignee { id } customer { id }';

interface TaskView {
  id: string;
  status: string;
  overdue: boolean;
  overdueAt: string | null;
  remindAt: string | null;
}

async function taskMutation(
  name: string,
  input: Record<string, unknown>,
  viewer: Viewer = team.reps[0],
) {
  const type =
    name === 'completeTask' || name === 'cancelTask'
      ? 'TaskIdInput'
      : `${name[0].toUpperCase()}${name.slice(1)}Input`;
  const data = await graphqlOk<
    Record<
      string,
      { task: TaskView | null; userErrors: { field: string[]; code: string; message: string }[] }
    >
  >(h.app, {
    query: `mutation($input: ${type}!) { ${name}(input: $input) { task { ${TASK_FIELDS} } userErrors { field code message } } }`,
    variables: { input },
    token: await h.tokenFor(viewer),
  });
  return data[name];
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1_000);
const sleepUntil = (t: Date) =>
  new Promise((r) => setTimeout(r, Math.max(0, t.getTime() - Date.now() + 100)));
const eventsOf = (subject: string) =>
  h.dataSource.query('SELECT type, payload FROM outbox WHERE subject = $1 ORDER BY id', [subject]);

describe('tasks and the scheduler', () => {
  it('sends the reminder before the due time and marks the task overdue after it, publishing both events', async () => {
    const rep = team.reps[0];
    const customerId = await aCustomer(h, rep);
    const dueAt = inSeconds(61);
    const created = await taskMutation('createTask', {
      title: '发送合同草稿',
      dueAt: dueAt.toISOString(),
      remindBeforeMinutes: 1,
      customerId,
    });
    expect(created.userErrors).toEqual([]);
    const task = created.task!;
    expect(task.remindAt).toBe(new Date(dueAt.getTime() - 60_000).toISOString());
    const scheduler = createSalesScheduler({ dataSource: h.dataSource, logger: testLogger() });
    await sleepUntil(new Date(task.remindAt!));
    await scheduler.runDue();
    expect((await eventsOf(task.id)).map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.task.reminder_due.v1',
    ]);

    // Move the due time close to now: the overdue job moves with it.
    const soon = inSeconds(1);
    const moved = await taskMutation('updateTask', {
      id: task.id,
      dueAt: soon.toISOString(),
      remindBeforeMinutes: null,
    });
    expect(moved.task).toMatchObject({ overdue: false, remindAt: null });
    await sleepUntil(soon);
    await scheduler.runDue();
    const events = await eventsOf(task.id);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.task.reminder_due.v1',
      'crm.sales.task.overdue.v1',
    ]);
    expect(events[1].payload).toMatchObject({
      taskId: task.id,
      customerId,
      assigneeId: rep.id,
      teamId: team.teamId,
      dueAt: soon.toISOString(),
    });
    const [row] = await h.dataSource.query('SELECT overdue_at FROM tasks WHERE id = $1', [task.id]);
    expect(row.overdue_at).not.toBeNull();
  });

  it('marks a task overdue by the database clock even when the application clock lags behind', async () => {
    const dueAt = inSeconds(1);
    const { task } = await taskMutation('createTask', {
      title: '时钟偏差',
      dueAt: dueAt.toISOString(),
    });
    await sleepUntil(dueAt);
    const scheduler = createSalesScheduler({ dataSource: h.dataSource, logger: testLogger() });
    // The service's clock is ten minutes behind the database's: the job is due by the
    // database, and the handler must not decide otherwise by its own clock and drop it.
    jest.useFakeTimers({ doNotFake: [...TIMERS_BUT_DATE], now: Date.now() - 10 * 60_000 });
    try {
      await scheduler.runDue();
    } finally {
      jest.useRealTimers();
    }
    expect((await eventsOf(task!.id)).map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.task.overdue.v1',
    ]);
  });

  it('cancels the jobs of a completed task and refuses to change it again', async () => {
    const dueAt = inSeconds(1);
    const { task } = await taskMutation('createTask', {
      title: '回访',
      dueAt: dueAt.toISOString(),
    });
    const done = await taskMutation('completeTask', { id: task!.id });
    expect(done.task).toMatchObject({ status: 'DONE', overdue: false });
    expect((await findJob(h.dataSource.manager, 'sales.task.overdue', task!.id))?.lastError).toBe(
      'cancelled',
    );
    await sleepUntil(dueAt);
    await createSalesScheduler({ dataSource: h.dataSource, logger: testLogger() }).runDue();
    expect(await eventsOf(task!.id)).toEqual([]);
    const again = await taskMutation('cancelTask', { id: task!.id });
    expect(again.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'id'] }),
    ]);
  });

  it('lets a manager assign a task within the team but not a rep to someone else', async () => {
    const [a, b] = team.reps;
    const byManager = await taskMutation(
      'createTask',
      { title: '准备投标', dueAt: inSeconds(3600).toISOString(), assigneeId: b.id },
      team.manager,
    );
    expect(byManager.task).toMatchObject({ assignee: { id: b.id } });
    const byRep = await taskMutation(
      'createTask',
      { title: 'x', dueAt: inSeconds(3600).toISOString(), assigneeId: b.id },
      a,
    );
    expect(byRep.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'assigneeId'], code: 'FORBIDDEN' }),
    ]);
    const hidden = await graphqlOk<{ task: null }>(h.app, {
      query: 'query($id: ID!) { task(id: $id) { id } }',
      variables: { id: byManager.task!.id },
      token: await h.tokenFor(a),
    });
    expect(hidden.task).toBeNull();
  });
});

describe('the agenda', () => {
  const AGENDA = `query($reps: [_Any!]!, $date: String) { _entities(representations: $reps) { ... on Employee {
    agenda(date: $date) { date dueToday { id } overdue { id overdue } followUps { customer { id } dueAt missedAt activity { id } } } } } }`;

  interface AgendaView {
    date: string;
    dueToday: { id: string }[];
    overdue: { id: string; overdue: boolean }[];
    followUps: { customer: { id: string }; dueAt: string }[];
  }

  async function agenda(of: Viewer, viewer: Viewer, date?: string) {
    const data = await graphqlOk<{ _entities: { agenda: AgendaView | null }[] }>(h.app, {
      query: AGENDA,
      variables: { reps: [{ __typename: 'Employee', id: of.id }], date },
      token: await h.tokenFor(viewer),
    });
    return data._entities[0].agenda;
  }

  it("shows a rep's tasks due that day, overdue tasks and customers to follow up, in the business time zone", async () => {
    const own = await aSalesTeam(h);
    const rep = own.reps[1];
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() + 86_400_000),
    );
    // 23:30 in Shanghai is 15:30 UTC of the same date: due that day, not the next.
    const lateTomorrow = `${tomorrow}T15:30:00.000Z`;
    const due = await taskMutation(
      'createTask',
      { title: '明天提交方案', dueAt: lateTomorrow },
      rep,
    );
    const dayAfter = await taskMutation(
      'createTask',
      { title: '后天', dueAt: `${tomorrow}T16:30:00.000Z` },
      rep,
    );
    const late = await taskMutation(
      'createTask',
      { title: '已逾期', dueAt: inSeconds(-3600).toISOString() },
      rep,
    );
    const customerId = await aCustomer(h, rep);
    const followUpAt = inSeconds(3600).toISOString();
    await graphqlOk(h.app, {
      query: `mutation($input: LogActivityInput!) { logActivity(input: $input) { userErrors { message } } }`,
      variables: {
        input: { customerId, kind: 'MEETING', subject: '需求会议', nextFollowUpAt: followUpAt },
      },
      token: await h.tokenFor(rep),
    });
    const mine = await agenda(rep, rep, tomorrow);
    expect(mine!.date).toBe(tomorrow);
    expect(mine!.dueToday.map((t) => t.id)).toEqual([due.task!.id]);
    expect(mine!.dueToday.map((t) => t.id)).not.toContain(dayAfter.task!.id);
    expect(mine!.overdue).toEqual([{ id: late.task!.id, overdue: true }]);
    expect(mine!.followUps).toEqual([
      expect.objectContaining({ customer: { id: customerId }, dueAt: followUpAt }),
    ]);

    expect((await agenda(rep, own.manager, tomorrow))!.overdue).toHaveLength(1);
    expect(await agenda(rep, own.reps[0])).toBeNull();
    expect(await agenda(rep, team.manager)).toBeNull();
    expect(await agenda(rep, aViewer({ roles: ['MARKETER'] }))).toBeNull();
  });

  it('refuses a date that is not a date', async () => {
    const result = await graphql(h.app, {
      query: AGENDA,
      variables: { reps: [{ __typename: 'Employee', id: team.reps[0].id }], date: '31.12.2026' },
      token: await h.tokenFor(team.reps[0]),
    });
    expect(result.errors?.[0].message).toMatch(/date must be YYYY-MM-DD/);
  });
});
