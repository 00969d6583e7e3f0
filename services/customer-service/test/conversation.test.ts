import { aCustomerSnapshot, aViewer, graphqlOk } from '@crm/testing';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});

const ADD = `mutation($input: AddTicketMessageInput!) {
  addTicketMessage(input: $input) {
    message { id kind body author { id } createdAt ticket { id firstRespondedAt } }
    userErrors { field code message }
  }
}`;
const MERGE = `mutation($input: MergeTicketsInput!) {
  mergeTickets(input: $input) { ticket { id } userErrors { field code message } }
}`;
const LINK = `mutation($input: LinkTicketsInput!) {
  linkTickets(input: $input) { ticket { id linkedTickets { id } } userErrors { field code message } }
}`;
const THREAD = `query($id: ID!) {
  ticket(id: $id) {
    id status firstRespondedAt mergedInto { id } linkedTickets { id }
    messages { kind body author { id } createdAt }
  }
}`;

interface MessageView {
  id: string;
  kind: string;
  body: string;
  author: { id: string };
  createdAt: string;
  ticket: { id: string; firstRespondedAt: string | null };
}
interface ThreadView {
  id: string;
  status: string;
  firstRespondedAt: string | null;
  mergedInto: { id: string } | null;
  linkedTickets: { id: string }[];
  messages: { kind: string; body: string; author: { id: string }; createdAt: string }[];
}

const add = async (token: string, ticketId: string, kind: string, body: string) =>
  mutation<{ message: MessageView | null }>(h, 'addTicketMessage', ADD, token, {
    ticketId,
    kind,
    body,
  });

async function thread(id: string, token: string): Promise<ThreadView | null> {
  return (
    await graphqlOk<{ ticket: ThreadView | null }>(h.app, {
      query: THREAD,
      variables: { id },
      token,
    })
  ).ticket;
}

describe('the thread of a ticket', () => {
  it('keeps notes, customer messages and replies in order, and the first public reply is the first response', async () => {
    const me = anAgent();
    const token = await h.tokenFor(me);
    const { id } = await anOpenTicket(h, token);
    const customer = await add(token, id, 'CUSTOMER', 'It still jams on page 2.');
    expect(customer.message!.ticket.firstRespondedAt).toBeNull();
    const note = await add(token, id, 'NOTE', 'Probably the tray sensor.');
    expect(note.message!.ticket.firstRespondedAt).toBeNull();
    const reply = await add(token, id, 'REPLY', '  We are sending a technician.  ');
    expect(reply.userErrors).toEqual([]);
    expect(reply.message).toMatchObject({ kind: 'REPLY', body: 'We are sending a technician.' });
    expect(reply.message!.ticket.firstRespondedAt).toBe(reply.message!.createdAt);
    await add(token, id, 'REPLY', 'The technician comes tomorrow.');

    const seen = await thread(id, token);
    expect(seen!.firstRespondedAt).toBe(reply.message!.createdAt);
    expect(seen!.messages.map((m) => [m.kind, m.author.id])).toEqual([
      ['CUSTOMER', me.id],
      ['NOTE', me.id],
      ['REPLY', me.id],
      ['REPLY', me.id],
    ]);
    const audit = await h.dataSource.query(
      "SELECT after->>'kind' AS kind FROM audit_log WHERE entity_id = $1 AND action = 'ticket.add_message' ORDER BY at, id",
      [id],
    );
    expect(audit.map((a: { kind: string }) => a.kind)).toEqual([
      'CUSTOMER',
      'NOTE',
      'REPLY',
      'REPLY',
    ]);
  });

  it('hides internal notes from a reader who cannot change tickets', async () => {
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await add(token, id, 'NOTE', 'Customer is on a legacy plan.');
    await add(token, id, 'REPLY', 'Thanks, we are on it.');
    const executive = await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] }));
    expect((await thread(id, executive))!.messages.map((m) => m.kind)).toEqual(['REPLY']);
  });

  it('reports a blank body as REQUIRED on input.body and writes nothing', async () => {
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    const res = await graphqlOk<{ addTicketMessage: { userErrors: unknown[] } }>(h.app, {
      query: ADD,
      variables: { input: { ticketId: id, kind: 'REPLY', body: '   ' } },
      token,
    });
    expect(res.addTicketMessage.userErrors).toEqual([
      { field: ['input', 'body'], code: 'REQUIRED', message: 'body: is required' },
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM ticket_messages WHERE ticket_id = $1', [id]),
    ).toEqual([]);
  });

  it('refuses a message on a CLOSED ticket with CONFLICT', async () => {
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await h.dataSource.query("UPDATE tickets SET status = 'CLOSED' WHERE id = $1", [id]);
    const result = await add(token, id, 'REPLY', 'Hello?');
    expect(result.message).toBeNull();
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'ticketId'],
        code: 'CONFLICT',
        message: 'ticketId: the ticket is CLOSED and cannot take new messages',
      },
    ]);
  });
});

