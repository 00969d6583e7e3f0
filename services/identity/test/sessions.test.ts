import { aViewer, graphqlOk, unique } from '@crm/testing';
import { createEmployee, deactivateEmployee, updateEmployee } from '../src/domain/manage-employees';
import { identityEnvSchema } from '../src/env';
import { startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h.stop());

const SESSION = 'token expiresAt refreshToken refreshExpiresAt userErrors { field code message }';
interface SessionAnswer {
  token: string | null;
  expiresAt: string | null;
  refreshToken: string | null;
  refreshExpiresAt: string | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
}
const admin = aViewer({ roles: ['ADMIN'] });

async function anEmployee() {
  const email = `${unique('session').replace(/\W/g, '')}@example.com`;
  const result = await createEmployee(h.dataSource, null, {
    name: 'Session Person',
    email,
    password: 'correct horse',
    roles: ['SALES_REP'],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const login = async (email: string) =>
  (
    await graphqlOk<{ login: SessionAnswer }>(h.app, {
      query: `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`,
      variables: { input: { email, password: 'correct horse' } },
    })
  ).login;
const refresh = async (refreshToken: string | null) =>
  (
    await graphqlOk<{ refreshSession: SessionAnswer }>(h.app, {
      query: `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION} } }`,
      variables: { input: { refreshToken } },
    })
  ).refreshSession;
const logout = async (refreshToken: string | null) =>
  (
    await graphqlOk<{ logout: { loggedOut: boolean; userErrors: { code: string }[] } }>(h.app, {
      query: `mutation($input: LogoutInput!) { logout(input: $input) { loggedOut userErrors { code } } }`,
      variables: { input: { refreshToken } },
    })
  ).logout;
const rolesIn = (token: string | null) =>
  (
    JSON.parse(Buffer.from(token!.split('.')[1], 'base64url').toString('utf8')) as {
      roles: string[];
    }
  ).roles;

describe('sessions', () => {
  it('issue access tokens for 15 minutes and refresh tokens for 30 days by default', () => {
    const env = identityEnvSchema.parse({});
    expect([env.TOKEN_TTL_SECONDS, env.REFRESH_TOKEN_TTL_SECONDS]).toEqual([900, 30 * 24 * 3600]);
  });

  it('trade a refresh token once for a new pair carrying the current roles', async () => {
    const employee = await anEmployee();
    const first = await login(employee.email);
    expect(first.refreshToken).toEqual(expect.any(String));
    const changed = await updateEmployee(h.dataSource, admin, {
      id: employee.id,
      roles: ['SALES_MANAGER'],
    });
    expect(changed.ok).toBe(true);
    const second = await refresh(first.refreshToken);
    expect(second.userErrors).toEqual([]);
    expect(rolesIn(second.token)).toEqual(['SALES_MANAGER']);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await refresh(second.refreshToken);
    expect(third.token).toEqual(expect.any(String));
  });

  it('end the whole session when a used refresh token comes back (it was copied)', async () => {
    const employee = await anEmployee();
    const first = await login(employee.email);
    const second = await refresh(first.refreshToken);
    const replay = await refresh(first.refreshToken);
    expect(replay).toMatchObject({
      token: null,
      userErrors: [
        {
          field: ['input', 'refreshToken'],
          code: 'INVALID_CREDENTIALS',
          message: expect.stringMatching(/^refreshToken: not valid/),
        },
      ],
    });
    expect((await refresh(second.refreshToken)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
    // another login is another session
    expect((await refresh((await login(employee.email)).refreshToken)).token).toEqual(
      expect.any(String),
    );
  });

  it('end on logout, and logging out twice is fine', async () => {
    const employee = await anEmployee();
    const session = await login(employee.email);
    expect(await logout(session.refreshToken)).toEqual({ loggedOut: true, userErrors: [] });
    expect((await refresh(session.refreshToken)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect(await logout(session.refreshToken)).toEqual({ loggedOut: true, userErrors: [] });
    expect(await logout('not-a-token')).toEqual({
      loggedOut: false,
      userErrors: [{ code: 'NOT_FOUND' }],
    });
  });

  it('end when the employee is deactivated', async () => {
    const employee = await anEmployee();
    const session = await login(employee.email);
    const deactivated = await deactivateEmployee(h.dataSource, admin, { id: employee.id });
    expect(deactivated.ok).toBe(true);
    expect((await refresh(session.refreshToken)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });
});
