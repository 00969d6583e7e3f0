import type { Viewer } from '@crm/auth';
import { newId, QueryCounter } from '@crm/database';
import {
  customerCreated,
  createConsumer,
  createOutboxRelay,
  encodeHeaders,
  type EventConsumer,
  type EventData,
  type EventDefinition,
  type OutboxRelay,
} from '@crm/events';
import {
  aViewer,
  eventually,
  graphqlOk,
  kcatProduce,
  openTestDatabase,
  startTestIssuer,
  testDatabaseUrl,
  testKafka,
  testLogger,
  unique,
  uniqueGroupId,
  type TestIssuer,
} from '@crm/testing';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createMarketingApp } from '../src/app';
import { migrations } from '../src/db/migrations';
import { salesHandlers } from '../src/events/consumers';
import { customerHandlers } from '../src/events/customer-handlers';

export interface MarketingHarness {
  app: Express;
  dataSource: DataSource;
  issuer: TestIssuer;
  counter: QueryCounter;
  tokenFor(viewer: Viewer): Promise<string>;
  /** Another app on the same database (e.g. a second replica with its own settings). */
  appWith(webForm: { rateLimit: number; rateWindowSeconds: number }): Promise<Express>;
  stop(): Promise<void>;
}

export async function startMarketing(): Promise<MarketingHarness> {
  const issuer = await startTestIssuer();
  const counter = new QueryCounter();
  const dataSource = await openTestDatabase('marketing', migrations, counter);
  const build = async (webForm = { rateLimit: 10_000, rateWindowSeconds: 60 }) =>
    (
      await createMarketingApp({
        dataSource,
        verifyToken: issuer.verifyToken,
        logger: testLogger('marketing'),
        webForm: { ...webForm, trustProxy: 'loopback' },
      })
    ).app;
  return {
    app: await build(),
    dataSource,
    issuer,
    counter,
    tokenFor: (viewer) => issuer.tokenFor(viewer),
    appWith: build,
    stop: async () => {
      await issuer.stop();
      await dataSource.destroy();
    },
  };
}

/**
 * The harness for a test file: started before its tests (with marketing's consumers when asked)
 * and stopped after them. Its properties are read once the tests run.
 */
export function marketingUnderTest(options: { consumers?: boolean } = {}): MarketingHarness {
  let started: MarketingHarness | undefined;
  let consumers: EventConsumer[] = [];
  beforeAll(async () => {
    started = await startMarketing();
    if (options.consumers) consumers = await startConsumers(started.dataSource);
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
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

/** Marketing's consumers (customer replica, sales' lead hand-off and won deals) on the test broker. */
export async function startConsumers(dataSource: DataSource): Promise<EventConsumer[]> {
  const consumers = [
    ['marketing-customers', customerHandlers],
    ['marketing-sales', salesHandlers],
  ].map(([prefix, handlers]) =>
    createConsumer({
      service: 'marketing',
      groupId: uniqueGroupId(prefix as string),
      kafka: testKafka(),
      dataSource,
      logger: testLogger('marketing-consumer'),
      handlers: handlers as typeof salesHandlers,
    }),
  );
  for (const consumer of consumers) await consumer.start();
  await eventually(() => expect(consumers.every((c) => c.isReady())).toBe(true));
  return consumers;
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

/** A customer as sales publishes it (customer.created), with fresh ids. */
export function customerSnapshot(
  overrides: Partial<EventData<typeof customerCreated>>,
): EventData<typeof customerCreated> {
  return {
    customerId: newId(),
    kind: 'COMPANY',
    name: unique('Known Customer'),
    industry: null,
    region: null,
    tier: 'A',
    lifecycleStage: 'CUSTOMER',
    ownerId: newId(),
    backupOwnerId: null,
    teamId: null,
    phoneKey: null,
    emailKey: null,
    tags: [],
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Publishes a catalog event the way its producer (sales) would, with kcat. */
export function produce<D extends EventDefinition>(definition: D, data: EventData<D>): void {
  const headers = encodeHeaders({
    id: newId(),
    type: definition.type,
    source: `/crm/${definition.producer}`,
    subject: definition.subject(data),
    time: new Date().toISOString(),
    actorId: null,
  }) as Record<string, string>;
  kcatProduce(definition.topic, {
    key: definition.key(data),
    value: JSON.stringify(data),
    headers,
  });
}
