import { randomBytes, scryptSync } from 'node:crypto';
import { graphqlOk } from '@crm/testing';
import { SCRYPT_PARAMS, useScryptParamsInTests } from '../src/domain/passwords';
import { anEmployeeWithPassword, startIdentity, type IdentityHarness } from './harness';

// Security finding (issue 11): scrypt ran with N=2^14, below OWASP's current N=2^17, r=8, p=1.

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
  useScryptParamsInTests(SCRYPT_PARAMS); // this file checks the production parameters
});
afterAll(() => h.stop());

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`;
const PASSWORD = 'correct horse';

const anEmployee = () => anEmployeeWithPassword(h, PASSWORD, 'hash');

const storedHash = async (id: string): Promise<string> =>
  (await h.dataSource.query('SELECT password_hash FROM employees WHERE id = $1', [id]))[0]
    .password_hash;

/** A hash as the service made it before, with N=2^14. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  return ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function login(email: string, password: string) {
  return (
    await graphqlOk<{ login: { token: string | null; userErrors: { code: string }[] } }>(h.app, {
      query: LOGIN,
      variables: { input: { email, password } },
    })
  ).login;
}

const params = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('password hashing', () => {
  it('hashes new passwords with N=2^17, r=8, p=1, stored with the hash', async () => {
    const employee = await anEmployee();
    expect(params(await storedHash(employee.id))).toBe('scrypt$131072$8$1');
    expect((await login(employee.email, PASSWORD)).token).toEqual(expect.any(String));
  });

  it('still verifies a hash made with the old parameters and rehashes it at a successful login', async () => {
    const employee = await anEmployee();
    const old = oldHash(PASSWORD);
    await h.dataSource.query('UPDATE employees SET password_hash = $2 WHERE id = $1', [
      employee.id,
      old,
    ]);
    // a wrong password changes nothing
    expect((await login(employee.email, 'wrong password')).userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS' },
    ]);
    expect(await storedHash(employee.id)).toBe(old);

    expect((await login(employee.email, PASSWORD)).token).toEqual(expect.any(String));
    const upgraded = await storedHash(employee.id);
    expect(params(upgraded)).toBe('scrypt$131072$8$1');
    expect(upgraded).not.toBe(old);
    expect((await login(employee.email, PASSWORD)).token).toEqual(expect.any(String));
    expect(await storedHash(employee.id)).toBe(upgraded);
  });

  it('refuses a stored hash with parameters out of bounds instead of spending the memory', async () => {
    const employee = await anEmployee();
    const [, , , , salt, key] = oldHash(PASSWORD).split('$');
    await h.dataSource.query('UPDATE employees SET password_hash = $2 WHERE id = $1', [
      employee.id,
      ['scrypt', 2 ** 30, 8, 1, salt, key].join('$'),
    ]);
    expect((await login(employee.email, PASSWORD)).userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS' },
    ]);
  });
});
