import { GATEWAY_CREDENTIAL_HEADER, gatewayCredential } from '@crm/auth';
import { SERVICES } from '@crm/config';
import { gatewaySecretOf, TEST } from '@crm/infra';
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
      // a valid user token is not enough: only the gateway may call a subgraph
      const withToken = await graphql(serviceUrl(name), {
        query: entities,
        variables: { r: [{ __typename: 'Customer', id: customer.id }] },
        token: rep.token,
      });
      expect({
        status: withToken.status,
        data: withToken.data,
        message: withToken.errors?.[0].message,
      }).toEqual({
        status: 401,
        data: null,
        message: 'only the gateway may call this service (no gateway credential)',
      });
      const asGateway = (secret: string, now = Date.now()) =>
        graphql(serviceUrl(name), {
          query: entities,
          variables: { r: [{ __typename: 'Customer', id: customer.id }] },
          token: rep.token,
          headers: {
            [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(
              secret,
              { clientAddress: '127.0.0.1', requestId: 'e2e' },
              now,
            ),
          },
        });
      expect((await asGateway('a-secret-that-is-not-the-gateways-one')).status).toBe(401);
      expect(
        (await asGateway(gatewaySecretOf(TEST), Date.now() - 120_000)).errors?.[0].message,
      ).toBe('the gateway credential has expired');
      const withCredential = await asGateway(gatewaySecretOf(TEST));
      expect(withCredential.status).toBe(200);
      // health stays open to probes
      expect((await fetch(serviceUrl(name).replace('/graphql', '/healthz'))).status).toBe(200);
    },
  );

  it.each(SERVICES.map((s) => s.name))(
    '%s refuses introspection and applies its own query limits',
    async (name) => {
      const rep = await login('rep.east2@demo.crm');
      const call = (query: string) =>
        graphql(serviceUrl(name), {
          query,
          token: rep.token,
          headers: {
            [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(gatewaySecretOf(TEST), {
              clientAddress: '127.0.0.1',
              requestId: 'e2e',
            }),
          },
        });
      const introspection = await call('{ __schema { types { name } } }');
      expect(introspection.errors?.[0].message).toMatch(/introspection/i);
      const aliases = await call(
        `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} _service { sdl } }`,
      );
      expect(aliases.status).toBe(200);
      const many = await call(
        `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: _service { sdl }`).join(' ')} }`,
      );
      expect(many.errors?.[0].message).toMatch(/Aliases limit of 30 exceeded, found 40/);
    },
  );
});
