import { aPerson, knownDirectory } from './directory-api';
import { customerHandlers } from '../src/events/customer-handlers';
import { directoryHandlers } from '../src/events/directory-handlers';
import { startServiceUnderTest, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createCustomerServiceApp } from '../src/app';
import { migrations } from '../src/db/migrations';

export type Harness = ServiceUnderTest<Express>;

/** The app on its test database, with its consumers on the test broker (groups of their own). */
export function startCustomerService(): Promise<Harness> {
  return startServiceUnderTest({
    service: 'customer-service',
    migrations,
    createApp: createCustomerServiceApp,
    consumers: {
      'customer-service-customers': customerHandlers,
      'customer-service-directory': directoryHandlers,
    },
  });
}

/**
 * The service for one test file with one agent the directory knows (tickets are assigned to
 * them): started before the file's tests, stopped after. Read `desk.h` inside tests.
 */
export function deskWithAgent(agent: { id: string }): { h: Harness } {
  const desk = {} as { h: Harness };
  beforeAll(async () => {
    desk.h = await startCustomerService();
    await knownDirectory(desk.h, null, aPerson({ employeeId: agent.id }));
  });
  afterAll(async () => {
    await desk.h?.stop();
  });
  return desk;
}
