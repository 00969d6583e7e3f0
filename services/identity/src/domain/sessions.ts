import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Viewer } from '@crm/auth';
import { inTransaction, type Tx } from '@crm/database';
import { failed, ok, userError, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findEmployee, type Employee } from '../db/employees';
import {
  findRefreshToken,
  insertRefreshToken,
  markRefreshTokenUsed,
  revokeRefreshTokens,
} from '../db/refresh-tokens';
import { teamsManagedBy } from '../db/teams';
import type { TokenSigner } from './token-signer';

export interface Session {
  token: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  employee: Employee;
}

const hashOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

/**
 * An access token with the employee's current roles and teams, and a refresh token of the
 * session `familyId` (a new session when absent). Only the refresh token's hash is stored.
 */
export async function issueSession(
  tx: Tx,
  signer: TokenSigner,
  employee: Employee,
  refreshTtlSeconds: number,
  familyId: string = randomUUID(),
): Promise<Session> {
  const viewer: Viewer = {
    id: employee.id,
    name: employee.name,
    email: employee.email,
    roles: employee.roles,
    teamId: employee.teamId,
    managedTeamIds: await teamsManagedBy(tx, employee.id),
  };
  const { token, expiresAt } = await signer.issue(viewer);
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshExpiresAt = new Date(Date.now() + refreshTtlSeconds * 1000);
  await insertRefreshToken(tx, {
    familyId,
    employeeId: employee.id,
    tokenHash: hashOf(refreshToken),
    expiresAt: refreshExpiresAt,
  });
  return { token, expiresAt, refreshToken, refreshExpiresAt, employee };
}

const notValid = () =>
  failed<Session>(
    userError(
      ['input', 'refreshToken'],
      'INVALID_CREDENTIALS',
      'refreshToken: not valid (unknown, expired, used or logged out); log in again',
    ),
  );

/**
 * Trades a refresh token for a new access token (current roles, teams and status) and a new
 * refresh token; the old one stops working. A refresh token presented a second time means it
 * was copied: the whole session is revoked, for the thief and the owner alike.
 */
export async function refreshSession(
  dataSource: DataSource,
  signer: TokenSigner,
  input: { refreshToken: string },
  refreshTtlSeconds: number,
): Promise<Result<Session>> {
  return inTransaction(dataSource, async (tx) => {
    const found = await findRefreshToken(tx, hashOf(input.refreshToken));
    if (!found || found.revokedAt || found.expiresAt <= new Date()) return notValid();
    if (found.usedAt) {
      await revokeRefreshTokens(tx, { familyId: found.familyId });
      return notValid();
    }
    const employee = await findEmployee(tx, found.employeeId);
    if (!employee?.active) {
      await revokeRefreshTokens(tx, { familyId: found.familyId });
      return failed<Session>(
        userError(['input', 'refreshToken'], 'INVALID_CREDENTIALS', 'this account is deactivated'),
      );
    }
    await markRefreshTokenUsed(tx, found.id);
    return ok(await issueSession(tx, signer, employee, refreshTtlSeconds, found.familyId));
  });
}

/** Ends the session of a refresh token (logging out twice is fine). */
export async function logout(
  dataSource: DataSource,
  input: { refreshToken: string },
): Promise<Result<true>> {
  return inTransaction(dataSource, async (tx) => {
    const found = await findRefreshToken(tx, hashOf(input.refreshToken));
    if (!found)
      return failed<true>(
        userError(
          ['input', 'refreshToken'],
          'NOT_FOUND',
          'refreshToken: no session has this token',
        ),
      );
    await revokeRefreshTokens(tx, { familyId: found.familyId });
    return ok(true as const);
  });
}
