import { aViewer, startServiceUnderTest, type ServiceUnderTest } from '@crm/testing';
import type { Express } from 'express';
import { createProductFeedbackApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { captureHandlers } from '../src/events/capture-handlers';
import { customerHandlers } from '../src/events/customer-handlers';
import { healthHandlers } from '../src/events/health-handlers';
import { opportunityHandlers } from '../src/events/opportunity-handlers';

export type Harness = ServiceUnderTest<Express>;

/** The app on its test database, with its consumers (customers, deals, flagged tickets) on the test broker. */
export function startProductFeedback(): Promise<Harness> {
  return startServiceUnderTest({
    service: 'product-feedback',
    migrations,
    createApp: createProductFeedbackApp,
    consumers: {
      'product-feedback-customers': customerHandlers,
      'product-feedback-opportunities': opportunityHandlers,
      'product-feedback-capture': captureHandlers,
      'product-feedback-health': healthHandlers,
    },
  });
}

/** The app and a product manager's token (most idea tests act as product). */
export async function startWithProductManager(): Promise<{ h: Harness; pm: string }> {
  const h = await startProductFeedback();
  return { h, pm: await h.tokenFor(aViewer({ roles: ['PRODUCT_MANAGER'] })) };
}
