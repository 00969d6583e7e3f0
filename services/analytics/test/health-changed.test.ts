import { newId } from '@crm/database';
import {
  customerCreated,
  customerHealthChanged,
  ticketCsatReceived,
  ticketOpened,
  ticketSlaBreached,
  type EventData,
  type OutboxRelay,
} from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphqlOk,
  kcatRead,
  produceEvent,
} from '@crm/testing';
import { derivedId } from '../src/domain/derived-id';
import { aTicket, handledBy, startAnalytics, startRelay, type Harness } from './harness';

let h: Harness;
let relay: OutboxRelay;
beforeAll(async () => {
  h = await startAnalytics();
  relay = startRelay();
});
afterAll(async () => {
  await relay.stop();
  await h.stop();
});

type Ticket = EventData<typeof ticketOpened>;
const breach = (
  t: Ticket,
  target: 'FIRST_RESPONSE' | 'RESOLUTION',
): EventData<typeof ticketSlaBreached> => ({
  ticketId: t.ticketId,
  customerId: t.customerId,
  customerTier: 'C',
  priority: t.priority,
  target,
  policyId: newId(),
  dueAt: new Date().toISOString(),
  assigneeId: null,
  escalationLevel: 'TEAM_MANAGER',
  notifyIds: [],
  occurredAt: new Date().toISOString(),
  firstBreach: true,
});

/** A C customer whose urgent tickets breach SLA and get a CSAT of 1: the ticket topic keeps their order. */
function troubledCustomer() {
  const customer = aCustomerSnapshot({ tier: 'C', ownerId: newId() });
  const tickets = [1, 2, 3].map(() => aTicket(customer.customerId, { priority: 'URGENT' }));
  const steps = [
    () => produceEvent(customerCreated, customer),
    ...tickets.map((t) => () => produceEvent(ticketOpened, t)), // 65 MEDIUM, 50, 45
    () => produceEvent(ticketSlaBreached, breach(tickets[0], 'RESOLUTION')), // 35 HIGH
    () => produceEvent(ticketSlaBreached, breach(tickets[1], 'FIRST_RESPONSE')), // 25
    () =>
      produceEvent(ticketCsatReceived, {
        surveyId: newId(),
        ticketId: tickets[2].ticketId,
        customerId: customer.customerId,
        assigneeId: null,
        score: 1,
        reason: 'RESPONSE_TIME',
        hasComment: false,
        answeredAt: new Date().toISOString(),
        occurredAt: new Date().toISOString(),
      }), // 5
  ];
  return { customer, steps };
}

const published = (customerId: string) =>
  kcatRead(customerHealthChanged.topic)
    .filter((r) => r.key === customerId)
    .map((r) => ({
      id: r.headers.ce_id,
      ...(JSON.parse(r.payload!) as EventData<typeof customerHealthChanged>),
    }));

