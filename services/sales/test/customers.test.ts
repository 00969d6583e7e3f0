import { newId } from '@crm/database';
import { employeeCreated, teamCreated, type EventConsumer } from '@crm/events';
import { aViewer, eventually, graphql, graphqlOk, unique, uniqueMobile } from '@crm/testing';
import { produce, startDirectoryConsumer, startSales, type SalesHarness } from './harness';

let h: SalesHarness;
let consumer: EventConsumer;
beforeAll(async () => {
  h = await startSales();
  consumer = await startDirectoryConsumer(h.dataSource);
});
afterAll(async () => {
  await consumer.stop();
  await h.stop();
});

const CREATE = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) {
    customer { id name kind phone email tier owner { id } version }
    userErrors { field code message }
  }
}`;

interface Created {
  createCustomer: {
    customer: { id: string; phone: string; email: string; owner: { id: string } | null } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

async function create(token: string, input: Record<string, unknown>) {
  return (await graphqlOk<Created>(h.app, { query: CREATE, variables: { input }, token }))
    .createCustomer;
}

describe('creating customers', () => {
  it('normalizes phone and email, owns the customer by its creator and publishes customer.created', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const mobile = uniqueMobile();
    const result = await create(await h.tokenFor(rep), {
      name: unique('星辰科技'),
      phone: ` ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)} `,
      email: ' Contact@Example.COM ',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.customer).toMatchObject({
      phone: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      email: 'contact@example.com',
      owner: { id: rep.id },
    });
    const [event] = await h.dataSource.query(
      'SELECT type, key, payload FROM outbox WHERE subject = $1',
      [result.customer!.id],
    );
    expect(event.type).toBe('crm.sales.customer.created.v1');
    expect(event.key).toBe(result.customer!.id);
    expect(event.payload).toMatchObject({
      phoneKey: `+86${mobile}`,
      emailKey: 'contact@example.com',
      ownerId: rep.id,
      version: 1,
    });
  });

  it('reads landlines and international numbers', async () => {
    const token = await h.tokenFor(aViewer());
    const landline = await create(token, { name: unique('Landline'), phone: '(021) 6234-5678' });
    const london = await create(token, { name: unique('London'), phone: '+44 20 7946 0958' });
    const keys = await h.dataSource.query(
      'SELECT phone_key FROM customers WHERE id = ANY($1) ORDER BY phone_key',
      [[landline.customer!.id, london.customer!.id]],
    );
    expect(keys.map((k: { phone_key: string }) => k.phone_key)).toEqual([
      '+442079460958',
      '+862162345678',
    ]);
  });

  it('reports each bad field with its path and creates nothing', async () => {
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM customers');
    const result = await create(await h.tokenFor(aViewer()), {
      name: '  ',
      phone: '12345',
      email: 'nobody@',
    });
    expect(result.customer).toBeNull();
    expect(result.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.phone', 'INVALID'],
      ['input.email', 'INVALID'],
    ]);
    expect(result.userErrors[1].message).toMatch(/"12345" is not a valid phone number/);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM customers')).toEqual(before);
  });
});

describe('who sees which customer', () => {
  it("gives a rep their own and pool customers, a manager their team's, and masks contact data for an analyst", async () => {
    const teamId = newId();
    const manager = aViewer({ roles: ['SALES_MANAGER'], teamId, managedTeamIds: [teamId] });
    const inTeam = aViewer({ roles: ['SALES_REP'], teamId });
    const outsider = aViewer({ roles: ['SALES_REP'] });
    produce(teamCreated, {
      teamId,
      name: unique('Team'),
      managerId: manager.id,
      version: 1,
      occurredAt: new Date().toISOString(),
    });
    for (const person of [manager, inTeam, outsider]) {
      produce(employeeCreated, {
        employeeId: person.id,
        name: person.name,
        email: person.email,
        roles: person.roles,
        teamId: person.teamId,
        active: true,
        version: 1,
        occurredAt: new Date().toISOString(),
      });
    }
    await eventually(async () =>
      expect(
        (await h.dataSource.query('SELECT id FROM employee_replica WHERE id = $1', [outsider.id]))
          .length,
      ).toBe(1),
    );
    const phone = uniqueMobile();
    const teamCustomer = (
      await create(await h.tokenFor(inTeam), { name: unique('Team Customer'), phone })
    ).customer!;
    const outsiderCustomer = (
      await create(await h.tokenFor(outsider), { name: unique('Outsider Customer') })
    ).customer!;
    const poolCustomer = (
      await create(await h.tokenFor(manager), { name: unique('Pool Customer'), ownerId: null })
    ).customer!;

    const visibleTo = async (viewer: typeof manager) => {
      const data = await graphqlOk<{ customers: { nodes: { id: string }[] } }>(h.app, {
        query:
          'query($ids: [ID!]) { customers(first: 100, filter: { ownerIds: $ids }) { nodes { id } } }',
        variables: { ids: [inTeam.id, outsider.id] },
        token: await h.tokenFor(viewer),
      });
      return data.customers.nodes.map((n) => n.id).sort();
    };
    expect(await visibleTo(manager)).toEqual([teamCustomer.id].sort());
    expect(await visibleTo(outsider)).toEqual([outsiderCustomer.id]);
    expect(await visibleTo(aViewer({ roles: ['EXECUTIVE'] }))).toEqual(
      [teamCustomer.id, outsiderCustomer.id].sort(),
    );
    const pool = await graphqlOk<{ customer: { id: string } | null }>(h.app, {
      query: `{ customer(id: "${poolCustomer.id}") { id } }`,
      token: await h.tokenFor(outsider),
    });
    expect(pool.customer?.id).toBe(poolCustomer.id);
    const hidden = await graphqlOk<{ customer: null }>(h.app, {
      query: `{ customer(id: "${teamCustomer.id}") { id } }`,
      token: await h.tokenFor(outsider),
    });
    expect(hidden.customer).toBeNull();

    const analystView = await graphqlOk<{ customer: { phone: string } }>(h.app, {
      query: `{ customer(id: "${teamCustomer.id}") { phone } }`,
      token: await h.tokenFor(aViewer({ roles: ['ANALYST'] })),
    });
    expect(analystView.customer.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  });

  it('does not let a rep change a customer they do not own', async () => {
    const owner = aViewer();
    const customer = (await create(await h.tokenFor(owner), { name: unique('Not Yours') }))
      .customer!;
    const res = await graphql<{
      updateCustomer: { customer: null; userErrors: { code: string }[] };
    }>(h.app, {
      query:
        'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { code } } }',
      variables: { input: { id: customer.id, name: 'Hijacked' } },
      token: await h.tokenFor(aViewer()),
    });
    expect(res.data?.updateCustomer.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const [row] = await h.dataSource.query('SELECT name FROM customers WHERE id = $1', [
      customer.id,
    ]);
    expect(row.name).not.toBe('Hijacked');
  });
});

describe('updating a customer', () => {
  it('changes the given fields, bumps the version and publishes what changed', async () => {
    const rep = aViewer();
    const token = await h.tokenFor(rep);
    const customer = (await create(token, { name: unique('Before'), tier: 'B' })).customer!;
    const data = await graphqlOk<{
      updateCustomer: { customer: { tier: string; version: number; industry: string | null } };
    }>(h.app, {
      query:
        'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { tier version industry } userErrors { message } } }',
      variables: { input: { id: customer.id, tier: 'KEY', industry: 'Software' } },
      token,
    });
    expect(data.updateCustomer.customer).toEqual({ tier: 'KEY', version: 2, industry: 'Software' });
    const events = await h.dataSource.query(
      'SELECT type, payload FROM outbox WHERE subject = $1 ORDER BY seq',
      [customer.id],
    );
    expect(events[1].type).toBe('crm.sales.customer.updated.v1');
    expect(events[1].payload.changedFields).toEqual(['industry', 'tier']);
    const audit = await h.dataSource.query(
      "SELECT before->>'tier' AS before, after->>'tier' AS after FROM audit_log WHERE entity_id = $1 AND action = 'customer.update'",
      [customer.id],
    );
    expect(audit).toEqual([{ before: 'B', after: 'KEY' }]);
  });
});

describe('entity resolution', () => {
  it('resolves 25 customer references with one SQL query', async () => {
    const token = await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] }));
    const ids: string[] = [];
    for (let i = 0; i < 25; i++)
      ids.push((await create(token, { name: unique(`Bulk ${i}`) })).customer!.id);
    h.counter.reset();
    const data = await graphqlOk<{ _entities: { id: string; owner: { id: string } | null }[] }>(
      h.app,
      {
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name phone owner { id } } } }',
        variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
        token,
      },
    );
    expect(data._entities.map((e) => e.id)).toEqual(ids);
    expect(h.counter.matching(/FROM customers/)).toHaveLength(1);
  });
});
