import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import {
  customerCreated,
  leadAssigned,
  leadContacted,
  leadConverted,
  taskOverdue,
  ticketOpened,
  ticketSlaBreached,
  ticketStatusChanged,
  type EventData,
} from '@crm/events';
import { aCustomerSnapshot, aViewer, graphqlOk, produceEvent } from '@crm/testing';
import { aTicket, handledBy, startAnalytics, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const team = newId();
const rep = newId();
const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const customer = aCustomerSnapshot({ ownerId: rep, teamId: team });

const task = (dueAt: string): EventData<typeof taskOverdue> => ({
  taskId: newId(),
  customerId: customer.customerId,
  title: 'Call back',
  assigneeId: rep,
  teamId: team,
  dueAt,
  detectedAt: dueAt,
});
const lead = (dueHoursAgo: number): EventData<typeof leadAssigned> => ({
  leadId: newId(),
  assigneeId: rep,
  teamId: team,
  rule: 'ROUND_ROBIN',
  dueAt: ago(dueHoursAgo),
  previousAssigneeId: null,
  assignedAt: ago(dueHoursAgo + 24),
});
const breach = (
  t: EventData<typeof ticketOpened>,
  target: 'FIRST_RESPONSE' | 'RESOLUTION',
  dueAt: string,
): EventData<typeof ticketSlaBreached> => ({
  ticketId: t.ticketId,
  customerId: t.customerId,
  customerTier: null,
  priority: t.priority,
  target,
  policyId: newId(),
  dueAt,
  assigneeId: null,
  escalationLevel: 'TEAM_MANAGER',
  notifyIds: [],
  occurredAt: dueAt,
  firstBreach: true,
});

const [task1, task2] = [task(ago(24)), task(ago(48))];
const [pastDue, contacted, future, converted, oldest] = [
  lead(48),
  lead(24),
  lead(-24),
  lead(72),
  lead(120),
];
const [open1, resolved, open3] = [1, 2, 3].map(() => aTicket(customer.customerId));

beforeAll(async () => {
  const ids = [
    produceEvent(customerCreated, customer),
    produceEvent(taskOverdue, task1),
    produceEvent(taskOverdue, task2),
    ...[pastDue, contacted, future, converted, oldest].map((l) => produceEvent(leadAssigned, l)),
    produceEvent(leadContacted, {
      leadId: contacted.leadId,
      assigneeId: rep,
      contactedAt: ago(30),
      withinSla: true,
    }),
    produceEvent(leadConverted, {
      leadId: converted.leadId,
      customerId: customer.customerId,
      contactId: null,
      opportunityId: null,
      campaignId: null,
      existingCustomer: true,
      convertedBy: rep,
      convertedAt: ago(80),
    }),
    ...[open1, resolved, open3].map((t) => produceEvent(ticketOpened, t)),
    produceEvent(ticketStatusChanged, {
      ...resolved,
      status: 'RESOLVED',
      resolvedAt: ago(1),
      version: 2,
      previousStatus: 'OPEN',
    }),
    produceEvent(ticketSlaBreached, breach(open1, 'RESOLUTION', ago(24))),
    produceEvent(ticketSlaBreached, breach(resolved, 'RESOLUTION', ago(100))),
    produceEvent(ticketSlaBreached, breach(open3, 'FIRST_RESPONSE', ago(72))),
    produceEvent(ticketSlaBreached, breach(open3, 'RESOLUTION', ago(10))),
  ];
  await handledBy(h.dataSource, h.groupId, ids);
});

const QUERY = `{ bottlenecks {
  overdueTasks { taskId customer { id } assignee { id } team { id } }
  overdueTaskCount
  leadsPastFirstContact { lead { id } assignee { id } }
  leadsPastFirstContactCount
  ticketsPastSla { ticket { id } target }
  ticketsPastSlaCount
  byTeam { team { id } overdueTasks leadsPastFirstContact ticketsPastSla }
} }`;

interface Result {
  bottlenecks: {
    overdueTasks: { taskId: string }[];
    overdueTaskCount: number;
    leadsPastFirstContact: { lead: { id: string } }[];
    ticketsPastSla: { ticket: { id: string }; target: string }[];
    byTeam: unknown[];
  };
}

const ask = async (viewer: Viewer) =>
  (await graphqlOk<Result>(h.app, { query: QUERY, token: await h.tokenFor(viewer) })).bottlenecks;

describe('collaboration bottlenecks', () => {
  it('lists overdue tasks, leads past their first-contact deadline and tickets past SLA, oldest first', async () => {
    const b = await ask(aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [team] }));
    expect(b.overdueTasks.map((t) => t.taskId)).toEqual([task2.taskId, task1.taskId]);
    expect(b.leadsPastFirstContact.map((l) => l.lead.id)).toEqual([oldest.leadId, pastDue.leadId]);
    expect(b.ticketsPastSla.map((t) => [t.ticket.id, t.target])).toEqual([
      [open3.ticketId, 'FIRST_RESPONSE'],
      [open1.ticketId, 'RESOLUTION'],
    ]);
    expect(b.byTeam).toEqual(
      expect.arrayContaining([
        { team: { id: team }, overdueTasks: 2, leadsPastFirstContact: 2, ticketsPastSla: 0 },
      ]),
    );
  });

  it('shows the rep their own and another rep nothing of it', async () => {
    const own = await ask(aViewer({ id: rep, roles: ['SALES_REP'] }));
    expect(own.overdueTaskCount).toBe(2);
    expect(own.ticketsPastSla).toHaveLength(2);
    const other = await ask(aViewer({ roles: ['SALES_REP'] }));
    expect(other.overdueTaskCount).toBe(0);
    expect(other.leadsPastFirstContact).toEqual([]);
    expect(other.ticketsPastSla).toEqual([]);
  });
});
