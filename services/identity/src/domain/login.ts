import { inTransaction, recordAudit } from '@crm/database';
import { failed, ok, userError, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCredentials, upgradePasswordHash } from '../db/employees';
import { beginAttempt, loginSucceeded, throttleKeys } from './login-throttle';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { issueSession, type Session } from './sessions';
import type { TokenSigner } from './token-signer';

// Compared against when the email is unknown, so both failures take the same time (made at
// the first such login, with the parameters in force).
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('not-a-real-password'));

export type LoginResult = Session;

type Outcome = 'succeeded' | 'wrong password' | 'unknown email' | 'deactivated' | 'throttled';

/** Every login attempt is audited (`login.succeeded` / `login.failed`), keyed by the email typed. */
async function audit(
  dataSource: DataSource,
  email: string,
  address: string,
  outcome: Outcome,
  employeeId: string | null,
) {
  await recordAudit(dataSource.manager, {
    actorId: employeeId,
    action: outcome === 'succeeded' ? 'login.succeeded' : 'login.failed',
    entityType: 'login',
    entityId: email.toLowerCase().slice(0, 320),
    after: { address, outcome },
  });
}

/**
 * Password login, throttled per account and per source address (see login-throttle.ts): a
 * waiting account or address is told how long to wait and its password is not even checked.
 */
export async function login(
  dataSource: DataSource,
  signer: TokenSigner,
  input: { email: string; password: string },
  source: { address: string },
  options: { refreshTtlSeconds: number },
): Promise<Result<LoginResult>> {
  const email = input.email.trim();
  const keys = throttleKeys(email, source.address);
  const attempt = await beginAttempt(dataSource, keys);
  if (!attempt.allowed) {
    await audit(dataSource, email, source.address, 'throttled', null);
    const what = attempt.key.startsWith('address:') ? 'from this address' : 'for this account';
    return failed(
      userError(
        null,
        'LIMIT_REACHED',
        `too many failed logins ${what}; try again in ${attempt.retryAfterSeconds} s`,
      ),
    );
  }
  const credentials = await findCredentials(dataSource.manager, email);
  const valid = await verifyPassword(
    input.password,
    credentials?.passwordHash ?? (await dummyHash()),
  );
  if (!credentials || !valid) {
    await audit(
      dataSource,
      email,
      source.address,
      credentials ? 'wrong password' : 'unknown email',
      credentials?.employee.id ?? null,
    );
    return failed(userError(null, 'INVALID_CREDENTIALS', 'the email or the password is wrong'));
  }
  const { employee } = credentials;
  await loginSucceeded(dataSource, keys);
  if (!employee.active) {
    await audit(dataSource, email, source.address, 'deactivated', employee.id);
    return failed(userError(null, 'INVALID_CREDENTIALS', 'this account is deactivated'));
  }
  // A hash made with older (weaker) scrypt parameters is upgraded now that the password is known.
  const upgraded = needsRehash(credentials.passwordHash)
    ? await hashPassword(input.password)
    : null;
  const session = await inTransaction(dataSource, async (tx) => {
    if (upgraded) await upgradePasswordHash(tx, employee.id, credentials.passwordHash, upgraded);
    return issueSession(tx, signer, employee, options.refreshTtlSeconds);
  });
  await audit(dataSource, email, source.address, 'succeeded', employee.id);
  return ok(session);
}
