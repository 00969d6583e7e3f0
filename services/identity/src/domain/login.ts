import type { Viewer } from '@crm/auth';
import { failed, ok, userError, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findCredentials, type Employee } from '../db/employees';
import { teamsManagedBy } from '../db/teams';
import { hashPassword, verifyPassword } from './passwords';
import type { TokenSigner } from './token-signer';

// Compared against when the email is unknown, so both failures take the same time.
const dummyHash = hashPassword('not-a-real-password');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  employee: Employee;
}

export async function login(
  dataSource: DataSource,
  signer: TokenSigner,
  input: { email: string; password: string },
): Promise<Result<LoginResult>> {
  const wrong = failed<LoginResult>(
    userError(null, 'INVALID_CREDENTIALS', 'the email or the password is wrong'),
  );
  const credentials = await findCredentials(dataSource.manager, input.email.trim());
  const valid = await verifyPassword(
    input.password,
    credentials?.passwordHash ?? (await dummyHash),
  );
  if (!credentials || !valid) return wrong;
  const { employee } = credentials;
  if (!employee.active)
    return failed(userError(null, 'INVALID_CREDENTIALS', 'this account is deactivated'));
  const viewer: Viewer = {
    id: employee.id,
    name: employee.name,
    email: employee.email,
    roles: employee.roles,
    teamId: employee.teamId,
    managedTeamIds: await teamsManagedBy(dataSource.manager, employee.id),
  };
  const { token, expiresAt } = await signer.issue(viewer);
  return ok({ token, expiresAt, employee });
}
