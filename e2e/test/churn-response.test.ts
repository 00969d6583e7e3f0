import { eventually, unique } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';
import { gatewayUrl } from './system';

const SAVE_POLICY = `mutation($input: SaveSlaPolicyInput!) {
  saveSlaPolicy(input: $input) { policy { id } userErrors { field code message } }
}`;
const OPEN = `mutation($input: OpenTicketInput!) {
  openTicket(input: $input) { ticket { id } userErrors { field code message } }
}`;
const STATUS = `mutation($input: ChangeTicketStatusInput!) {
  changeTicketStatus(input: $input) { ticket { status } userErrors { field code message } }
}`;
const TICKET = `query($id: ID!) {
  ticket(id: $id) { sla { firstResponse { breachedAt } } survey { link } }
}`;
const HEALTH = `query($id: ID!) { customer(id: $id) { health { score churnRisk } } }`;
const TASKS = `query($customerId: ID!) {
  tasks(filter: { customerIds: [$customerId] }) { nodes { title status assignee { id } } }
}`;
const VISITS = `query($customerId: ID!) {
  followUpVisits(customerId: $customerId) {
    reason status ticket { id } healthEventId assignee { id } customer { id }
  }
}`;

type Payload = { userErrors: unknown[] };
interface TicketView {
  sla: { firstResponse: { breachedAt: string | null } } | null;
  survey: { link: string } | null;
}

const answerUrl = (link: string) => gatewayUrl.replace(/\/graphql$/, link);
const slow = { timeoutMs: 150_000, intervalMs: 1_000 };

describe('churn response', () => {
  // a policy only for tier B customers' LOW tickets (no other end-to-end test opens those),
  // with the shortest first response target there is: a minute
  let manager: { token: string; id: string };
  let policyId: string | null = null;
  const policyName = unique('Churn drill');
  const savePolicy = async (minutes: number, position: number) => {
    const saved = await asGateway<{ saveSlaPolicy: Payload & { policy: { id: string } | null } }>(
      SAVE_POLICY,
      manager.token,
      {
        input: {
          ...(policyId ? { id: policyId } : {}),
          name: policyName,
          position,
          tiers: ['B'],
          priorities: ['LOW'],
          firstResponseMinutes: minutes,
        },
      },
    );
    expect(saved.saveSlaPolicy.userErrors).toEqual([]);
    policyId = saved.saveSlaPolicy.policy!.id;
  };
  beforeAll(async () => {
    manager = await login('service.manager@demo.crm');
    await savePolicy(1, 0);
  });
  // a day's target, tried last: the drill's policy no longer breaches anything
  afterAll(() => savePolicy(1440, 1000));

  it('tickets that breach SLA and a CSAT of 1 raise the churn risk to HIGH: the owner gets a retention task and the desk a follow-up visit', async () => {
    const rep = await login('rep.east1@demo.crm');
    const agent = await login('agent@demo.crm');
    const customer = await createCustomer(rep.token, { tier: 'B' });

    const open = (subject: string) =>
      eventually(async () => {
        const data = await asGateway<{ openTicket: Payload & { ticket: { id: string } | null } }>(
          OPEN,
          agent.token,
          {
            input: {
              customerId: customer.id,
              subject,
              channel: 'PHONE',
              priority: 'LOW',
              assigneeId: agent.id,
            },
          },
        );
        expect(data.openTicket.userErrors).toEqual([]);
        return data.openTicket.ticket!.id;
      });
    const tickets = [await open('Invoices are wrong again'), await open('Nobody calls back')];
    const read = async (id: string) =>
      (await asGateway<{ ticket: TicketView }>(TICKET, agent.token, { id })).ticket;

    // nobody answers within the minute: the scheduler raises both breaches
    for (const id of tickets)
      await eventually(async () => {
        expect((await read(id)).sla?.firstResponse.breachedAt).toEqual(expect.any(String));
      }, slow);

    // resolved without a word; then the customer gives each the lowest CSAT (resolving both
    // first: the score goes down once, without flapping around the HIGH threshold)
    for (const id of tickets) {
      const resolved = await asGateway<{ changeTicketStatus: Payload }>(STATUS, agent.token, {
        input: { ticketId: id, status: 'RESOLVED' },
      });
      expect(resolved.changeTicketStatus.userErrors).toEqual([]);
    }
    for (const id of tickets) {
      const { survey } = await read(id);
      const answer = await fetch(answerUrl(survey!.link), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ score: 1, reason: 'RESPONSE_TIME' }),
      });
      expect(answer.status).toBe(201);
    }
    // and writes again about the first: it is open once more
    const reopened = await asGateway<{ changeTicketStatus: Payload }>(STATUS, agent.token, {
      input: { ticketId: tickets[0], status: 'OPEN' },
    });
    expect(reopened.changeTicketStatus.userErrors).toEqual([]);

    // 80 - 20 (two breaches) - 20 (CSAT 1) - 5 (an open ticket) with the default weights
    await eventually(async () => {
      const data = await asGateway<{ customer: { health: { churnRisk: string } | null } }>(
        HEALTH,
        rep.token,
        { id: customer.id },
      );
      expect(data.customer.health).toMatchObject({ churnRisk: 'HIGH' });
    }, slow);

    // (sales also asks the owner to call back after each CSAT of 1: other tasks)
    const retention = await eventually(async () => {
      const data = await asGateway<{
        tasks: { nodes: { title: string; status: string; assignee: { id: string } }[] };
      }>(TASKS, rep.token, { customerId: customer.id });
      const found = data.tasks.nodes.filter((t) => t.title.startsWith('Retention'));
      expect(found).toHaveLength(1);
      return found;
    }, slow);
    expect(retention).toEqual([
      { title: 'Retention: churn risk is HIGH', status: 'OPEN', assignee: { id: rep.id } },
    ]);

    const visit = await eventually(async () => {
      const data = await asGateway<{
        followUpVisits: { reason: string; customer: { id: string } }[];
      }>(VISITS, manager.token, { customerId: customer.id });
      const churn = data.followUpVisits.filter((v) => v.reason === 'CHURN_RISK');
      expect(churn).toHaveLength(1);
      return churn[0];
    }, slow);
    // the agent who handled the customer's tickets calls them back
    expect(visit).toEqual({
      reason: 'CHURN_RISK',
      status: 'SCHEDULED',
      ticket: null,
      healthEventId: expect.any(String),
      assignee: { id: agent.id },
      customer: { id: customer.id },
    });
  });
});
