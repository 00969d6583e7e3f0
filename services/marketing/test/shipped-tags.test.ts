import { newId } from '@crm/database';
import { ideaShipped, type EventData } from '@crm/events';
import {
  aCustomerSnapshot,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { customerHandlers } from '../src/events/customer-handlers';
import { requestedTag, shippedHandlers } from '../src/events/shipped-handlers';
import { marketer, startMarketing, type MarketingHarness } from './harness';

let h: MarketingHarness;
beforeAll(async () => {
  h = await startMarketing();
  // stopped by h.stop()
  await h.startConsumer('marketing-customers', customerHandlers);
  await h.startConsumer('marketing-shipped', shippedHandlers);
});
afterAll(() => h.stop());

async function tagsOf(ids: string[]): Promise<string[][]> {
  const data = await graphqlOk<{ _entities: { marketingTags: string[] }[] }>(h.app, {
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { marketingTags } } }',
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    token: await h.tokenFor(marketer()),
  });
  return data._entities.map((e) => e.marketingTags);
}

function shipped(
  ideaId: string,
  title: string,
  customerIds: string[],
): EventData<typeof ideaShipped> {
  return {
    ideaId,
    title,
    note: null,
    shippedBy: newId(),
    shippedAt: new Date().toISOString(),
    requesters: customerIds.map((customerId) => ({
      customerId,
      importance: null,
      feedbackIds: [],
    })),
    version: 4,
  };
}

describe("a shipped idea's requesters carry a marketing tag", () => {
  it('names the tag after the idea, within the 50 characters of a tag', () => {
    expect(requestedTag(' Excel  Export ')).toBe('requested:excel-export');
    expect(requestedTag('导出 Excel 报表')).toBe('requested:导出-excel-报表');
    expect(requestedTag('x'.repeat(80))).toHaveLength(50);
  });

  it('tags every requesting customer once, keeping their other tags', async () => {
    const [a, b, c] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot(),
      aCustomerSnapshot(),
      aCustomerSnapshot(),
    );
    const token = await h.tokenFor(marketer());
    await graphqlOk(h.app, {
      query: `mutation($input: TagCustomerInput!) { tagCustomer(input: $input) { userErrors { message } } }`,
      variables: { input: { customerId: a, add: ['webinar-2026'] } },
      token,
    });
    const ideaId = newId();
    const event = shipped(ideaId, 'Excel export', [a, b]);
    const eventId = produceEvent(ideaShipped, event);
    produceEvent(ideaShipped, event, { id: eventId });
    // the same idea again (same partition, after the repeat), now with c as well
    produceEvent(ideaShipped, shipped(ideaId, 'Excel export', [a, b, c]));
    await eventually(async () =>
      expect(await tagsOf([a, b, c])).toEqual([
        ['requested:excel-export', 'webinar-2026'],
        ['requested:excel-export'],
        ['requested:excel-export'],
      ]),
    );
    const audit = await h.dataSource.query(
      "SELECT entity_id, actor_id FROM audit_log WHERE action = 'customer.marketing_tags' AND entity_id = ANY($1::text[]) AND actor_id IS NULL",
      [[a, b, c]],
    );
    expect(audit).toHaveLength(3);
  });
});
