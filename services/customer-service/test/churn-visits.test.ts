import { newId } from '@crm/database';
import { mergedInto } from '@crm/customer-replica';
import { customerHealthChanged, customerMerged, type EventData } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { healthHandlers } from '../src/events/health-handlers';
import { aPerson, knownDirectory } from './directory-api';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
let groupId: string;
let manager: string;
beforeAll(async () => {
  h = await startCustomerService();
  ({ groupId } = await h.startConsumer('customer-service-health', healthHandlers));
  manager = await h.tokenFor(aViewer({ roles: ['SERVICE_MANAGER'] }));
});
afterAll(() => h.stop());

type Risk = 'LOW' | 'MEDIUM' | 'HIGH';
const SCORES: Record<Risk, number> = { LOW: 75, MEDIUM: 50, HIGH: 30 };

/** A change of the customer's churn risk as analytics publishes it. */
function change(customerId: string, from: Risk | null, to: Risk) {
  const data: EventData<typeof customerHealthChanged> = {
    customerId,
    ownerId: null,
    teamId: null,
    score: SCORES[to],
    churnRisk: to,
    previousScore: from && SCORES[from],
    previousChurnRisk: from,
    factors: [{ factor: 'CSAT', contribution: -20 }],
    causeEventId: newId(),
    changedAt: new Date().toISOString(),
  };
  return data;
}

/** Waits until `consumer` handled the events (and so all before them on their partition). */
async function handled(consumer: string, ...eventIds: string[]): Promise<void> {
  await eventually(async () => {
    const [{ n }] = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
      [consumer, eventIds],
    );
    expect(n).toBe(eventIds.length);
  });
}

interface VisitView {
  id: string;
  reason: string;
  status: string;
  ticket: { id: string } | null;
  healthEventId: string | null;
  dueAt: string;
  assignee: { id: string } | null;
  customer: { id: string };
}

const VISITS = `query($customerId: ID!, $status: VisitStatus) {
  followUpVisits(customerId: $customerId, status: $status) {
    id reason status ticket { id } healthEventId dueAt assignee { id } customer { id }
  }
}`;

async function visitsOf(customerId: string, status: 'SCHEDULED' | 'DONE' = 'SCHEDULED') {
  const data = await graphqlOk<{ followUpVisits: VisitView[] }>(h.app, {
    query: VISITS,
    variables: { customerId, status },
    token: manager,
  });
  return data.followUpVisits;
}

async function allVisitsOf(customerId: string): Promise<number> {
  const [{ n }] = await h.dataSource.query(
    'SELECT count(*)::int AS n FROM follow_up_visits WHERE customer_id = $1',
    [customerId],
  );
  return n;
}

const RESULT = `mutation($input: RecordVisitResultInput!) {
  recordVisitResult(input: $input) {
    visit { id status result reason ticket { id } } userErrors { field code message }
  }
}`;

