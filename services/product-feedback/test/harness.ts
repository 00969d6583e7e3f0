import { customerReplicaHandlers } from '@crm/customer-replica';
import { startServiceUnderTest, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createProductFeedbackApp } from '../src/app';
import { migrations } from '../src/db/migrations';

export type Harness = ServiceUnderTest<Express>;

/** The app on its test database, with its customer consumer on the test broker (own group). */
export function startProductFeedback(): Promise<Harness> {
  return startServiceUnderTest({
    service: 'product-feedback',
    migrations,
    createApp: createProductFeedbackApp,
    consumers: { 'product-feedback-customers': customerReplicaHandlers },
  });
}