const outboxCount = async (customerId: string) =>
  (
    await h.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = $1 AND payload->>'customerId' = $2`,
      [customerHealthChanged.type, customerId],
    )
  )[0].n as number;

const HEALTH = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { health {
  score churnRisk factors { factor contribution } history { score churnRisk } } } } }`;

async function healthOf(customerId: string) {
  const data = await graphqlOk<{
    _entities: {
      health: {
        score: number;
        churnRisk: string;
        factors: { factor: string; contribution: number }[];
        history: { score: number; churnRisk: string }[];
      };
    }[];
  }>(h.app, {
    query: HEALTH,
    variables: { r: [{ __typename: 'Customer', id: customerId }] },
    token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
  });
  return data._entities[0].health;
}

describe('customer.health_changed', () => {
  it('is published once per change of churn risk, with each factor’s contribution, and never again on replay', async () => {
    const { customer, steps } = troubledCustomer();
    const id = customer.customerId;
    // sales' customer event first, so that the owner is known when the level changes
    const ids = [steps[0]()];
    await handledBy(h.dataSource, h.groupId, ids);
    ids.push(...steps.slice(1).map((produce) => produce()));
    await handledBy(h.dataSource, h.groupId, ids);

    const health = await healthOf(id);
    expect(health.score).toBe(5);
    expect(health.churnRisk).toBe('HIGH');
    expect(health.factors.filter((f) => f.contribution !== 0)).toEqual([
      { factor: 'OPEN_TICKETS', contribution: -15 },
      { factor: 'URGENT_TICKETS', contribution: -20 },
      { factor: 'SLA_BREACHES', contribution: -20 },
      { factor: 'CSAT', contribution: -20 },
    ]);
    expect(health.history.slice(0, 6).map((s) => s.score)).toEqual([5, 25, 35, 45, 50, 65]);

    await eventually(() => expect(published(id)).toHaveLength(2), { timeoutMs: 60_000 });
    const events = published(id);
    expect(events.map((e) => [e.previousChurnRisk ?? 'LOW', e.churnRisk, e.score])).toEqual([
      ['LOW', 'MEDIUM', 65],
      ['MEDIUM', 'HIGH', 35],
    ]);
    // the id is derived from the customer, the event that caused the change and the new level
    expect(events[1].id).toBe(derivedId(`health_changed/${id}/${ids[4]}/HIGH`));
    expect(events[1]).toMatchObject({ ownerId: customer.ownerId, causeEventId: ids[4] });

    // the same events delivered again, then every topic replayed by a new group on top
    produceEvent(ticketSlaBreached, breach(aTicket(id), 'RESOLUTION'), { id: ids[4] });
    const again = await h.startConsumer();
    await handledBy(h.dataSource, again.groupId, ids);
    // and from scratch: this customer's read model emptied, a third group replays
    await h.dataSource.transaction(async (tx) => {
      for (const table of [
        'ticket_facts',
        'sla_breaches',
        'csat_facts',
        'customer_activity',
        'customer_health',
        'health_history',
      ])
        await tx.query(`DELETE FROM ${table} WHERE customer_id = $1`, [id]);
      await tx.query('DELETE FROM customer_replica WHERE id = $1', [id]);
    });
    const rebuild = await h.startConsumer();
    await handledBy(h.dataSource, rebuild.groupId, ids);
    expect((await healthOf(id)).history.slice(0, 6).map((s) => s.score)).toEqual([
      5, 25, 35, 45, 50, 65,
    ]);
    expect(await outboxCount(id)).toBe(2);
    expect(published(id)).toHaveLength(2);
  });
});

describe('the health weights', () => {
  const admin = aViewer({ roles: ['ADMIN'] });
  const SET = `mutation($input: SetHealthWeightsInput!) { setHealthWeights(input: $input) {
    weights { factor weight } userErrors { field code message } } }`;
  const set = async (viewer: typeof admin, weights: unknown) =>
    (
      await graphqlOk<{
        setHealthWeights: {
          weights: { factor: string; weight: number }[] | null;
          userErrors: { field: string[] | null; code: string; message: string }[];
        };
      }>(h.app, { query: SET, variables: { input: { weights } }, token: await h.tokenFor(viewer) })
    ).setHealthWeights;

  afterAll(async () => {
    await h.dataSource.query('DELETE FROM health_weights');
  });

  it('lets an admin weigh CSAT and SLA breaches differently, and the score follows', async () => {
    const { customer, steps } = troubledCustomer();
    await handledBy(
      h.dataSource,
      h.groupId,
      steps.map((produce) => produce()),
    );
    const result = await set(admin, [
      { factor: 'CSAT', weight: 0 },
      { factor: 'SLA_BREACHES', weight: 5 },
    ]);
    expect(result.userErrors).toEqual([]);
    expect(result.weights).toContainEqual({ factor: 'CSAT', weight: 0 });
    expect(result.weights).toContainEqual({ factor: 'OPEN_TICKETS', weight: 25 });
    // 80 - 15 - 20 - 5 (breaches) - 0 (CSAT)
    expect((await healthOf(customer.customerId)).score).toBe(40);
    const [audit] = await h.dataSource.query(
      `SELECT actor_id, after FROM audit_log WHERE action = 'health_weights.set' ORDER BY at DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_id: admin.id, after: { CSAT: 0, SLA_BREACHES: 5 } });
  });

  it('refuses other roles, weights out of range and a factor given twice, changing nothing', async () => {
    const before = await h.dataSource.query(
      'SELECT factor, weight FROM health_weights ORDER BY factor',
    );
    expect(
      (await set(aViewer({ roles: ['SALES_MANAGER'] }), [{ factor: 'CSAT', weight: 1 }]))
        .userErrors,
    ).toEqual([
      {
        field: null,
        code: 'FORBIDDEN',
        message: 'only ADMIN or EXECUTIVE may change health weights',
      },
    ]);
    const bad = await set(admin, [
      { factor: 'CSAT', weight: 101 },
      { factor: 'TIER', weight: 1 },
      { factor: 'TIER', weight: 2 },
    ]);
    expect(bad.weights).toBeNull();
    expect(bad.userErrors).toEqual([
      {
        field: ['input', 'weights', '0', 'weight'],
        code: 'INVALID',
        message: 'weights.0.weight: must be 0 to 100',
      },
      {
        field: ['input', 'weights', '2', 'factor'],
        code: 'INVALID',
        message: 'weights.2.factor: TIER is given twice',
      },
    ]);
    expect(
      await h.dataSource.query('SELECT factor, weight FROM health_weights ORDER BY factor'),
    ).toEqual(before);
  });
});
