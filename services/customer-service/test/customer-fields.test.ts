import { newId } from '@crm/database';
import { customerUpdated } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  knownCustomers,
  produceEvent,
  unique,
} from '@crm/testing';
import { aPerson, knownDirectory } from './directory-api';
import { startCustomerService, type Harness } from './harness';

let h: Harness;
const agent = aViewer({ roles: ['SERVICE_AGENT'] });
beforeAll(async () => {
  h = await startCustomerService();
  // tickets are assigned to this agent: the directory must know them
  await knownDirectory(h, null, aPerson({ employeeId: agent.id }));
});
afterAll(async () => {
  await h.stop();
});

async function openTicket(customerId: string, extra: Record<string, unknown> = {}) {
  const data = await graphqlOk<{ openTicket: { ticket: { id: string } } }>(h.app, {
    query:
      'mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { message } } }',
    variables: { input: { customerId, subject: unique('Broken'), channel: 'WECHAT', ...extra } },
    token: await h.tokenFor(agent),
  });
  return data.openTicket.ticket.id;
}

async function resolve(ticketId: string) {
  await graphqlOk(h.app, {
    query:
      'mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { userErrors { message } } }',
    variables: { input: { ticketId, status: 'RESOLVED' } },
    token: await h.tokenFor(agent),
  });
}

const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Customer { id openTicketCount tickets(first: 2) { totalCount nodes { id status } pageInfo { hasNextPage endCursor } } }
  }
}`;

interface CustomerView {
  id: string;
  openTicketCount: number | null;
  tickets: {
    totalCount: number;
    nodes: { id: string; status: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  } | null;
}

async function entities(customerIds: string[], token: string) {
  const data = await graphqlOk<{ _entities: CustomerView[] }>(h.app, {
    query: ENTITIES,
    variables: { r: customerIds.map((id) => ({ __typename: 'Customer', id })) },
    token,
  });
  return data._entities;
}

describe('Customer.tickets and Customer.openTicketCount', () => {
  it('resolve 20 customers with one SQL query for the tickets and one for the counts', async () => {
    const ids = await knownCustomers(
      h.dataSource,
      ...Array.from({ length: 20 }, () => aCustomerSnapshot()),
    );
    for (const id of ids.slice(0, 5)) {
      await openTicket(id);
      await openTicket(id);
      await resolve(await openTicket(id));
    }
    const token = await h.tokenFor(aViewer({ roles: ['SERVICE_MANAGER'] }));
    h.counter.reset();
    const result = await entities(ids, token);
    expect(h.counter.matching(/FROM tickets/)).toHaveLength(2);
    expect(result.map((c) => c.id)).toEqual(ids);
    expect(result[0]).toMatchObject({
      openTicketCount: 2,
      tickets: { totalCount: 3, pageInfo: { hasNextPage: true } },
    });
    expect(result[0].tickets!.nodes).toHaveLength(2);
    expect(result[19]).toEqual({
      id: ids[19],
      openTicketCount: 0,
      tickets: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('pages a customer’s tickets with the cursor, newest first', async () => {
    const [id] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const opened = [await openTicket(id), await openTicket(id), await openTicket(id)];
    const token = await h.tokenFor(agent);
    const [first] = await entities([id], token);
    expect(first.tickets!.nodes.map((t) => t.id)).toEqual([opened[2], opened[1]]);
    const next = await graphqlOk<{ _entities: CustomerView[] }>(h.app, {
      query: `query($r: [_Any!]!, $after: String) { _entities(representations: $r) {
        ... on Customer { tickets(first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage } } } } }`,
      variables: {
        r: [{ __typename: 'Customer', id }],
        after: first.tickets!.pageInfo.endCursor,
      },
      token,
    });
    expect(next._entities[0].tickets).toMatchObject({
      totalCount: 3,
      nodes: [{ id: opened[0] }],
      pageInfo: { hasNextPage: false },
    });
  });
});

describe('who sees which tickets', () => {
  it('shows a rep the tickets of customers they own or back up, and nothing of anyone else’s', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const other = aViewer({ roles: ['SALES_REP'] });
    const [mine, backedUp, theirs] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: rep.id }),
      aCustomerSnapshot({ ownerId: other.id, backupOwnerId: rep.id }),
      aCustomerSnapshot({ ownerId: other.id }),
    );
    const [mineTicket, backedUpTicket, theirTicket] = [
      await openTicket(mine, { assigneeId: agent.id }),
      await openTicket(backedUp, { assigneeId: agent.id }),
      await openTicket(theirs, { assigneeId: agent.id }),
    ];
    const token = await h.tokenFor(rep);

    h.counter.reset();
    const seen = await entities([mine, backedUp, theirs], token);
    // the scope needs the owners: one replica query for the whole batch
    expect(h.counter.matching(/FROM customer_replica/)).toHaveLength(1);
    expect(h.counter.matching(/FROM tickets/)).toHaveLength(2);
    expect(seen.map((c) => c.openTicketCount)).toEqual([1, 1, null]);
    expect(seen[2].tickets).toBeNull();

    const ticket = await graphqlOk<{ ticket: { id: string } | null }>(h.app, {
      query: `{ ticket(id: "${theirTicket}") { id } }`,
      token,
    });
    expect(ticket.ticket).toBeNull();

    const list = await graphqlOk<{ tickets: { nodes: { id: string }[] } }>(h.app, {
      query: `{ tickets(first: 100, filter: { assigneeId: "${agent.id}" }) { nodes { id } } }`,
      token,
    });
    expect(list.tickets.nodes.map((t) => t.id).sort()).toEqual([mineTicket, backedUpTicket].sort());

    const assigned = await graphqlOk<{ _entities: { assignedTickets: { totalCount: number } }[] }>(
      h.app,
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { assignedTickets { totalCount } } } }`,
        variables: { r: [{ __typename: 'Employee', id: agent.id }] },
        token,
      },
    );
    expect(assigned._entities[0].assignedTickets.totalCount).toBe(2);
  });

  it('follows ownership changes that sales publishes', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const facts = aCustomerSnapshot({ ownerId: newId() });
    const [id] = await knownCustomers(h.dataSource, facts);
    await openTicket(id);
    const token = await h.tokenFor(rep);
    expect((await entities([id], token))[0].openTicketCount).toBeNull();
    produceEvent(customerUpdated, {
      ...facts,
      ownerId: rep.id,
      version: 2,
      changedFields: ['ownerId'],
      occurredAt: new Date().toISOString(),
    });
    await eventually(async () => expect((await entities([id], token))[0].openTicketCount).toBe(1));
  });

  it('answers FORBIDDEN to a role without tickets.read', async () => {
    const [id] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const token = await h.tokenFor(aViewer({ roles: ['MARKETER'] }));
    const list = await graphql(h.app, { query: '{ tickets { totalCount } }', token });
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const field = await graphql<{ _entities: { openTicketCount: number | null }[] }>(h.app, {
      query: ENTITIES,
      variables: { r: [{ __typename: 'Customer', id }] },
      token,
    });
    expect(field.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(field.data?._entities[0].openTicketCount).toBeNull();
  });
});
