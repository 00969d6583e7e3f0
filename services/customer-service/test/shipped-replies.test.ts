import { newId } from '@crm/database';
import { ideaShipped, type EventData } from '@crm/events';
import { eventually, graphqlOk, produceEvent } from '@crm/testing';
import { shippedHandlers } from '../src/events/shipped-handlers';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startCustomerService();
  token = await h.tokenFor(anAgent());
  await h.startConsumer('customer-service-shipped', shippedHandlers);
});
afterAll(() => h.stop());

interface Thread {
  status: string;
  firstRespondedAt: string | null;
  messages: { kind: string; body: string; author: { id: string } }[];
}

async function thread(id: string): Promise<Thread> {
  const data = await graphqlOk<{ ticket: Thread }>(h.app, {
    query: `query($id: ID!) { ticket(id: $id) { status firstRespondedAt messages { kind body author { id } } } }`,
    variables: { id },
    token,
  });
  return data.ticket;
}

function shipped(
  requesters: { customerId: string; ticketIds?: string[] }[],
): EventData<typeof ideaShipped> {
  return {
    ideaId: newId(),
    title: 'Excel export',
    note: 'Find it under Invoices > Export.',
    shippedBy: newId(),
    shippedAt: new Date().toISOString(),
    requesters: requesters.map((r) => ({ importance: null, feedbackIds: [newId()], ...r })),
    version: 4,
  };
}

describe('a shipped idea is answered on the tickets it was asked for on', () => {
  it('replies publicly on the open and pending tickets once, in the name of who shipped it; resolved ones are left alone', async () => {
    const open = await anOpenTicket(h, token);
    const pending = await anOpenTicket(h, token);
    const resolved = await anOpenTicket(h, token);
    const other = await anOpenTicket(h, token);
    const CHANGE = `mutation($input: ChangeTicketStatusInput!) {
      changeTicketStatus(input: $input) { ticket { id } userErrors { field code message } } }`;
    await mutation(h, 'changeTicketStatus', CHANGE, token, {
      ticketId: pending.id,
      status: 'PENDING',
    });
    await mutation(h, 'changeTicketStatus', CHANGE, token, {
      ticketId: resolved.id,
      status: 'RESOLVED',
    });
    const event = shipped([
      { customerId: open.customerId, ticketIds: [open.id] },
      { customerId: pending.customerId, ticketIds: [pending.id, resolved.id] },
      // an event of an older producer, without ticketIds
      { customerId: other.customerId },
    ]);
    const eventId = produceEvent(ideaShipped, event);
    produceEvent(ideaShipped, event, { id: eventId });
    const expected = {
      kind: 'REPLY',
      body: 'Good news: "Excel export", which you asked for on this ticket, has shipped. Find it under Invoices > Export.',
      author: { id: event.shippedBy },
    };
    await eventually(async () => expect((await thread(open.id)).messages).toEqual([expected]));
    const after = await thread(open.id);
    expect(after.status).toBe('OPEN');
    expect(after.firstRespondedAt).not.toBeNull();
    expect((await thread(pending.id)).messages).toEqual([expected]);
    expect((await thread(resolved.id)).messages).toEqual([]);
    expect((await thread(other.id)).messages).toEqual([]);
    const audit = await h.dataSource.query(
      "SELECT entity_id, actor_id, after->>'ideaId' AS idea FROM audit_log WHERE action = 'ticket.shipped_reply' AND after->>'ideaId' = $1 ORDER BY entity_id",
      [event.ideaId],
    );
    expect(audit).toEqual(
      [open.id, pending.id]
        .sort()
        .map((id) => ({ entity_id: id, actor_id: null, idea: event.ideaId })),
    );
    // an event with the same key (the idea) comes after the repeated delivery on its partition:
    // once it is handled, the repeat was too, and replied nothing
    const later = shipped([{ customerId: other.customerId, ticketIds: [other.id] }]);
    produceEvent(ideaShipped, { ...later, ideaId: event.ideaId });
    await eventually(async () => expect((await thread(other.id)).messages).toHaveLength(1));
    expect((await thread(open.id)).messages).toHaveLength(1);
    expect((await thread(pending.id)).messages).toHaveLength(1);
  });
});
