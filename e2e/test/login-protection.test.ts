import { graphql, graphqlOk, unique } from '@crm/testing';
import { login } from './clients';
import { gatewayUrl } from './system';

const LOGIN =
  'mutation($input: LoginInput!) { login(input: $input) { token userErrors { code message } } }';

describe('login protection through the gateway', () => {
  it('makes an account wait after 5 failed logins and shows every failure in the audit log', async () => {
    const email = `${unique('nobody').replace(/\W/g, '')}@demo.crm`;
    const attempt = async () =>
      (
        await graphqlOk<{ login: { userErrors: { code: string; message: string }[] } }>(
          gatewayUrl,
          { query: LOGIN, variables: { input: { email, password: 'guess' } } },
        )
      ).login.userErrors[0];
    for (let i = 0; i < 5; i++) expect((await attempt()).code).toBe('INVALID_CREDENTIALS');
    expect(await attempt()).toEqual({
      code: 'LIMIT_REACHED',
      message: expect.stringMatching(/too many failed logins for this account; try again in \d+ s/),
    });
    const admin = await login('admin@demo.crm');
    const audit = await graphqlOk<{
      identityAuditLog: { nodes: { action: string; after: { outcome: string } }[] };
    }>(gatewayUrl, {
      query: `query($id: String) { identityAuditLog(first: 20, filter: { entityId: $id }) { nodes { action after } } }`,
      variables: { id: email },
      token: admin.token,
    });
    expect(audit.identityAuditLog.nodes.map((n) => `${n.action} ${n.after.outcome}`)).toEqual([
      'login.failed throttled',
      ...Array(5).fill('login.failed unknown email'),
    ]);
  });

  it('refuses an operation with more than one login field, with or without a token', async () => {
    const logins = Array.from(
      { length: 3 },
      (_, i) => `l${i}: login(input: { email: "x${i}@demo.crm", password: "p" }) { token }`,
    ).join(' ');
    const admin = await login('admin@demo.crm');
    for (const token of [undefined, admin.token]) {
      const res = await graphql(gatewayUrl, { query: `mutation { ${logins} }`, token });
      expect({ status: res.status, data: res.data, message: res.errors?.[0].message }).toEqual({
        status: 400,
        data: null,
        message: 'an operation may make one call to login / refreshSession / logout, not 3',
      });
    }
  });
});
