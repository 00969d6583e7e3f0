import { aCustomerSnapshot, aViewer, graphqlOk, knownCustomers } from '@crm/testing';
import { aFeatureRequest, anIdea, ideaMutate, link, vote } from './graph';
import { startWithProductManager, type Harness } from './harness';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

const move = (ideaId: string, status: string, reason?: string) =>
  ideaMutate(h, 'changeIdeaStatus', 'ChangeIdeaStatusInput', pm, { ideaId, status, reason });

describe('shipping an idea', () => {
  it('publishes idea.shipped with every requesting customer once, their vote and their linked items', async () => {
    const [a, b, c] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot(),
      aCustomerSnapshot(),
      aCustomerSnapshot(),
    );
    const idea = await anIdea(h, pm, 'Excel export');
    const a1 = await aFeatureRequest(h, a, pm);
    const a2 = await aFeatureRequest(h, a, pm);
    const c1 = await aFeatureRequest(h, c, pm);
    await link(h, pm, idea.id, [a1, a2, c1]);
    await vote(h, pm, idea.id, b, 'IMPORTANT');
    await vote(h, pm, idea.id, c, 'CRITICAL');
    for (const status of ['PLANNED', 'IN_PROGRESS']) await move(idea.id, status);
    expect(await h.dataSource.query('SELECT 1 FROM outbox WHERE subject = $1', [idea.id])).toEqual(
      [],
    );
    const shipped = await move(idea.id, 'SHIPPED', 'In release 4.2');
    expect(shipped.userErrors).toEqual([]);

    const events = await h.dataSource.query(
      'SELECT topic, key, type, payload FROM outbox WHERE subject = $1',
      [idea.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: 'crm.product-feedback.idea.v1',
      key: idea.id,
      type: 'crm.product-feedback.idea.shipped.v1',
      payload: { ideaId: idea.id, title: 'Excel export', note: 'In release 4.2', version: 4 },
    });
    const byCustomer = Object.fromEntries(
      events[0].payload.requesters.map((r: { customerId: string }) => [r.customerId, r]),
    );
    expect(byCustomer).toEqual({
      [a]: { customerId: a, importance: null, feedbackIds: [a1, a2].sort(), ticketIds: [] },
      [b]: { customerId: b, importance: 'IMPORTANT', feedbackIds: [], ticketIds: [] },
      [c]: { customerId: c, importance: 'CRITICAL', feedbackIds: [c1], ticketIds: [] },
    });

    // the changelog records what shipped and when, for everyone who reads ideas
    const { changelog } = await graphqlOk<{
      changelog: {
        totalCount: number;
        nodes: {
          idea: { id: string; status: string };
          title: string;
          note: string | null;
          shippedBy: { id: string };
          shippedAt: string;
          requesterCount: number;
        }[];
      };
    }>(h.app, {
      query:
        '{ changelog(first: 1) { totalCount nodes { idea { id status } title note shippedBy { id } shippedAt requesterCount } } }',
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(changelog.totalCount).toBeGreaterThanOrEqual(1);
    expect(changelog.nodes[0]).toMatchObject({
      idea: { id: idea.id, status: 'SHIPPED' },
      title: 'Excel export',
      note: 'In release 4.2',
      requesterCount: 3,
    });
    expect(Date.parse(changelog.nodes[0].shippedAt)).not.toBeNaN();
  });

  it('publishes nothing when the move to SHIPPED is refused', async () => {
    const idea = await anIdea(h, pm);
    expect((await move(idea.id, 'SHIPPED')).userErrors.map((e) => e.code)).toEqual([
      'INVALID_TRANSITION',
    ]);
    expect(await h.dataSource.query('SELECT 1 FROM outbox WHERE subject = $1', [idea.id])).toEqual(
      [],
    );
    expect(
      await h.dataSource.query('SELECT 1 FROM changelog_entries WHERE idea_id = $1', [idea.id]),
    ).toEqual([]);
  });
});