describe('merging tickets', () => {
  it('closes the duplicate with a pointer, moves its thread and notes the merge on the survivor', async () => {
    const me = anAgent();
    const token = await h.tokenFor(me);
    const survivor = await anOpenTicket(h, token);
    const duplicate = await anOpenTicket(h, token, { customerId: survivor.customerId });
    await add(token, survivor.id, 'CUSTOMER', 'First mail');
    await add(token, duplicate.id, 'CUSTOMER', 'Second mail about the same thing');

    const result = await mutation<{ ticket: { id: string } | null }>(
      h,
      'mergeTickets',
      MERGE,
      token,
      {
        ticketId: duplicate.id,
        intoTicketId: survivor.id,
      },
    );
    expect(result).toEqual({ ticket: { id: survivor.id }, userErrors: [] });

    const closed = await thread(duplicate.id, token);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      mergedInto: { id: survivor.id },
      messages: [],
    });
    const kept = await thread(survivor.id, token);
    expect(kept!.messages.map((m) => m.body)).toEqual([
      'First mail',
      'Second mail about the same thing',
      expect.stringContaining(`Ticket ${duplicate.id}`),
    ]);
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.status_changed.v1'",
      [duplicate.id],
    );
    expect(event.payload).toMatchObject({ status: 'CLOSED', previousStatus: 'OPEN' });
    const followUp = await add(token, duplicate.id, 'REPLY', 'Late reply');
    expect(followUp.userErrors[0].message).toBe(
      `ticketId: the ticket is CLOSED (it was merged into ${survivor.id}) and cannot take new messages`,
    );
  });

  it('refuses to merge tickets of two customers, or a ticket into itself, and changes nothing', async () => {
    const token = await h.tokenFor(anAgent());
    const one = await anOpenTicket(h, token);
    const other = await anOpenTicket(h, token);
    await add(token, one.id, 'CUSTOMER', 'Mine');
    const across = await mutation<{ ticket: null }>(h, 'mergeTickets', MERGE, token, {
      ticketId: one.id,
      intoTicketId: other.id,
    });
    expect(across.userErrors).toEqual([
      {
        field: ['input', 'intoTicketId'],
        code: 'CONFLICT',
        message: 'intoTicketId: only tickets of the same customer can be merged',
      },
    ]);
    const itself = await mutation<{ ticket: null }>(h, 'mergeTickets', MERGE, token, {
      ticketId: one.id,
      intoTicketId: one.id,
    });
    expect(itself.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.intoTicketId', 'INVALID'],
    ]);
    expect(await thread(one.id, token)).toMatchObject({ status: 'OPEN', mergedInto: null });
    expect((await thread(one.id, token))!.messages).toHaveLength(1);
  });
});

describe('linking tickets', () => {
  it('links two tickets both ways, once', async () => {
    const token = await h.tokenFor(anAgent());
    const a = await anOpenTicket(h, token);
    const b = await anOpenTicket(h, token);
    const link = () =>
      mutation<{ ticket: { id: string; linkedTickets: { id: string }[] } }>(
        h,
        'linkTickets',
        LINK,
        token,
        {
          ticketId: b.id,
          linkedTicketId: a.id,
        },
      );
    expect((await link()).ticket.linkedTickets).toEqual([{ id: a.id }]);
    expect((await link()).userErrors).toEqual([]);
    expect((await thread(a.id, token))!.linkedTickets).toEqual([{ id: b.id }]);
    const audit = await h.dataSource.query(
      "SELECT 1 FROM audit_log WHERE action = 'ticket.link' AND entity_id = $1",
      [b.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('reports a ticket that does not exist on the field that names it', async () => {
    const token = await h.tokenFor(anAgent());
    const a = await anOpenTicket(h, token);
    const missing = aCustomerSnapshot().customerId;
    const result = await mutation<{ ticket: null }>(h, 'linkTickets', LINK, token, {
      ticketId: a.id,
      linkedTicketId: missing,
    });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'linkedTicketId'],
        code: 'NOT_FOUND',
        message: `linkedTicketId: no ticket ${missing}`,
      },
    ]);
  });
});
