import {
  customerCreated,
  customerMerged,
  feedbackRecorded,
  ticketOpened,
  ticketStatusChanged,
  type EventData,
} from '@crm/events';
import { aCustomerSnapshot, aViewer, graphqlOk, produceEvent } from '@crm/testing';
import { aFeedbackItem, aTicket, handledBy, startAnalytics, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const DAY = 24 * 60 * 60 * 1000;

interface HealthView {
  score: number;
  churnRisk: string;
  lastActivityAt: string | null;
  openTickets: number;
  urgentOpenTickets: number;
  ticketsLast90Days: number;
  feedbackCount: number;
}

async function healthOf(ids: string[]) {
  const data = await graphqlOk<{ _entities: { id: string; health: HealthView | null }[] }>(h.app, {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id health {
      score churnRisk lastActivityAt openTickets urgentOpenTickets ticketsLast90Days feedbackCount } } } }`,
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    token: await h.tokenFor(aViewer({ roles: ['ANALYST'] })),
  });
  return data._entities;
}

/** A KEY customer with two open tickets (one urgent), one resolved ticket and one feedback item. */
function busyCustomerEvents(at: Date) {
  const customer = aCustomerSnapshot({ tier: 'KEY' });
  const id = customer.customerId;
  const resolved = aTicket(id);
  const resolvedLater: EventData<typeof ticketStatusChanged> = {
    ...resolved,
    status: 'RESOLVED',
    resolvedAt: at.toISOString(),
    version: 2,
    previousStatus: 'OPEN',
  };
  const events = [
    produceEvent(customerCreated, customer, { time: new Date(at.getTime() - 3 * DAY) }),
    produceEvent(ticketOpened, aTicket(id), { time: new Date(at.getTime() - 2 * DAY) }),
    produceEvent(ticketOpened, aTicket(id, { priority: 'URGENT' }), {
      time: new Date(at.getTime() - 2 * DAY),
    }),
    // the status change overtakes the opening it follows: the version decides, not the order
    produceEvent(ticketStatusChanged, resolvedLater, { time: at }),
    produceEvent(ticketOpened, resolved, { time: new Date(at.getTime() - DAY) }),
    produceEvent(feedbackRecorded, aFeedbackItem(id), { time: new Date(at.getTime() - DAY) }),
  ];
  return { id, events };
}

async function readModelOf(ids: string[]) {
  const q = (sql: string) => h.dataSource.query(sql, [ids]);
  return {
    tickets: await q(
      'SELECT ticket_id, status, priority, opened_at, version FROM ticket_facts WHERE customer_id = ANY($1::uuid[]) ORDER BY ticket_id',
    ),
    feedback: await q(
      'SELECT feedback_id, kind, status, version FROM feedback_facts WHERE customer_id = ANY($1::uuid[]) ORDER BY feedback_id',
    ),
    activity: await q(
      'SELECT customer_id, last_activity_at FROM customer_activity WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id',
    ),
    replica: await q(
      'SELECT id, tier, owner_id, version FROM customer_replica WHERE id = ANY($1::uuid[]) ORDER BY id',
    ),
  };
}

describe('the health read model', () => {
  it('builds a customer’s health from sales, customer-service and product-feedback events', async () => {
    const at = new Date(Date.now() - 60_000);
    const { id, events } = busyCustomerEvents(at);
    await handledBy(h.dataSource, h.groupId, events);
    const [customer] = await healthOf([id]);
    // 80 - 2 open x 5 - 1 urgent x 10 + 10 (KEY) + 1 feedback x 2
    expect(customer.health).toEqual({
      score: 72,
      churnRisk: 'LOW',
      lastActivityAt: at.toISOString(),
      openTickets: 2,
      urgentOpenTickets: 1,
      ticketsLast90Days: 3,
      feedbackCount: 1,
    });
  });

  it('rates a customer whose last event is 100 days old lower, and knows nothing of a stranger', async () => {
    const customer = aCustomerSnapshot({ tier: 'C' });
    const event = produceEvent(customerCreated, customer, {
      time: new Date(Date.now() - 100 * DAY),
    });
    await handledBy(h.dataSource, h.groupId, [event]);
    const [known, stranger] = await healthOf([customer.customerId, aCustomerSnapshot().customerId]);
    expect(known.health).toMatchObject({ score: 50, churnRisk: 'MEDIUM', openTickets: 0 });
    expect(stranger.health).toBeNull();
  });

  it('resolves the health of 20 customers with one SQL query', async () => {
    const customers = Array.from({ length: 20 }, () => aCustomerSnapshot());
    const events = customers.map((c) => produceEvent(customerCreated, c));
    await handledBy(h.dataSource, h.groupId, events);
    h.counter.reset();
    const result = await healthOf(customers.map((c) => c.customerId));
    expect(result.every((c) => c.health?.score === 80)).toBe(true);
    expect(h.counter.matching(/FROM customer_activity/)).toHaveLength(1);
    expect(h.counter.matching(/FROM ticket_facts/)).toHaveLength(1);
  });
});

describe('rebuilding by replaying the topics', () => {
  it('gives the same read model when the same events are consumed again, from scratch or on top', async () => {
    const at = new Date(Date.now() - 60_000);
    const first = busyCustomerEvents(at);
    const second = busyCustomerEvents(new Date(at.getTime() - 10 * DAY));
    const ids = [first.id, second.id];
    const events = [...first.events, ...second.events];
    await handledBy(h.dataSource, h.groupId, events);
    const built = await readModelOf(ids);
    const health = await healthOf(ids);
    expect(built.tickets).toHaveLength(6);

    // from scratch: the rows of these customers are gone, a new group replays every topic
    await h.dataSource.transaction(async (tx) => {
      for (const table of ['ticket_facts', 'feedback_facts', 'customer_activity'])
        await tx.query(`DELETE FROM ${table} WHERE customer_id = ANY($1::uuid[])`, [ids]);
      await tx.query('DELETE FROM customer_replica WHERE id = ANY($1::uuid[])', [ids]);
    });
    const rebuild = await h.startConsumer();
    await handledBy(h.dataSource, rebuild.groupId, events);
    expect(await readModelOf(ids)).toEqual(built);

    // on top: a third group applies every event once more to the rebuilt rows
    const again = await h.startConsumer();
    await handledBy(h.dataSource, again.groupId, events);
    expect(await readModelOf(ids)).toEqual(built);
    expect(await healthOf(ids)).toEqual(health);
  });

  it('applies a merge: the survivor takes its snapshot, the merged-away customer is recorded as merged', async () => {
    const source = aCustomerSnapshot();
    const target = aCustomerSnapshot({ region: '华东', tier: 'B' });
    const created = [source, target].map((c) => produceEvent(customerCreated, c));
    await handledBy(h.dataSource, h.groupId, created);
    const merged = produceEvent(customerMerged, {
      sourceId: source.customerId,
      targetId: target.customerId,
      target: { ...target, tier: 'KEY', version: 2 },
      mergedBy: null,
      mergedAt: new Date().toISOString(),
    });
    // handled, not dead-lettered: the inbox holds it
    await handledBy(h.dataSource, h.groupId, [merged]);
    const [replica] = await h.dataSource.query(
      'SELECT tier, version FROM customer_replica WHERE id = $1',
      [target.customerId],
    );
    expect(replica).toEqual({ tier: 'KEY', version: 2 });
    const [merge] = await h.dataSource.query(
      'SELECT target_id FROM customer_replica_merges WHERE source_id = $1',
      [source.customerId],
    );
    expect(merge).toEqual({ target_id: target.customerId });
  });
});
