import { aViewer, startServiceUnderTest, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createIdentityApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { createEmployee } from '../src/domain/manage-employees';
import { createTeam } from '../src/domain/manage-teams';
import { createTokenSigner } from '../src/domain/token-signer';

export interface IdentityHarness extends ServiceUnderTest<Express> {
  adminToken: string;
}

export async function startIdentity(): Promise<IdentityHarness> {
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
