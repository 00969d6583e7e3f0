import { customerCreated } from '@crm/events';
import { aCustomerSnapshot, aViewer, graphql, produceEvent } from '@crm/testing';
import { handledBy, startAnalytics, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const HEALTH = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id health { score } } } }`;

async function health(ids: string[], roles: Parameters<typeof aViewer>[0]) {
  return graphql<{ _entities: { id: string; health: { score: number } | null }[] }>(h.app, {
    query: HEALTH,
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    token: await h.tokenFor(aViewer(roles)),
  });
}

describe('who sees health and KPIs', () => {
  it('shows a rep the health of customers they own or back up, and not of anyone else’s', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const customers = [
      aCustomerSnapshot({ ownerId: rep.id }),
      aCustomerSnapshot({ ownerId: aViewer().id, backupOwnerId: rep.id }),
      aCustomerSnapshot({ ownerId: aViewer().id }),
    ];
    await handledBy(
      h.dataSource,
      h.groupId,
      customers.map((c) => produceEvent(customerCreated, c)),
    );
    const res = await graphql<{ _entities: { health: { score: number } | null }[] }>(h.app, {
      query: HEALTH,
      variables: { r: customers.map((c) => ({ __typename: 'Customer', id: c.customerId })) },
      token: await h.tokenFor(rep),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((c) => c.health?.score ?? null)).toEqual([80, 80, null]);
  });

  it('answers FORBIDDEN to a role without analytics.read', async () => {
    const customer = aCustomerSnapshot();
    await handledBy(h.dataSource, h.groupId, [produceEvent(customerCreated, customer)]);
    const res = await health([customer.customerId], { roles: ['SERVICE_AGENT'] });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?._entities[0].health).toBeNull();
  });

  it('gives the overview to all-scope readers only, counting every known customer once per tier and per risk', async () => {
    const key = aCustomerSnapshot({ tier: 'KEY' });
    await handledBy(h.dataSource, h.groupId, [produceEvent(customerCreated, key)]);
    const rep = await graphql(h.app, {
      query: '{ analyticsOverview { customers } }',
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(rep.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const res = await graphql<{
      analyticsOverview: {
        customers: number;
        byTier: { tier: string | null; count: number }[];
        byChurnRisk: { churnRisk: string; count: number }[];
      };
    }>(h.app, {
      query:
        '{ analyticsOverview { customers byTier { tier count } byChurnRisk { churnRisk count } } }',
      token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
    });
    expect(res.errors).toBeUndefined();
    const overview = res.data!.analyticsOverview;
    const sum = (counts: { count: number }[]) => counts.reduce((n, c) => n + c.count, 0);
    expect(sum(overview.byTier)).toBe(overview.customers);
    expect(sum(overview.byChurnRisk)).toBe(overview.customers);
    expect(overview.byChurnRisk.map((r) => r.churnRisk)).toEqual(['HIGH', 'MEDIUM', 'LOW']);
    expect(overview.byTier.find((t) => t.tier === 'KEY')?.count).toBeGreaterThanOrEqual(1);
  });

  it('answers 401 and no data to a request without a token', async () => {
    const res = await graphql(h.app, { query: '{ analyticsOverview { customers } }' });
    expect(res.status).toBe(401);
    expect(res.data).toBeNull();
  });
});
