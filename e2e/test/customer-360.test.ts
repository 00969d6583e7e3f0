import { eventually, graphqlOk } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';
import { gatewayUrl } from './system';

const CUSTOMER_360 = `query($id: ID!) {
  customer(id: $id) {
    id name tier phone
    owner { id name team { name } }
    leads(first: 5) { totalCount nodes { id status } }
    marketingTags
    openTicketCount
    tickets(first: 5) { nodes { subject status } }
    feedback(first: 5) { nodes { title kind } }
    health { score churnRisk openTickets lastActivityAt }
  }
}`;

interface Customer360 {
  customer: {
    id: string;
    name: string;
    owner: { id: string; name: string; team: { name: string } | null };
    leads: { totalCount: number; nodes: { id: string; status: string }[] };
    marketingTags: string[];
    openTicketCount: number;
    tickets: { nodes: { subject: string; status: string }[] };
    feedback: { nodes: { title: string; kind: string }[] };
    health: {
      score: number;
      churnRisk: string;
      openTickets: number;
      lastActivityAt: string;
    } | null;
  } | null;
}

describe('one customer, every department, one round trip', () => {
  it('a rep creates a customer and within seconds one query shows fields from all six subgraphs', async () => {
    const rep = await login('rep.east1@demo.crm');
    const agent = await login('agent@demo.crm');
    const pm = await login('pm@demo.crm');
    const customer = await createCustomer(rep.token, { tier: 'KEY' });

    // customer service and product feedback know the customer from sales' events (their replicas)
    const ticket = await eventually(async () => {
      const data = await asGateway<{
        openTicket: { ticket: { id: string } | null; userErrors: unknown[] };
      }>(
        'mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { code message } } }',
        agent.token,
        {
          input: {
            customerId: customer.id,
            subject: 'Invoice is wrong',
            description: 'The March invoice double-counts seats',
            priority: 'HIGH',
            channel: 'PHONE',
          },
        },
      );
      expect(data.openTicket.userErrors).toEqual([]);
      return data.openTicket.ticket!;
    });
    expect(ticket.id).toBeTruthy();
    await eventually(async () => {
      const data = await asGateway<{ recordFeedback: { userErrors: unknown[] } }>(
        'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedbackItem { id } userErrors { code message } } }',
        pm.token,
        {
          input: {
            customerId: customer.id,
            kind: 'FEATURE_REQUEST',
            title: 'Export to Excel',
            body: 'Finance wants the report as XLSX',
            source: 'SALES',
          },
        },
      );
      expect(data.recordFeedback.userErrors).toEqual([]);
    });

    const view = await eventually(
      async () => {
        const data = await graphqlOk<Customer360>(gatewayUrl, {
          query: CUSTOMER_360,
          variables: { id: customer.id },
          token: rep.token,
        });
        expect(data.customer?.health?.openTickets).toBe(1);
        return data.customer!;
      },
      { timeoutMs: 30_000 },
    );
    expect(view.name).toBe(customer.name);
    expect(view.owner).toMatchObject({ id: rep.id, team: { name: 'East China Sales' } });
    expect(view.leads).toEqual({ totalCount: 0, nodes: [] });
    expect(view.marketingTags).toEqual([]);
    expect(view.openTicketCount).toBe(1);
    expect(view.tickets.nodes).toEqual([{ subject: 'Invoice is wrong', status: 'OPEN' }]);
    expect(view.feedback.nodes).toEqual([{ title: 'Export to Excel', kind: 'FEATURE_REQUEST' }]);
    expect(view.health).toMatchObject({ openTickets: 1 });
    expect(view.health!.score).toBeGreaterThanOrEqual(0);
  });
});
