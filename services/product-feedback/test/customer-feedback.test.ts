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

const pm = aViewer({ roles: ['PRODUCT_MANAGER'] });

async function record(customerId: string, kind = 'FEATURE_REQUEST') {
  const data = await graphqlOk<{ recordFeedback: { feedbackItem: { id: string } } }>(h.app, {
    query:
      'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { feedbackItem { id } userErrors { message } } }',
    variables: { input: { customerId, kind, title: unique('Dark mode') } },
    token: await h.tokenFor(pm),
  });
  return data.recordFeedback.feedbackItem.id;
}

interface CustomerView {
  id: string;
  feedback: { totalCount: number; nodes: { id: string; kind: string }[] } | null;
}

async function entities(ids: string[], token: string, kind?: string) {
  const res = await graphql<{ _entities: CustomerView[] }>(h.app, {
    query: `query($r: [_Any!]!, $kind: FeedbackKind) { _entities(representations: $r) {
      ... on Customer { id feedback(first: 5, kind: $kind) { totalCount nodes { id kind } } } } }`,
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })), kind },
    token,
  });
  return res;
}

describe('Customer.feedback', () => {
  it('resolves 20 customers with one SQL query, filtered by kind', async () => {
    const ids = await knownCustomers(
      h.dataSource,
      ...Array.from({ length: 20 }, () => aCustomerSnapshot()),
    );
    const bugs: string[] = [];
    for (const id of ids.slice(0, 4)) {
      await record(id);
      bugs.push(await record(id, 'BUG'));
    }
    const token = await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] }));
    h.counter.reset();
    const res = await entities(ids, token, 'BUG');
    expect(res.errors).toBeUndefined();
    expect(h.counter.matching(/FROM feedback_items/)).toHaveLength(1);
    expect(h.counter.matching(/FROM customer_replica/)).toHaveLength(0);
    const all = res.data!._entities;
    expect(all.map((c) => c.id)).toEqual(ids);
    expect(all.slice(0, 4).map((c) => c.feedback!.nodes.map((n) => n.id))).toEqual(
      bugs.map((b) => [b]),
    );
    expect(all[4].feedback).toEqual({ totalCount: 0, nodes: [] });
  });

  it('shows a rep the feedback of their own customers only, with one replica query for the batch', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const [mine, theirs] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: rep.id }),
      aCustomerSnapshot({ ownerId: aViewer().id }),
    );
    const [mineItem, theirItem] = [await record(mine), await record(theirs)];
    const token = await h.tokenFor(rep);
    h.counter.reset();
    const res = await entities([mine, theirs], token);
    expect(h.counter.matching(/FROM customer_replica/)).toHaveLength(1);
    expect(res.data!._entities.map((c) => c.feedback?.nodes.map((n) => n.id) ?? null)).toEqual([
      [mineItem],
      null,
    ]);
    const item = await graphqlOk<{ feedbackItem: { id: string } | null }>(h.app, {
      query: `{ feedbackItem(id: "${theirItem}") { id } }`,
      token,
    });
    expect(item.feedbackItem).toBeNull();
    const list = await graphqlOk<{ feedbackItems: { nodes: { id: string }[] } }>(h.app, {
      query: `{ feedbackItems(filter: { customerId: "${mine}" }) { nodes { id } } }`,
      token,
    });
    expect(list.feedbackItems.nodes).toEqual([{ id: mineItem }]);
    const hidden = await graphqlOk<{ feedbackItems: { totalCount: number } }>(h.app, {
      query: `{ feedbackItems(filter: { customerId: "${theirs}" }) { totalCount } }`,
      token,
    });
    expect(hidden.feedbackItems.totalCount).toBe(0);
  });

  it('answers FORBIDDEN to a caller without feedback.read (every role has it; a token without roles does not)', async () => {
    const [id] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const res = await entities([id], await h.tokenFor(aViewer({ roles: [] })));
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?._entities[0].feedback).toBeNull();
  });
});
