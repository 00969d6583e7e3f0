import { aViewer, graphql, graphqlOk } from '@crm/testing';
import { aCustomer, mutate, seedPeople } from './customers-fixtures';
import { startSales, type SalesHarness } from './harness';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

const BAD = 'not-a-uuid';

describe('a malformed id', () => {
  it('finds nothing when it is looked up, directly or as an entity reference', async () => {
    const token = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    const data = await graphqlOk<Record<string, unknown>>(h.app, {
      query: `query($id: ID!, $r: [_Any!]!) {
        customer(id: $id) { id } opportunity(id: $id) { id } quote(id: $id) { id } task(id: $id) { id }
        _entities(representations: $r) { ... on Customer { id } ... on Opportunity { id } ... on Lead { id assignment { status } } }
      }`,
      variables: {
        id: BAD,
        r: ['Customer', 'Opportunity', 'Lead'].map((__typename) => ({ __typename, id: BAD })),
      },
      token,
    });
    expect(data).toEqual({
      customer: null,
      opportunity: null,
      quote: null,
      task: null,
      _entities: [null, null, null],
    });
  });

  it('in a mutation input is a userError naming the field, and nothing changes', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    await seedPeople(h, rep);
    const customer = await aCustomer(h, rep);
    const result = await mutate(
      h,
      rep,
      'addContact',
      'AddContactInput',
      { customerId: BAD, name: '李总' },
      'contact { id }',
    );
    expect(result).toEqual({
      contact: null,
      userErrors: [
        {
          field: ['input', 'customerId'],
          code: 'INVALID',
          message: `input.customerId is not an id (expected a UUID, got "${BAD}")`,
        },
      ],
    });
    const transfer = await mutate(
      h,
      rep,
      'transferCustomers',
      'TransferCustomersInput',
      { customerIds: [customer.id, BAD], toOwnerId: null },
      'customers { id }',
    );
    expect(transfer.userErrors.map((e) => e.field)).toEqual([['input', 'customerIds', '1']]);
    const [row] = await h.dataSource.query('SELECT owner_id FROM customers WHERE id = $1', [
      customer.id,
    ]);
    expect(row.owner_id).toBe(rep.id);
  });

  it('in a filter is BAD_USER_INPUT naming the argument', async () => {
    const res = await graphql(h.app, {
      query: 'query($ids: [ID!]) { customers(filter: { ownerIds: $ids }) { totalCount } }',
      variables: { ids: [BAD] },
      token: await h.tokenFor(aViewer({ roles: ['ADMIN'] })),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      `filter.ownerIds.0 is not an id (expected a UUID, got "${BAD}")`,
    );
  });
});
