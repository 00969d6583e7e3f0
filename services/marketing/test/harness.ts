import type { Viewer } from '@crm/auth';
import { createOutboxRelay, type OutboxRelay } from '@crm/events';
import {
  aViewer,
  graphqlOk,
  startServiceUnderTest,
  testDatabaseUrl,
  testKafka,
  testLogger,
  unique,
  type ServiceUnderTest,
  type TestAppDeps,
} from '@crm/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createMarketingApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { salesHandlers } from '../src/events/consumers';
import { customerHandlers } from '../src/events/customer-handlers';

export interface MarketingHarness extends ServiceUnderTest<Express> {
  /** Another app on the same database (e.g. a second replica with its own settings). */
  appWith(webForm: { rateLimit: number; rateWindowSeconds: number }): Promise<Express>;
}

export async function startMarketing(): Promise<MarketingHarness> {
  const build = (deps: TestAppDeps, webForm = { rateLimit: 10_000, rateWindowSeconds: 60 }) =>
    createMarketingApp({ ...deps, webForm: { ...webForm, trustProxy: 'loopback' } });
  const service = await startServiceUnderTest({
    service: 'marketing',
    migrations,
    createApp: (deps) => build(deps),
  });
  return { ...service, appWith: async (webForm) => (await build(service.deps, webForm)).app };
}

/**
 * The harness for a test file: started before its tests (with marketing's consumers when asked:
 * the customer replica, sales' lead hand-off and won deals) and stopped after them. Its
 * properties are read once the tests run.
 */
export function marketingUnderTest(options: { consumers?: boolean } = {}): MarketingHarness {
  let started: MarketingHarness | undefined;
  beforeAll(async () => {
    started = await startMarketing();
    if (options.consumers) {
      await Promise.all([
        started.startConsumer('marketing-customers', customerHandlers),
        started.startConsumer('marketing-sales', salesHandlers),
      ]);
    }
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as MarketingHarness, {
    get: (_, key: keyof MarketingHarness) => {
      if (!started) throw new Error('the marketing harness starts in beforeAll');
      return started[key];
    },
  });
}

export const marketer = (): Viewer => aViewer({ roles: ['MARKETER'] });
export const marketingManager = (): Viewer => aViewer({ roles: ['MARKETING_MANAGER'] });

export interface TestCampaign {
  id: string;
  name: string;
  formKey: string;
  channel: string;
}

/** A campaign planned by a marketer and made ACTIVE (its form accepts submissions). */
export async function activeCampaign(
  h: MarketingHarness,
  input: Record<string, unknown> = {},
): Promise<TestCampaign> {
  const token = await h.tokenFor(marketer());
  const created = await graphqlOk<{
    createCampaign: { campaign: TestCampaign; userErrors: unknown[] };
  }>(h.app, {
    query: `mutation($input: CreateCampaignInput!) {
      createCampaign(input: $input) { campaign { id name formKey channel } userErrors { field code message } }
    }`,
    variables: {
      input: {
        name: unique('Campaign'),
        channel: 'WEB_FORM',
        formConsentText: '我同意贵公司就产品信息与我联系',
        formConsentVersion: 'v1',
        ...input,
      },
    },
    token,
  });
  expect(created.createCampaign.userErrors).toEqual([]);
  const campaign = created.createCampaign.campaign;
  await graphqlOk(h.app, {
    query: `mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }`,
    variables: { input: { id: campaign.id, status: 'ACTIVE' } },
    token,
  });
  return campaign;
}

/** Posts a web form as a website would (JSON unless `form` is set), from the client IP `ip`. */
export function postForm(
  app: Express,
  formKey: string,
  body: Record<string, unknown>,
  options: { ip?: string; form?: boolean } = {},
) {
  const req = request(app)
    .post(`/forms/${formKey}`)
    .set(
      'x-forwarded-for',
      options.ip ?? `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    )
    .set('user-agent', 'Mozilla/5.0 (test website)');
  return options.form ? req.type('form').send(body as Record<string, string>) : req.send(body);
}

/** Marketing's outbox relay on the test broker. */
export function startRelay(): OutboxRelay {
  const relay = createOutboxRelay({
    service: 'marketing',
    databaseUrl: testDatabaseUrl('marketing'),
    kafka: testKafka(),
    logger: testLogger('marketing-relay'),
  });
  relay.start();
  return relay;
}
