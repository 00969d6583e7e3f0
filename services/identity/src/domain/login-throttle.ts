import { inTransaction } from '@crm/database';
import type { DataSource } from 'typeorm';
import { lockThrottleRows, saveThrottleRow, type ThrottleRow } from '../db/login-throttle';

export interface ThrottlePolicy {
  /** Failures allowed before the first wait. */
  freeFailures: number;
}

/** An account (its email) and a source address are throttled separately. */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20 };
/** The first wait; it doubles with each further failure up to the lockout. */
export const FIRST_WAIT_MS = 30_000;
/** The longest wait: an account or address failing on is locked this long after each failure. */
export const LOCKOUT_MS = 15 * 60_000;
/** Failures are forgotten after this long without one. */
export const FORGET_AFTER_MS = 60 * 60_000;

const policyOf = (key: string) => (key.startsWith('address:') ? ADDRESS_POLICY : ACCOUNT_POLICY);

/** How long to wait after the `failures`-th failure in a row: 0, then 30 s, 60 s, ... 15 min. */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(LOCKOUT_MS, FIRST_WAIT_MS * 2 ** (failures - policy.freeFailures));
}

function withFailures(row: ThrottleRow, failures: number, now: Date): ThrottleRow {
  const wait = waitAfter(failures, policyOf(row.key));
  return {
    ...row,
    failures,
    lastFailureAt: failures > 0 ? now : row.lastFailureAt,
    blockedUntil: wait ? new Date(now.getTime() + wait) : null,
  };
}

export const throttleKeys = (email: string, address: string) => [
  `account:${email.trim().toLowerCase()}`,
  `address:${address}`,
];

export type Attempt =
  { allowed: true; keys: string[] } | { allowed: false; retryAfterSeconds: number; key: string };

/**
 * Admits a login attempt unless its account or address must still wait. An admitted attempt
 * counts as a failure before the password is checked (so parallel guesses are counted too);
 * `loginSucceeded` takes it back.
 */
export async function beginAttempt(
  dataSource: DataSource,
  keys: string[],
  now = new Date(),
): Promise<Attempt> {
  return inTransaction(dataSource, async (tx) => {
    const found = await lockThrottleRows(tx, keys);
    const waiting = found
      .filter((r) => r.blockedUntil && r.blockedUntil > now)
      .sort((a, b) => b.blockedUntil!.getTime() - a.blockedUntil!.getTime())[0];
    if (waiting) {
      return {
        allowed: false,
        key: waiting.key,
        retryAfterSeconds: Math.ceil((waiting.blockedUntil!.getTime() - now.getTime()) / 1000),
      };
    }
    for (const row of found) {
      const forgotten =
        !row.lastFailureAt || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
      await saveThrottleRow(tx, withFailures(row, (forgotten ? 0 : row.failures) + 1, now));
    }
    return { allowed: true, keys };
  });
}

/**
 * A right password: the account starts afresh; the address gets the attempt back (it was
 * admitted, so it was not waiting).
 */
export async function loginSucceeded(dataSource: DataSource, keys: string[]): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    for (const row of await lockThrottleRows(tx, keys)) {
      const failures = row.key.startsWith('account:') ? 0 : Math.max(row.failures - 1, 0);
      await saveThrottleRow(tx, { ...row, failures, blockedUntil: null });
    }
  });
}
