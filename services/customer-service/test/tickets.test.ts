import { newId } from '@crm/database';
import {
  aCustomerSnapshot,
  aViewer,
  graphql,
  graphqlOk,
  knownCustomers,
  unique,
} from '@crm/testing';
import { aPerson, knownDirectory } from './directory-api';
import { startCustomerService, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});

const agent = () => aViewer({ roles: ['SERVICE_AGENT'] });

const OPEN = `mutation($input: OpenTicketInput!) {
  openTicket(input: $input) {
    ticket { id subject status priority channel customer { id } assignee { id } createdBy { id } resolvedAt version }
    userErrors { field code message }
  }
}`;
const CHANGE_STATUS = `mutation($input: ChangeTicketStatusInput!) {
  changeTicketStatus(input: $input) {
    ticket { id status resolvedAt version }
    userErrors { field code message }
  }
}`;
const ASSIGN = `mutation($input: AssignTicketInput!) {
  assignTicket(input: $input) { ticket { id assignee { id } version } userErrors { field code message } }
}`;

interface UserErrorView {
  field: string[] | null;
  code: string;
  message: string;
}
interface TicketView {
  id: string;
  status: string;
  resolvedAt: string | null;
  version: number;
  assignee: { id: string } | null;
}

async function mutate<K extends string>(
  key: K,
  query: string,
  token: string,
  input: Record<string, unknown>,
) {
  const data = await graphqlOk<
    Record<K, { ticket: TicketView | null; userErrors: UserErrorView[] }>
  >(h.app, { query, variables: { input }, token });
  return data[key];
}

async function openFor(customerId: string, token: string, extra: Record<string, unknown> = {}) {
  const result = await mutate('openTicket', OPEN, token, {
    customerId,
    subject: unique('Printer jams'),
    channel: 'PHONE',
    ...extra,
  });
  expect(result.userErrors).toEqual([]);
  return result.ticket!;
}

