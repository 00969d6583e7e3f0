import type { Viewer } from '@crm/auth';
import { QueryCounter } from '@crm/database';
import {
  aViewer,
  openTestDatabase,
  startTestIssuer,
  testLogger,
  type TestIssuer,
} from '@crm/testing';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createIdentityApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { createEmployee } from '../src/domain/manage-employees';
import { createTeam } from '../src/domain/manage-teams';
import { createTokenSigner } from '../src/domain/token-signer';

export interface IdentityHarness {
  app: Express;
  dataSource: DataSource;
  issuer: TestIssuer;
  counter: QueryCounter;
  adminToken: string;
  tokenFor(viewer: Viewer): Promise<string>;
  stop(): Promise<void>;
}

export async function startIdentity(): Promise<IdentityHarness> {
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase('identity', migrations, counter);
  const signer = await createTokenSigner(dataSource, {
    issuer: 'http://identity.test',
    audience: 'crm',
    ttlSeconds: 600,
  });
  const { app } = await createIdentityApp({
    dataSource,
    signer,
    verifyToken: issuer.verifyToken,
    logger: testLogger('identity'),
    issuer: 'http://identity.test',
    jwksUrl: 'http://identity.test/.well-known/jwks.json',
  });
  return {
    app,
    dataSource,
    issuer,
    counter,
    adminToken: await issuer.tokenFor(aViewer({ roles: ['ADMIN'] })),
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    stop: async () => {
      await issuer.stop();
      await dataSource.destroy();
    },
  };
}

export { createEmployee, createTeam };
