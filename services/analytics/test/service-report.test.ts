import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import {
  customerCreated,
  employeeCreated,
  ticketCsatReceived,
  ticketOpened,
  ticketSlaBreached,
  ticketStatusChanged,
  type EventData,
} from '@crm/events';
import { aCustomerSnapshot, aViewer, graphql, graphqlOk, produceEvent } from '@crm/testing';
import { aTicket, handledBy, startAnalytics, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const team = newId();
const [agent1, agent2, rep] = [newId(), newId(), newId()];
const key = aCustomerSnapshot({ tier: 'KEY', ownerId: rep, region: 'East' });
const other = aCustomerSnapshot({ tier: 'B', region: 'North' });
const utc = (iso: string) => new Date(iso).toISOString();

type Ticket = EventData<typeof ticketOpened>;
const ticket = (customer: typeof key, assigneeId: string, openedAt: string) =>
  aTicket(customer.customerId, { assigneeId, openedAt: utc(openedAt) });
const resolved = (t: Ticket, at: string): EventData<typeof ticketStatusChanged> => ({
  ...t,
  status: 'RESOLVED',
  resolvedAt: utc(at),
  version: 2,
  previousStatus: 'OPEN',
  occurredAt: utc(at),
});
const breach = (
  t: Ticket,
  target: 'FIRST_RESPONSE' | 'RESOLUTION',
  at: string,
  firstBreach = true,
): EventData<typeof ticketSlaBreached> => ({
  ticketId: t.ticketId,
  customerId: t.customerId,
  customerTier: null,
  priority: t.priority,
  target,
  policyId: newId(),
  dueAt: utc(at),
  assigneeId: t.assigneeId,
  escalationLevel: firstBreach ? 'TEAM_MANAGER' : 'SERVICE_MANAGER',
  notifyIds: [],
  occurredAt: utc(at),
  firstBreach,
});
const csat = (t: Ticket, score: number, at: string): EventData<typeof ticketCsatReceived> => ({
  surveyId: newId(),
  ticketId: t.ticketId,
  customerId: t.customerId,
  assigneeId: t.assigneeId,
  score,
  reason: null,
  hasComment: false,
  answeredAt: utc(at),
  occurredAt: utc(at),
});
const employee = (employeeId: string): EventData<typeof employeeCreated> => ({
  employeeId,
  name: 'Agent',
  email: `${employeeId}@example.com`,
  roles: ['SERVICE_AGENT'],
  teamId: team,
  active: true,
  version: 1,
  occurredAt: new Date().toISOString(),
});

// April 2026 in Shanghai; the figures are worked out in the tests
const t1 = ticket(key, agent1, '2026-04-02T02:00:00Z');
const t2 = ticket(key, agent1, '2026-04-05T02:00:00Z');
const t3 = ticket(other, agent2, '2026-04-10T02:00:00Z');
const t4 = ticket(other, agent2, '2026-03-20T02:00:00Z');

beforeAll(async () => {
  const stream = [
    [employeeCreated, employee(agent1)],
    [employeeCreated, employee(agent2)],
    [customerCreated, key],
    [customerCreated, other],
    ...[t1, t2, t3, t4].map((t) => [ticketOpened, t]),
    [ticketStatusChanged, resolved(t1, '2026-04-03T02:00:00Z')],
    [ticketStatusChanged, resolved(t3, '2026-04-11T02:00:00Z')],
    [ticketStatusChanged, resolved(t4, '2026-04-02T02:00:00Z')],
    [ticketSlaBreached, breach(t1, 'FIRST_RESPONSE', '2026-04-02T03:00:00Z')],
    [ticketSlaBreached, breach(t2, 'RESOLUTION', '2026-04-06T02:00:00Z')],
    [ticketSlaBreached, breach(t2, 'RESOLUTION', '2026-04-07T02:00:00Z', false)],
    [ticketCsatReceived, csat(t1, 1, '2026-04-04T02:00:00Z')],
    [ticketCsatReceived, csat(t3, 5, '2026-04-12T02:00:00Z')],
    [ticketCsatReceived, csat(t4, 4, '2026-04-03T02:00:00Z')],
  ] as const;
  // newest first, every third event twice
  const ids: string[] = [];
  for (const [index, [definition, data]] of [...stream].reverse().entries()) {
    const id = produceEvent(definition as typeof ticketOpened, data as never);
    if (index % 3 === 0) produceEvent(definition as typeof ticketOpened, data as never, { id });
    ids.push(id);
  }
  await handledBy(h.dataSource, h.groupId, ids);
});

const FIGURES = `agent { id } team { id } opened resolved firstResponseBreaches resolutionBreaches
  firstResponseCompliance resolutionCompliance csatAnswers csatAverage`;
const REPORT = `query($filter: ServiceReportFilter, $bucket: ReportBucket) {
  serviceReport(from: "2026-04-01", to: "2026-04-30", bucket: $bucket, filter: $filter) {
    current { from to figures { ${FIGURES} } csatDistribution { score count } }
    previous { from to figures { opened resolved csatAnswers } }
    byAgent { ${FIGURES} }
    byTeam { team { id } opened csatAnswers }
    breaches { ticket { id } customer { id } target breachedAt agent { id } }
    series { start opened resolved csatAnswers csatAverage }
  }
}`;

interface Figures {
  agent: { id: string } | null;
  opened: number;
  [figure: string]: unknown;
}
interface Report {
  current: { figures: Figures; csatDistribution: { score: number; count: number }[] };
  previous: { from: string; to: string; figures: Record<string, number> };
  byAgent: Figures[];
  byTeam: Figures[];
  breaches: { ticket: { id: string }; target: string; breachedAt: string }[];
  series: Record<string, unknown>[];
}

async function report(viewer: Viewer, filter: Record<string, unknown> = { teamIds: [team] }) {
  const data = await graphqlOk<{ serviceReport: Report }>(h.app, {
    query: REPORT,
    variables: { filter },
    token: await h.tokenFor(viewer),
  });
  return data.serviceReport;
}

const manager = aViewer({ roles: ['SERVICE_MANAGER'] });

describe('the service report', () => {
  it('counts tickets, SLA compliance and CSAT per agent and team, by hand', async () => {
    const r = await report(manager);
    const agent1Figures = {
      agent: { id: agent1 },
      team: { id: team },
      opened: 2, // t1, t2
      resolved: 1, // t1
      firstResponseBreaches: 1, // t1
      resolutionBreaches: 1, // t2 (its escalation is the same breach)
      firstResponseCompliance: 0.5,
      resolutionCompliance: 0.5,
      csatAnswers: 1,
      csatAverage: 1,
    };
    const agent2Figures = {
      agent: { id: agent2 },
      team: { id: team },
      opened: 1, // t3 (t4 was opened in March)
      resolved: 2, // t3, t4
      firstResponseBreaches: 0,
      resolutionBreaches: 0,
      firstResponseCompliance: 1,
      resolutionCompliance: 1,
      csatAnswers: 2,
      csatAverage: 4.5,
    };
    expect(r.byAgent).toEqual([agent1Figures, agent2Figures]);
    expect(r.current.figures).toEqual({
      agent: null,
      team: null,
      opened: 3,
      resolved: 3,
      firstResponseBreaches: 1,
      resolutionBreaches: 1,
      firstResponseCompliance: 0.6667,
      resolutionCompliance: 0.6667,
      csatAnswers: 3,
      csatAverage: 3.33,
    });
    expect(r.byTeam).toEqual([{ team: { id: team }, opened: 3, csatAnswers: 3 }]);
    expect(r.current.csatDistribution.map((c) => c.count)).toEqual([1, 0, 0, 1, 1]);
    expect(r.previous).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
      figures: { opened: 1, resolved: 0, csatAnswers: 0 },
    });
    expect(r.breaches.map((b) => [b.ticket.id, b.target, b.breachedAt])).toEqual([
      [t1.ticketId, 'FIRST_RESPONSE', utc('2026-04-02T03:00:00Z')],
      [t2.ticketId, 'RESOLUTION', utc('2026-04-06T02:00:00Z')],
    ]);
    expect(r.series).toEqual([
      { start: '2026-04-01', opened: 3, resolved: 3, csatAnswers: 3, csatAverage: 3.33 },
    ]);
  });

  it('filters by tier and agent', async () => {
    const opened = async (filter: Record<string, unknown>) =>
      (await report(manager, { teamIds: [team], ...filter })).current.figures.opened;
    expect(await opened({ tiers: ['KEY'] })).toBe(2);
    expect(await opened({ agentIds: [agent2] })).toBe(1);
    expect(await opened({ regions: ['North'] })).toBe(1);
  });

  it('shows a rep the service of the customers they own only', async () => {
    const r = await report(aViewer({ id: rep, roles: ['SALES_REP'] }), {});
    expect(r.current.figures).toMatchObject({ opened: 2, resolved: 1, csatAnswers: 1 });
    expect(r.breaches).toHaveLength(2);
    const stranger = await report(aViewer({ roles: ['SALES_REP'] }), { teamIds: [team] });
    expect(stranger.current.figures.opened).toBe(0);
    const agent = await graphql(h.app, {
      query: REPORT,
      token: await h.tokenFor(aViewer({ roles: ['SERVICE_AGENT'] })),
    });
    expect(agent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
