import { graphql, graphqlOk } from '@crm/testing';
import { startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h.stop());

const BAD = 'not-a-uuid';

describe('a malformed id', () => {
  it('finds nothing when looked up, for entity references too', async () => {
    const data = await graphqlOk<Record<string, unknown>>(h.app, {
      query: `query($id: ID!, $refs: [_Any!]!) {
        employee(id: $id) { id } team(id: $id) { id }
        _entities(representations: $refs) { ... on Employee { id } ... on Team { id } } }`,
      variables: {
        id: BAD,
        refs: [
          { __typename: 'Employee', id: BAD },
          { __typename: 'Team', id: BAD },
        ],
      },
      token: h.adminToken,
    });
    expect(data).toEqual({ employee: null, team: null, _entities: [null, null] });
  });

  it('in a mutation input is a user error naming the field, and changes nothing', async () => {
    const data = await graphqlOk<Record<string, { userErrors: unknown[] }>>(h.app, {
      query: `mutation($id: ID!) {
        deactivateEmployee(input: { id: $id }) { employee { id } userErrors { field code message } }
        updateTeam(input: { id: $id, name: "X" }) { team { id } userErrors { field code message } }
      }`,
      variables: { id: BAD },
      token: h.adminToken,
    });
    const invalidId = [
      { field: ['input', 'id'], code: 'INVALID', message: 'id: is not a valid id' },
    ];
    expect(data.deactivateEmployee.userErrors).toEqual(invalidId);
    expect(data.updateTeam.userErrors).toEqual(invalidId);
  });

  it('in a filter is BAD_USER_INPUT naming the argument', async () => {
    const res = await graphql(h.app, {
      query: `{ employees(filter: { teamId: "${BAD}" }) { totalCount } }`,
      token: h.adminToken,
    });
    expect(res.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      [`filter.teamId: "${BAD}" is not a valid id`, 'BAD_USER_INPUT'],
    ]);
  });
});