describe('opening a ticket', () => {
  it('opens an unassigned NORMAL ticket, audits it and publishes ticket.opened keyed by the customer', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const me = agent();
    const result = await mutate('openTicket', OPEN, await h.tokenFor(me), {
      customerId,
      subject: '  Invoice is wrong  ',
      description: 'The March invoice lists 12 seats instead of 10.',
      channel: 'EMAIL',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.ticket).toMatchObject({
      subject: 'Invoice is wrong',
      status: 'OPEN',
      priority: 'NORMAL',
      channel: 'EMAIL',
      customer: { id: customerId },
      assignee: null,
      createdBy: { id: me.id },
      resolvedAt: null,
      version: 1,
    });
    const id = result.ticket!.id;
    const audit = await h.dataSource.query(
      'SELECT action, actor_id FROM audit_log WHERE entity_id = $1',
      [id],
    );
    expect(audit).toEqual([{ action: 'ticket.open', actor_id: me.id }]);
    const events = await h.dataSource.query(
      'SELECT topic, key, type, payload FROM outbox WHERE subject = $1',
      [id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: 'crm.customer-service.ticket.v1',
      key: customerId,
      type: 'crm.customer-service.ticket.opened.v1',
      payload: { ticketId: id, customerId, status: 'OPEN', priority: 'NORMAL', version: 1 },
    });
    expect(events[0].payload).not.toHaveProperty('description');
  });

  it('reports every bad field with its path and writes nothing', async () => {
    const before = await h.dataSource.query(
      'SELECT (SELECT count(*) FROM tickets)::int AS t, (SELECT count(*) FROM outbox)::int AS o',
    );
    const result = await mutate('openTicket', OPEN, await h.tokenFor(agent()), {
      customerId: 'not-an-id',
      subject: '   ',
      channel: 'PHONE',
      description: 'x'.repeat(10_001),
    });
    expect(result.ticket).toBeNull();
    expect(result.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.customerId', 'INVALID'],
      ['input.subject', 'REQUIRED'],
      ['input.description', 'INVALID'],
    ]);
    expect(result.userErrors[2].message).toBe('description: must be at most 10000 characters');
    expect(
      await h.dataSource.query(
        'SELECT (SELECT count(*) FROM tickets)::int AS t, (SELECT count(*) FROM outbox)::int AS o',
      ),
    ).toEqual(before);
  });

  it('refuses a customer sales never announced with NOT_FOUND on customerId', async () => {
    const stranger = aCustomerSnapshot().customerId;
    const result = await mutate('openTicket', OPEN, await h.tokenFor(agent()), {
      customerId: stranger,
      subject: 'Hello',
      channel: 'WEB',
    });
    expect(result.ticket).toBeNull();
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'customerId'],
        code: 'NOT_FOUND',
        message: `customerId: no customer ${stranger}`,
      },
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM tickets WHERE customer_id = $1', [stranger]),
    ).toEqual([]);
  });

  it('answers FORBIDDEN to a role that may not write tickets, and changes nothing', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const res = await graphql(h.app, {
      query: OPEN,
      variables: { input: { customerId, subject: 'Sneaky', channel: 'PHONE' } },
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(
      await h.dataSource.query('SELECT 1 FROM tickets WHERE customer_id = $1', [customerId]),
    ).toEqual([]);
  });

  it('answers 401 and no data to a request without a token', async () => {
    const res = await graphql(h.app, { query: '{ tickets { totalCount } }' });
    expect(res.status).toBe(401);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the ticket workflow', () => {
  it('resolves, reopens and closes a ticket, publishing each status change', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const token = await h.tokenFor(agent());
    const { id } = await openFor(customerId, token);
    const move = async (status: string) =>
      (await mutate('changeTicketStatus', CHANGE_STATUS, token, { ticketId: id, status })).ticket!;

    const resolved = await move('RESOLVED');
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: 2 });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(await move('OPEN')).toMatchObject({ status: 'OPEN', resolvedAt: null, version: 3 });
    const closed = await move('CLOSED');
    expect(closed).toMatchObject({ status: 'CLOSED', version: 4 });
    expect(closed.resolvedAt).not.toBeNull();

    const events = await h.dataSource.query(
      "SELECT payload->>'previousStatus' AS previous, payload->>'status' AS status FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.status_changed.v1' ORDER BY seq",
      [id],
    );
    expect(events).toEqual([
      { previous: 'OPEN', status: 'RESOLVED' },
      { previous: 'RESOLVED', status: 'OPEN' },
      { previous: 'OPEN', status: 'CLOSED' },
    ]);
    const audit = await h.dataSource.query(
      "SELECT before->>'status' AS before, after->>'status' AS after FROM audit_log WHERE entity_id = $1 AND action = 'ticket.change_status' ORDER BY at, id",
      [id],
    );
    expect(audit).toEqual([
      { before: 'OPEN', after: 'RESOLVED' },
      { before: 'RESOLVED', after: 'OPEN' },
      { before: 'OPEN', after: 'CLOSED' },
    ]);
  });

  it('refuses a move the workflow does not allow with INVALID_TRANSITION and leaves the ticket as it was', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const token = await h.tokenFor(agent());
    const { id } = await openFor(customerId, token);
    await mutate('changeTicketStatus', CHANGE_STATUS, token, { ticketId: id, status: 'CLOSED' });
    const result = await mutate('changeTicketStatus', CHANGE_STATUS, token, {
      ticketId: id,
      status: 'OPEN',
    });
    expect(result.ticket).toBeNull();
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'status'],
        code: 'INVALID_TRANSITION',
        message: 'status: a CLOSED ticket cannot change any more',
      },
    ]);
    const [row] = await h.dataSource.query('SELECT status, version FROM tickets WHERE id = $1', [
      id,
    ]);
    expect(row).toEqual({ status: 'CLOSED', version: 2 });
  });

  it('assigns a ticket once, publishes ticket.assigned with the previous assignee, and ignores a repeat', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const teamId = newId();
    const [first, second] = [aPerson({ teamId }), aPerson({ teamId })].map((p) => ({
      id: p.employeeId,
      person: p,
    }));
    await knownDirectory(h, null, first.person, second.person);
    const token = await h.tokenFor(aViewer({ roles: ['SERVICE_AGENT'], teamId }));
    const { id } = await openFor(customerId, token, { assigneeId: first.id });
    const assign = async (assigneeId: string | null) =>
      (await mutate('assignTicket', ASSIGN, token, { ticketId: id, assigneeId })).ticket!;
    expect(await assign(second.id)).toMatchObject({ assignee: { id: second.id }, version: 2 });
    expect(await assign(second.id)).toMatchObject({ assignee: { id: second.id }, version: 2 });
    expect(await assign(null)).toMatchObject({ assignee: null, version: 3 });
    const events = await h.dataSource.query(
      "SELECT payload->>'previousAssigneeId' AS previous, payload->>'assigneeId' AS now FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.assigned.v1' ORDER BY seq",
      [id],
    );
    expect(events).toEqual([
      { previous: first.id, now: second.id },
      { previous: second.id, now: null },
    ]);
  });

  it('refuses an assignee who is unknown, inactive, no service worker or outside your teams, and changes nothing', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const teamId = newId();
    const me = aViewer({ roles: ['SERVICE_AGENT'], teamId });
    const token = await h.tokenFor(me);
    const { id } = await openFor(customerId, token);
    const gone = aPerson({ teamId, active: false });
    const rep = aPerson({ teamId, roles: ['SALES_REP'] });
    const elsewhere = aPerson({ teamId: newId() });
    await knownDirectory(h, null, gone, rep, elsewhere);
    const unknown = newId();
    const refusals = [];
    for (const assigneeId of [unknown, gone.employeeId, rep.employeeId, elsewhere.employeeId]) {
      refusals.push(
        (await mutate('assignTicket', ASSIGN, token, { ticketId: id, assigneeId })).userErrors,
      );
    }
    expect(refusals).toEqual([
      [
        {
          field: ['input', 'assigneeId'],
          code: 'NOT_FOUND',
          message: `assigneeId: no active employee ${unknown}`,
        },
      ],
      [
        {
          field: ['input', 'assigneeId'],
          code: 'NOT_FOUND',
          message: `assigneeId: no active employee ${gone.employeeId}`,
        },
      ],
      [
        {
          field: ['input', 'assigneeId'],
          code: 'INVALID',
          message: `assigneeId: ${rep.employeeId} does not work tickets (SERVICE_AGENT or SERVICE_MANAGER)`,
        },
      ],
      [
        {
          field: ['input', 'assigneeId'],
          code: 'FORBIDDEN',
          message: `assigneeId: ${elsewhere.employeeId} is not in a team of yours`,
        },
      ],
    ]);
    const managerOfThatTeam = aViewer({
      roles: ['SERVICE_MANAGER'],
      managedTeamIds: [elsewhere.teamId!],
    });
    const ok = await mutate('assignTicket', ASSIGN, await h.tokenFor(managerOfThatTeam), {
      ticketId: id,
      assigneeId: elsewhere.employeeId,
    });
    expect(ok.ticket).toMatchObject({ assignee: { id: elsewhere.employeeId }, version: 2 });
  });

  it('reports an unknown ticket as NOT_FOUND on ticketId', async () => {
    const missing = aCustomerSnapshot().customerId;
    const result = await mutate('assignTicket', ASSIGN, await h.tokenFor(agent()), {
      ticketId: missing,
      assigneeId: null,
    });
    expect(result.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.ticketId', 'NOT_FOUND'],
    ]);
  });
});

describe('reading tickets', () => {
  it('answers null for a ticket id that is no id, and BAD_USER_INPUT for such an id in a filter', async () => {
    const token = await h.tokenFor(agent());
    const one = await graphqlOk<{ ticket: null }>(h.app, {
      query: '{ ticket(id: "42") { id } }',
      token,
    });
    expect(one.ticket).toBeNull();
    const list = await graphql(h.app, {
      query: '{ tickets(filter: { customerId: "42" }) { totalCount } }',
      token,
    });
    expect(list.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'filter.customerId is not a valid id (got "42")'],
    ]);
  });
});
