import { aViewer, graphql, graphqlOk } from '@crm/testing';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { anEmployeeWithPassword, startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h.stop());

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token expiresAt employee { id email roles } userErrors { field code message } } }`;

const anEmployee = (password = 'correct horse') => anEmployeeWithPassword(h, password, 'login');

describe('login', () => {
  it('issues an RS256 token that verifies against the JWKS the service publishes', async () => {
    const employee = await anEmployee();
    const data = await graphqlOk<{ login: { token: string; employee: { id: string } } }>(h.app, {
      query: LOGIN,
      variables: { input: { email: employee.email.toUpperCase(), password: 'correct horse' } },
    });
    expect(data.login.employee.id).toBe(employee.id);
    const jwks = (await request(h.app).get('/.well-known/jwks.json')).body;
    const { payload, protectedHeader } = await jwtVerify(
      data.login.token,
      createLocalJWKSet(jwks),
      {
        issuer: 'http://identity.test',
        audience: 'crm',
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: employee.id,
      roles: ['SALES_REP'],
      email: employee.email,
    });
  });

  it('answers a wrong password with INVALID_CREDENTIALS and no token', async () => {
    const employee = await anEmployee();
    const data = await graphqlOk<{
      login: { token: string | null; userErrors: { code: string }[] };
    }>(h.app, {
      query: LOGIN,
      variables: { input: { email: employee.email, password: 'wrong password' } },
    });
    expect(data.login.token).toBeNull();
    expect(data.login.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
  });
});

describe('a request without a valid token', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id email } } }`;

  it('gets 401 and no data, for _entities too', async () => {
    const employee = await anEmployee();
    for (const query of ['{ me { id } }', ENTITIES]) {
      const res = await graphql(h.app, {
        query,
        variables: { r: [{ __typename: 'Employee', id: employee.id }] },
      });
      expect(res.status).toBe(401);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is refused when expired, for another audience, or signed by an unknown key', async () => {
    const viewer = aViewer({ roles: ['ADMIN'] });
    const tokens = [
      await h.issuer.tokenFor(viewer, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await h.issuer.tokenFor(viewer, { audience: 'someone-else' }),
      await h.issuer.foreignToken(viewer),
      'not.a.jwt',
    ];
    for (const token of tokens) {
      const res = await graphql(h.app, { query: '{ teams { id } }', token });
      expect({ status: res.status, data: res.data }).toEqual({ status: 401, data: null });
    }
  });

  it('still reaches the health checks', async () => {
    expect((await request(h.app).get('/healthz')).status).toBe(200);
  });
});
