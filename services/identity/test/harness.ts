import { aViewer, startServiceUnderTest, unique, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createIdentityApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { createEmployee } from '../src/domain/manage-employees';
import { createTeam } from '../src/domain/manage-teams';
import { useScryptParamsInTests } from '../src/domain/passwords';
import { createTokenSigner } from '../src/domain/token-signer';

export interface IdentityHarness extends ServiceUnderTest<Express> {
  adminToken: string;
}

/**
 * Identity on its test database. Passwords are hashed with N=2^14 here (the suites create and
 * log in many people; production's N=2^17 made them three times slower on a loaded machine);
 * test/password-hashing.test.ts checks the production parameters themselves.
 */
export async function startIdentity(): Promise<IdentityHarness> {
  useScryptParamsInTests({ N: 2 ** 14, r: 8, p: 1 });
  const service = await startServiceUnderTest({
    service: 'identity',
    migrations,
    createApp: async (deps) =>
      createIdentityApp({
        ...deps,
        signer: await createTokenSigner(deps.dataSource, {
          issuer: 'http://identity.test',
          audience: 'crm',
          ttlSeconds: 600,
        }),
        issuer: 'http://identity.test',
      }),
  });
  return { ...service, adminToken: await service.tokenFor(aViewer({ roles: ['ADMIN'] })) };
}

export { createEmployee, createTeam };

/** A sales rep who logs in with `password` (a fresh email starting with `prefix`). */
export async function anEmployeeWithPassword(h: IdentityHarness, password: string, prefix: string) {
  const email = `${unique(prefix).replace(/\W/g, '')}@example.com`;
  const result = await createEmployee(h.dataSource, null, {
    name: 'Test Person',
    email,
    password,
    roles: ['SALES_REP'],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
