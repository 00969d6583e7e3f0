import {
  aCustomerSnapshot,
  aViewer,
  graphql,
  graphqlOk,
  knownCustomers,
  unique,
} from '@crm/testing';
import { startProductFeedback, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startProductFeedback();
});
afterAll(async () => {
  await h.stop();
});

const productManager = () => aViewer({ roles: ['PRODUCT_MANAGER'] });

const RECORD = `mutation($input: RecordFeedbackInput!) {
  recordFeedback(input: $input) {
    feedbackItem { id kind title body source status customer { id } createdBy { id } version }
    userErrors { field code message }
  }
}`;
const CHANGE_STATUS = `mutation($input: ChangeFeedbackStatusInput!) {
  changeFeedbackStatus(input: $input) { feedbackItem { id status version } userErrors { field code message } }
}`;

interface Payload {
  feedbackItem: { id: string; status: string; version: number; source?: string } | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
}

async function mutate<K extends string>(key: K, query: string, token: string, input: object) {
  return (await graphqlOk<Record<K, Payload>>(h.app, { query, variables: { input }, token }))[key];
}

async function record(customerId: string, token: string, extra: object = {}) {
  const result = await mutate('recordFeedback', RECORD, token, {
    customerId,
    kind: 'FEATURE_REQUEST',
    title: unique('Export to Excel'),
    ...extra,
  });
  expect(result.userErrors).toEqual([]);
  return result.feedbackItem!;
}

describe('recording feedback', () => {
  it('records NEW feedback from the recorder’s department, audits it and publishes feedback.recorded keyed by the customer', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot({ ownerId: rep.id }));
    const result = await mutate('recordFeedback', RECORD, await h.tokenFor(rep), {
      customerId,
      kind: 'BUG',
      title: '  Report totals are off by one  ',
      body: 'Monthly report counts the 1st twice.',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.feedbackItem).toMatchObject({
      kind: 'BUG',
      title: 'Report totals are off by one',
      source: 'SALES',
      status: 'NEW',
      customer: { id: customerId },
      createdBy: { id: rep.id },
      version: 1,
    });
    const id = result.feedbackItem!.id;
    expect(
      await h.dataSource.query('SELECT action, actor_id FROM audit_log WHERE entity_id = $1', [id]),
    ).toEqual([{ action: 'feedback.record', actor_id: rep.id }]);
    const events = await h.dataSource.query(
      'SELECT topic, key, type, payload FROM outbox WHERE subject = $1',
      [id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: 'crm.product-feedback.feedback.v1',
      key: customerId,
      type: 'crm.product-feedback.feedback.recorded.v1',
      payload: { feedbackId: id, customerId, kind: 'BUG', status: 'NEW', source: 'SALES' },
    });
    expect(events[0].payload).not.toHaveProperty('body');
  });

  it('reports every bad field with its path and writes nothing', async () => {
    const count = () =>
      h.dataSource.query(
        'SELECT (SELECT count(*) FROM feedback_items)::int AS f, (SELECT count(*) FROM outbox)::int AS o',
      );
    const before = await count();
    const res = await graphqlOk<{ recordFeedback: Payload }>(h.app, {
      query: RECORD,
      variables: {
        input: { customerId: 'nope', kind: 'BUG', title: '', body: 'y'.repeat(10_001) },
      },
      token: await h.tokenFor(productManager()),
    });
    expect(res.recordFeedback.feedbackItem).toBeNull();
    expect(res.recordFeedback.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.customerId', 'INVALID'],
      ['input.title', 'REQUIRED'],
      ['input.body', 'INVALID'],
    ]);
    expect(await count()).toEqual(before);
  });

  it('does not let a rep record feedback for a customer they do not own (NOT_FOUND)', async () => {
    const [customerId] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: aViewer().id }),
    );
    const result = await mutate('recordFeedback', RECORD, await h.tokenFor(aViewer()), {
      customerId,
      kind: 'PRAISE',
      title: 'Great product',
    });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'customerId'],
        code: 'NOT_FOUND',
        message: `customerId: no customer ${customerId}`,
      },
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM feedback_items WHERE customer_id = $1', [customerId]),
    ).toEqual([]);
  });

  it('answers FORBIDDEN to a role that may not record feedback', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const res = await graphql(h.app, {
      query: RECORD,
      variables: { input: { customerId, kind: 'OTHER', title: 'x' } },
      token: await h.tokenFor(aViewer({ roles: ['ANALYST'] })),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('answers 401 and no data to a request without a token', async () => {
    const res = await graphql(h.app, { query: '{ feedbackItems { totalCount } }' });
    expect(res.status).toBe(401);
    expect(res.data).toBeNull();
  });
});

describe('triage', () => {
  it('moves feedback through triage and publishes each status change with the previous status', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const pm = await h.tokenFor(productManager());
    const { id } = await record(customerId, pm);
    for (const status of ['TRIAGED', 'PLANNED', 'DONE']) {
      const result = await mutate('changeFeedbackStatus', CHANGE_STATUS, pm, {
        feedbackId: id,
        status,
      });
      expect(result.feedbackItem?.status).toBe(status);
    }
    const events = await h.dataSource.query(
      "SELECT payload->>'previousStatus' AS previous, payload->>'status' AS status, (payload->>'version')::int AS version FROM outbox WHERE subject = $1 AND type = 'crm.product-feedback.feedback.status_changed.v1' ORDER BY seq",
      [id],
    );
    expect(events).toEqual([
      { previous: 'NEW', status: 'TRIAGED', version: 2 },
      { previous: 'TRIAGED', status: 'PLANNED', version: 3 },
      { previous: 'PLANNED', status: 'DONE', version: 4 },
    ]);
  });

  it('refuses a move triage does not allow with INVALID_TRANSITION and changes nothing', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const pm = await h.tokenFor(productManager());
    const { id } = await record(customerId, pm);
    const result = await mutate('changeFeedbackStatus', CHANGE_STATUS, pm, {
      feedbackId: id,
      status: 'DONE',
    });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'status'],
        code: 'INVALID_TRANSITION',
        message: 'status: NEW feedback can move to TRIAGED or DECLINED, not DONE',
      },
    ]);
    expect(
      await h.dataSource.query('SELECT status, version FROM feedback_items WHERE id = $1', [id]),
    ).toEqual([{ status: 'NEW', version: 1 }]);
  });

  it('leaves triage to product: a service agent gets FORBIDDEN', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const agentToken = await h.tokenFor(aViewer({ roles: ['SERVICE_AGENT'] }));
    const { id, source } = await record(customerId, agentToken);
    expect(source).toBe('SERVICE');
    const res = await graphql(h.app, {
      query: CHANGE_STATUS,
      variables: { input: { feedbackId: id, status: 'TRIAGED' } },
      token: agentToken,
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('reading feedback', () => {
  it('answers null for an item id that is no id, and BAD_USER_INPUT for such an id in a filter', async () => {
    const token = await h.tokenFor(productManager());
    const one = await graphqlOk<{ feedbackItem: null }>(h.app, {
      query: '{ feedbackItem(id: "42") { id } }',
      token,
    });
    expect(one.feedbackItem).toBeNull();
    const list = await graphql(h.app, {
      query: '{ feedbackItems(filter: { customerId: "42" }) { totalCount } }',
      token,
    });
    expect(list.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'filter.customerId: "42" is not a valid id'],
    ]);
  });
});
