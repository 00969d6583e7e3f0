import { SERVICES } from '@crm/config';
import { graphql } from '@crm/testing';
import { createCustomer, login } from './clients';
import { serviceUrl } from './system';

describe('a subgraph called directly', () => {
  it.each(SERVICES.map((s) => s.name))(
    '%s answers no data without a valid token, _entities included',
    async (name) => {
      const rep = await login('rep.east2@demo.crm');
      const customer = await createCustomer(rep.token);
      const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
      for (const token of [undefined, 'not-a-token', `${rep.token}x`]) {
        const res = await graphql(serviceUrl(name), {
          query: entities,
          variables: { r: [{ __typename: 'Customer', id: customer.id }] },
          token,
        });
        expect({
          status: res.status,
          data: res.data,
          code: res.errors?.[0].extensions?.code,
        }).toEqual({ status: 401, data: null, code: 'UNAUTHENTICATED' });
      }
      const sdl = await graphql(serviceUrl(name), { query: '{ _service { sdl } }' });
      expect(sdl.status).toBe(401);
      const withToken = await graphql(serviceUrl(name), {
        query: entities,
        variables: { r: [{ __typename: 'Customer', id: customer.id }] },
        token: rep.token,
      });
      expect(withToken.status).toBe(200);
    },
  );
});
