import { eventually, unique } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';
import { gatewayUrl } from './system';

const SAVE_POLICY = `mutation($input: SaveSlaPolicyInput!) {
  saveSlaPolicy(input: $input) { policy { id name } userErrors { field code message } }
}`;
const OPEN = `mutation($input: OpenTicketInput!) {
  openTicket(input: $input) { ticket { id } userErrors { field code message } }
}`;
const MESSAGE = `mutation($input: AddTicketMessageInput!) {
  addTicketMessage(input: $input) { message { id } userErrors { field code message } }
}`;
const STATUS = `mutation($input: ChangeTicketStatusInput!) {
  changeTicketStatus(input: $input) { ticket { status } userErrors { field code message } }
}`;
const RESULT = `mutation($input: RecordVisitResultInput!) {
  recordVisitResult(input: $input) { visit { result ticket { status } } userErrors { field code message } }
}`;
const TICKET = `query($id: ID!) {
  ticket(id: $id) {
    status assignee { id } firstRespondedAt
    sla { policy { name } firstResponse { dueAt breached metAt } resolution { dueAt metAt } }
    survey { link answeredAt score }
    visits { id status }
  }
}`;

interface TicketView {
  status: string;
  assignee: { id: string } | null;
  firstRespondedAt: string | null;
  sla: {
    policy: { name: string };
    firstResponse: { dueAt: string | null; breached: boolean; metAt: string | null };
    resolution: { dueAt: string | null; metAt: string | null };
  } | null;
  survey: { link: string; answeredAt: string | null; score: number | null } | null;
  visits: { id: string; status: string }[];
}
type Payload = { userErrors: unknown[] };

const answerUrl = (link: string) => gatewayUrl.replace(/\/graphql$/, link);

describe('a support desk ticket through the gateway', () => {
  it('runs under its SLA policy, takes a CSAT answer on the public link and is reopened by an unhappy follow-up visit', async () => {
    const rep = await login('rep.east1@demo.crm');
    const manager = await login('service.manager@demo.crm');
    const agent = await login('agent@demo.crm');
    const policyName = unique('Key accounts');
    const saved = await asGateway<{ saveSlaPolicy: Payload }>(SAVE_POLICY, manager.token, {
      input: {
        name: policyName,
        position: 0,
        tiers: ['KEY'],
        firstResponseMinutes: 30,
        resolutionMinutes: 480,
      },
    });
    expect(saved.saveSlaPolicy.userErrors).toEqual([]);
    const customer = await createCustomer(rep.token, { tier: 'KEY' });

    // customer service knows the customer (sales' events) and the agent (identity's) by events
    const opened = await eventually(async () => {
      const data = await asGateway<{ openTicket: Payload & { ticket: { id: string } | null } }>(
        OPEN,
        agent.token,
        {
          input: {
            customerId: customer.id,
            subject: 'The printer jams',
            channel: 'PHONE',
            priority: 'HIGH',
            assigneeId: agent.id,
          },
        },
      );
      expect(data.openTicket.userErrors).toEqual([]);
      return data.openTicket.ticket!;
    });
    const read = async () =>
      (await asGateway<{ ticket: TicketView }>(TICKET, agent.token, { id: opened.id })).ticket;
    const fresh = await read();
    expect(fresh).toMatchObject({
      status: 'OPEN',
      assignee: { id: agent.id },
      sla: { policy: { name: policyName }, firstResponse: { breached: false, metAt: null } },
    });

    const reply = await asGateway<{ addTicketMessage: Payload }>(MESSAGE, agent.token, {
      input: { ticketId: opened.id, kind: 'REPLY', body: 'A technician comes today.' },
    });
    expect(reply.addTicketMessage.userErrors).toEqual([]);
    const resolved = await asGateway<{ changeTicketStatus: Payload }>(STATUS, agent.token, {
      input: { ticketId: opened.id, status: 'RESOLVED' },
    });
    expect(resolved.changeTicketStatus.userErrors).toEqual([]);
    const done = await read();
    expect(done.firstRespondedAt).not.toBeNull();
    expect(done.sla!.firstResponse.metAt).toBe(done.firstRespondedAt);
    expect(done.sla!.resolution).toEqual({ dueAt: null, metAt: expect.any(String) });
    expect(done.visits).toEqual([{ id: expect.any(String), status: 'SCHEDULED' }]);

    // the customer answers on the public link, through the gateway, without a token
    const answer = (body: object) =>
      fetch(answerUrl(done.survey!.link), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await answer({ score: 1, reason: 'RESOLUTION_QUALITY' })).status).toBe(201);
    const repeat = await answer({ score: 5 });
    expect(repeat.status).toBe(409);
    expect((await read()).survey).toMatchObject({ score: 1 });

    const visit = await asGateway<{
      recordVisitResult: Payload & { visit: { result: string; ticket: { status: string } } };
    }>(RESULT, agent.token, {
      input: { visitId: done.visits[0].id, result: 'NOT_SATISFIED', notes: 'Still jams.' },
    });
    expect(visit.recordVisitResult).toEqual({
      visit: { result: 'NOT_SATISFIED', ticket: { status: 'OPEN' } },
      userErrors: [],
    });
  });
});
