import { randomBytes } from 'node:crypto';
import { GATEWAY_CREDENTIAL_HEADER, gatewayCredential } from '@crm/auth';
import { behindGateway } from '@crm/subgraph';
import { graphql, TIMERS_BUT_DATE, unique } from '@crm/testing';
import type { Express } from 'express';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  LOCKOUT_MS,
  waitAfter,
} from '../src/domain/login-throttle';
import { anEmployeeWithPassword, startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
let app: Express;
const secret = randomBytes(32).toString('base64url');
beforeAll(async () => {
  h = await startIdentity();
  app = behindGateway(h.app, secret);
});
afterAll(() => h.stop());
afterEach(() => jest.useRealTimers());

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token userErrors { code message } } }`;
const PASSWORD = 'correct horse';

/** An address of the documentation range no other test uses, as the gateway vouches for it. */
const anAddress = () =>
  `198.51.100.${Math.floor(Math.random() * 250)}-${unique('a').replace(/\W/g, '')}`;

const anEmployee = () => anEmployeeWithPassword(h, PASSWORD, 'guard');

async function login(email: string, password: string, address: string) {
  const res = await graphql<{
    login: { token: string | null; userErrors: { code: string; message: string }[] };
  }>(app, {
    query: LOGIN,
    variables: { input: { email, password } },
    headers: {
      [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(secret, {
        clientAddress: address,
        requestId: 'test',
      }),
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.login;
}

const failures = async (email: string) =>
  (
    (await h.dataSource.query(
      `SELECT after->>'outcome' AS outcome, after->>'address' AS address FROM audit_log
       WHERE action = 'login.failed' AND entity_id = $1 ORDER BY at, id`,
      [email.toLowerCase()],
    )) as { outcome: string; address: string }[]
  ).map((r) => `${r.outcome} from ${r.address}`);

describe('login protection', () => {
  it('waits longer after each failure past the free ones, up to a 15-minute lockout', () => {
    expect(Array.from({ length: 12 }, (_, i) => waitAfter(i + 1, ACCOUNT_POLICY) / 1000)).toEqual([
      0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    expect(waitAfter(ADDRESS_POLICY.freeFailures - 1, ADDRESS_POLICY)).toBe(0);
    expect(LOCKOUT_MS).toBe(15 * 60_000);
  });

  it('makes an account wait after 5 failed logins, even with the right password, and audits each', async () => {
    const employee = await anEmployee();
    const address = anAddress();
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++)
      expect((await login(employee.email, 'wrong', address)).userErrors[0].code).toBe(
        'INVALID_CREDENTIALS',
      );
    // another address does not help: the account waits
    const refused = await login(employee.email, PASSWORD, anAddress());
    expect(refused.token).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        code: 'LIMIT_REACHED',
        message: expect.stringMatching(
          /too many failed logins for this account; try again in 30 s/,
        ),
      },
    ]);
    const audited = await failures(employee.email);
    expect(audited.slice(0, 5)).toEqual(Array(5).fill(`wrong password from ${address}`));
    expect(audited[5]).toMatch(/^throttled from 198\.51\.100\./);

    // 31 s later the right password works and the account starts afresh
    jest.useFakeTimers({ doNotFake: [...TIMERS_BUT_DATE], now: Date.now() + 31_000 });
    expect((await login(employee.email, PASSWORD, address)).token).toEqual(expect.any(String));
    expect((await login(employee.email, 'wrong', address)).userErrors[0].code).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('makes an address wait after 20 failed logins whatever the accounts, audited for unknown emails too', async () => {
    const address = anAddress();
    const employee = await anEmployee();
    for (let i = 0; i < ADDRESS_POLICY.freeFailures; i++) {
      const email = `${unique('nobody').replace(/\W/g, '')}@example.com`;
      await login(email, 'guess', address);
      if (i === 0) expect(await failures(email)).toEqual([`unknown email from ${address}`]);
    }
    const refused = await login(employee.email, PASSWORD, address);
    expect(refused.userErrors[0]).toEqual({
      code: 'LIMIT_REACHED',
      message: expect.stringMatching(
        /too many failed logins from this address; try again in \d+ s/,
      ),
    });
    // the same person from elsewhere is not held up
    expect((await login(employee.email, PASSWORD, anAddress())).token).toEqual(expect.any(String));
  });

  it('counts parallel guesses: 12 at once let at most 5 passwords be checked', async () => {
    const employee = await anEmployee();
    const address = anAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(employee.email, 'wrong', address)),
    );
    const codes = answers.map((a) => a.userErrors[0].code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LIMIT_REACHED')).toHaveLength(7);
  });

  it('refuses an operation that calls login more than once', async () => {
    const aliases = Array.from(
      { length: 3 },
      (_, i) => `l${i}: login(input: { email: "x${i}@example.com", password: "p" }) { token }`,
    ).join(' ');
    const res = await graphql(app, {
      query: `mutation { ${aliases} }`,
      headers: {
        [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(secret, {
          clientAddress: anAddress(),
          requestId: 'test',
        }),
      },
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(
      /may make one call to login \/ refreshSession \/ logout, not 3/,
    );
    expect(await failures('x0@example.com')).toEqual([]);
  });
});
