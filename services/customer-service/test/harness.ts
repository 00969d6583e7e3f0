import { customerReplicaHandlers } from '@crm/customer-replica';
import { startServiceUnderTest, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createCustomerServiceApp } from '../src/app';
import { migrations } from '../src/db/migrations';

export type Harness = ServiceUnderTest<Express>;

/** The app on its test database, with its customer consumer on the test broker (own group). */
export function startCustomerService(): Promise<Harness> {
  return startServiceUnderTest({
    service: 'customer-service',
    migrations,
    createApp: createCustomerServiceApp,
    consumers: { 'customer-service-customers': customerReplicaHandlers },
  });
}
