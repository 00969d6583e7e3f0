import { loadDemoCompany, seedDemoCustomers } from '@crm/infra';
import { asGateway, login } from './clients';
import { gatewayUrl } from './system';

/**
 * A new user's first hour: every demo login `npm start` prints works, `me` says who and what
 * the person is, and the view each role starts its day with answers through the gateway.
 */
const demo = loadDemoCompany();
const month = new Date().toISOString().slice(0, 7);

/** The first screen's query of each role (what a person in that job opens first). */
const DAY_ONE: Record<string, string> = {
  ADMIN:
    '{ employees(first: 50) { totalCount } teams { name } identityAuditLog(first: 1) { totalCount } }',
  EXECUTIVE: `{ customers(first: 5) { totalCount } salesForecast(fromMonth: "${month}", toMonth: "${month}", groupBy: TEAM) { team { name } forecastAmount { amount currency } } analyticsOverview { customers } }`,
  SALES_MANAGER:
    '{ customers(first: 5) { totalCount nodes { owner { team { name } } } } unassignedLeads(first: 5) { totalCount } duplicateCandidates(first: 5) { totalCount } }',
  SALES_REP:
    '{ me { agenda { date overdue { id } } } customers(first: 50) { totalCount nodes { owner { email } } } tasks(first: 5) { totalCount } myLeads(first: 5) { totalCount } }',
  MARKETING_MANAGER:
    '{ campaigns(first: 5) { totalCount } leads(first: 5) { totalCount } channelPerformance { channel } }',
  MARKETER: '{ campaigns(first: 5) { totalCount } leads(first: 5) { totalCount } }',
  SERVICE_MANAGER:
    '{ tickets(first: 5) { totalCount } ticketQueue(first: 5) { totalCount } slaPolicies { name } }',
  SERVICE_AGENT:
    '{ ticketQueue(first: 5) { totalCount } me { assignedTickets(first: 5) { totalCount } } followUpVisits { id } }',
  PRODUCT_MANAGER:
    '{ ideaRanking(first: 5) { currency ideas { __typename } } feedbackItems(first: 5) { totalCount } }',
  ANALYST: '{ analyticsOverview { customers byTier { tier count } } }',
  INTEGRATION: '{ customers(first: 5) { totalCount } employees(first: 5) { totalCount } }',
};

beforeAll(async () => {
  // what npm start seeds after the services are up
  await seedDemoCustomers(gatewayUrl, () => undefined);
});

describe('the demo company, logged in as each of its people', () => {
  it('covers every role with a first-day view', () => {
    const roles = new Set(demo.employees.flatMap((e) => e.roles));
    expect([...roles].sort()).toEqual(Object.keys(DAY_ONE).sort());
  });

  it.each(demo.employees.map((e) => [e.email, e] as const))(
    '%s logs in, is who the demo says, and opens their first-day view',
    async (email, person) => {
      const { token } = await login(email);
      const { me } = await asGateway<{
        me: { email: string; roles: string[]; team: { name: string } | null; active: boolean };
      }>('{ me { email roles team { name } active } }', token);
      expect(me).toEqual({
        email,
        roles: person.roles,
        team: person.team ? { name: person.team } : null,
        active: true,
      });
      for (const role of person.roles) {
        // asGateway fails on any GraphQL error: a role's own view must answer in full
        const view = await asGateway<Record<string, unknown>>(DAY_ONE[role], token);
        if (role === 'SALES_REP') {
          const { customers } = view as {
            customers: { totalCount: number; nodes: { owner: { email: string } | null }[] };
          };
          // a rep's list holds their own customers and the unowned public pool, no one else's
          expect(customers.totalCount).toBeGreaterThan(0);
          for (const { owner } of customers.nodes)
            expect([email, undefined]).toContain(owner?.email);
        }
        if (role === 'SALES_MANAGER') {
          const { customers } = view as {
            customers: { nodes: { owner: { team: { name: string } | null } | null }[] };
          };
          for (const { owner } of customers.nodes)
            if (owner) expect(owner.team?.name).toBe(person.team);
        }
      }
    },
  );
});