describe('a follow-up visit when the churn risk becomes HIGH', () => {
  it('schedules one visit for the agent who last handled the customer, even when the change is delivered twice or replayed', async () => {
    const earlier = aPerson();
    const latest = aPerson();
    await knownDirectory(h, null, earlier, latest);
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot({ tier: 'B' }));
    for (const person of [earlier, latest]) {
      const token = await h.tokenFor({ ...anAgent(), id: person.employeeId });
      await anOpenTicket(h, token, { customerId, assigneeId: person.employeeId });
    }

    const before = Date.now();
    const high = produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'HIGH'));
    produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'HIGH'), { id: high });
    // the same key comes after the repeat on its partition: once handled, the repeat was too
    const after = produceEvent(customerHealthChanged, change(customerId, 'HIGH', 'MEDIUM'));
    await handled(groupId, high, after);

    const visits = await visitsOf(customerId);
    expect(visits).toEqual([
      {
        id: expect.any(String),
        reason: 'CHURN_RISK',
        status: 'SCHEDULED',
        ticket: null,
        healthEventId: high,
        dueAt: expect.any(String),
        assignee: { id: latest.employeeId },
        customer: { id: customerId },
      },
    ]);
    const [visit] = visits;
    // CHURN_VISIT_BUSINESS_DAYS (2) working days ahead: at least a day, whatever the calendar
    expect(Date.parse(visit.dueAt)).toBeGreaterThan(before + 24 * 3_600_000);
    expect(await allVisitsOf(customerId)).toBe(1);
    const audit = await h.dataSource.query(
      "SELECT actor_id, after->>'reason' AS reason FROM audit_log WHERE action = 'visit.schedule' AND entity_id = $1",
      [visit.id],
    );
    expect(audit).toEqual([{ actor_id: null, reason: 'CHURN_RISK' }]);
    const jobs = await h.dataSource.query(
      "SELECT due_at FROM scheduled_jobs WHERE kind = 'visit.reminder' AND key = $1",
      [visit.id],
    );
    expect(jobs).toEqual([{ due_at: new Date(visit.dueAt) }]);

    // the agent calls; a replay of the topic (a new group, an empty inbox) schedules nothing
    // again for a change that already had its visit
    const done = await mutation<{ visit: unknown }>(h, 'recordVisitResult', RESULT, manager, {
      visitId: visit.id,
      result: 'SATISFIED',
      notes: 'Price was the issue; offered the yearly plan.',
    });
    expect(done).toEqual({
      visit: {
        id: visit.id,
        status: 'DONE',
        result: 'SATISFIED',
        reason: 'CHURN_RISK',
        ticket: null,
      },
      userErrors: [],
    });
    const replay = await h.startConsumer('customer-service-health-replay', healthHandlers);
    await handled(replay.groupId, high, after);
    await replay.consumer.stop();
    expect(await allVisitsOf(customerId)).toBe(1);
  });

  it('schedules none for a change to MEDIUM or LOW', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const ids = [
      produceEvent(customerHealthChanged, change(customerId, null, 'MEDIUM')),
      produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'LOW')),
      produceEvent(customerHealthChanged, change(customerId, 'LOW', 'MEDIUM')),
    ];
    await handled(groupId, ...ids);
    expect(await visitsOf(customerId)).toEqual([]);
    expect(await allVisitsOf(customerId)).toBe(0);
  });

  it('stacks no second visit while a churn visit is open; once it is done, the next HIGH gets one', async () => {
    // no tickets: nobody handled the customer, the visit waits unassigned for a manager
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const first = produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'HIGH'));
    await handled(groupId, first);
    const [open] = await visitsOf(customerId);
    expect(open).toMatchObject({ reason: 'CHURN_RISK', healthEventId: first, assignee: null });

    const again = [
      produceEvent(customerHealthChanged, change(customerId, 'HIGH', 'MEDIUM')),
      produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'HIGH')),
    ];
    await handled(groupId, ...again);
    expect((await visitsOf(customerId)).map((v) => v.id)).toEqual([open.id]);
    expect(await allVisitsOf(customerId)).toBe(1);

    const done = await mutation<{ visit: unknown }>(h, 'recordVisitResult', RESULT, manager, {
      visitId: open.id,
      result: 'UNREACHABLE',
    });
    expect(done.userErrors).toEqual([]);
    const next = [
      produceEvent(customerHealthChanged, change(customerId, 'HIGH', 'MEDIUM')),
      produceEvent(customerHealthChanged, change(customerId, 'MEDIUM', 'HIGH')),
    ];
    await handled(groupId, ...next);
    const [fresh] = await visitsOf(customerId);
    expect(fresh).toMatchObject({ reason: 'CHURN_RISK', healthEventId: next[1] });
    expect(fresh.id).not.toBe(open.id);
    expect((await visitsOf(customerId, 'DONE')).map((v) => v.id)).toEqual([open.id]);
  });

  it('visits a customer merged away in sales on the survivor, and none the replica does not know', async () => {
    const [source, target] = [aCustomerSnapshot(), aCustomerSnapshot({ tier: 'A' })];
    await knownCustomers(h.dataSource, source, target);
    produceEvent(customerMerged, {
      sourceId: source.customerId,
      targetId: target.customerId,
      target: { ...target, version: 2 },
      mergedBy: newId(),
      mergedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect(await mergedInto(h.dataSource.manager, source.customerId)).toBe(target.customerId),
    );
    const unknown = newId();
    const ids = [
      produceEvent(customerHealthChanged, change(source.customerId, 'MEDIUM', 'HIGH')),
      produceEvent(customerHealthChanged, change(unknown, 'MEDIUM', 'HIGH')),
    ];
    await handled(groupId, ...ids);
    expect(await visitsOf(target.customerId)).toEqual([
      expect.objectContaining({ reason: 'CHURN_RISK', healthEventId: ids[0] }),
    ]);
    expect(await allVisitsOf(source.customerId)).toBe(0);
    expect(await allVisitsOf(unknown)).toBe(0);
  });
});
