import { newId } from '@crm/database';
import { customerHealthChanged, type EventData } from '@crm/events';
import { eventually, graphqlOk, produceEvent, unique } from '@crm/testing';
import { healthHandlers } from '../src/events/health-handlers';
import { startSales, type SalesHarness } from './harness';
import { aSalesTeam, type SalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
let team: SalesTeam;
beforeAll(async () => {
  h = await startSales();
  team = await aSalesTeam(h);
  // stopped by h.stop()
  await h.startConsumer('sales-health', healthHandlers);
});
afterAll(() => h.stop());

const tasksOf = (
  customerId: string,
): Promise<{ title: string; notes: string; assignee_id: string }[]> =>
  h.dataSource.query(
    'SELECT title, notes, assignee_id FROM tasks WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );

function changed(
  customerId: string,
  churnRisk: 'LOW' | 'MEDIUM' | 'HIGH',
  previousChurnRisk: 'LOW' | 'MEDIUM' | 'HIGH' | null,
  score: number,
): EventData<typeof customerHealthChanged> {
  return {
    customerId,
    ownerId: null,
    teamId: null,
    score,
    churnRisk,
    previousScore: previousChurnRisk ? 70 : null,
    previousChurnRisk,
    factors: [
      { factor: 'slaBreaches', contribution: -30 },
      { factor: 'csat', contribution: -25 },
      { factor: 'recentActivity', contribution: 5 },
    ],
    causeEventId: newId(),
    changedAt: '2027-01-15T08:00:00.000Z',
  };
}

describe("analytics' churn warnings in sales", () => {
  it('give the owner one retention task when a customer turns HIGH risk, none for other changes', async () => {
    const rep = team.reps[0];
    const data = await graphqlOk<{ createCustomer: { customer: { id: string } } }>(h.app, {
      query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { message } } }`,
      variables: { input: { name: unique('客户') } },
      token: await h.tokenFor(rep),
    });
    const customerId = data.createCustomer.customer.id;

    produceEvent(customerHealthChanged, changed(customerId, 'MEDIUM', 'LOW', 55));
    const high = changed(customerId, 'HIGH', 'MEDIUM', 30);
    const id = produceEvent(customerHealthChanged, high);
    produceEvent(customerHealthChanged, high, { id }); // delivered twice
    await eventually(async () => expect(await tasksOf(customerId)).toHaveLength(1));
    // a later event on the same key: everything before it was handled
    const marker = produceEvent(customerHealthChanged, changed(customerId, 'LOW', 'HIGH', 80));
    await eventually(async () => {
      const [{ n }] = await h.dataSource.query(
        'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
        [marker],
      );
      expect(n).toBe(1);
    });
    expect(await tasksOf(customerId)).toEqual([
      {
        title: 'Retention: churn risk is HIGH',
        notes:
          'Health score 30 (was 70) on 2027-01-15T08:00:00.000Z; lowered by slaBreaches -30, csat -25.',
        assignee_id: rep.id,
      },
    ]);
  });
});
