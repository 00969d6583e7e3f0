import { graphql, graphqlOk } from '@crm/testing';
import { login } from './clients';
import { gatewayUrl, serviceUrl } from './system';

const identityBase = serviceUrl('identity').replace(/\/graphql$/, '');

describe('logging in through the gateway', () => {
  it('without a token, a query gets a clean UNAUTHENTICATED that says how to log in and shows no internal address', async () => {
    const res = await graphql(gatewayUrl, {
      query: '{ customers(first: 5) { totalCount } }',
    });
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.errors?.[0].message).toMatch(/"customers" needs a login.*login\(input:/s);
    expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|localhost|"response"|"url"/);
  });

  it('issues tokens whose issuer is the one host the OpenID configuration advertises, JWKS included', async () => {
    const { token } = await login('rep.east1@demo.crm');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      iss: string;
    };
    const config = (await (
      await fetch(`${identityBase}/.well-known/openid-configuration`)
    ).json()) as { issuer: string; jwks_uri: string };
    expect(config.issuer).toBe(claims.iss);
    expect(new URL(config.jwks_uri).host).toBe(new URL(config.issuer).host);
    const jwks = (await (await fetch(config.jwks_uri)).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });

  it('renews a session with its refresh token and ends it with logout, neither needing an access token', async () => {
    const SESSION = 'token refreshToken userErrors { code message }';
    const call = async <T>(query: string, input: Record<string, unknown>) =>
      graphqlOk<T>(gatewayUrl, { query, variables: { input } });
    const { login: started } = await call<{ login: { token: string; refreshToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`,
      { email: 'rep.east1@demo.crm', password: 'demo1234' },
    );
    const refreshed = await call<{
      refreshSession: { token: string | null; refreshToken: string | null };
    }>(`mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION} } }`, {
      refreshToken: started.refreshToken,
    });
    const me = await graphqlOk<{ me: { email: string } }>(gatewayUrl, {
      query: '{ me { email } }',
      token: refreshed.refreshSession.token,
    });
    expect(me.me.email).toBe('rep.east1@demo.crm');
    const out = await call<{ logout: { loggedOut: boolean } }>(
      'mutation($input: LogoutInput!) { logout(input: $input) { loggedOut } }',
      { refreshToken: refreshed.refreshSession.refreshToken },
    );
    expect(out.logout.loggedOut).toBe(true);
    const after = await call<{ refreshSession: { token: string | null; userErrors: unknown[] } }>(
      `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION} } }`,
      { refreshToken: refreshed.refreshSession.refreshToken },
    );
    expect(after.refreshSession.token).toBeNull();
  });
});
