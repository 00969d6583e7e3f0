import { aCustomerSnapshot, aViewer, graphqlOk, knownCustomers } from '@crm/testing';
import { aFeatureRequest, anIdea, link, vote } from './graph';
import { startWithProductManager, type Harness } from './harness';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

interface CustomerIdeas {
  id: string;
  ideas: { totalCount: number; nodes: { id: string }[] } | null;
}

const ideasOf = async (ids: string[], token: string, first = 5) =>
  (
    await graphqlOk<{ _entities: CustomerIdeas[] }>(h.app, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Customer { id ideas(first: ${first}) { totalCount nodes { id } } } } }`,
      variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
      token,
    })
  )._entities;

describe('Customer.ideas', () => {
  it('lists the ideas a customer asked for by feedback or vote, once each, newest first, for a batch in one query', async () => {
    const [a, b] = await knownCustomers(h.dataSource, aCustomerSnapshot(), aCustomerSnapshot());
    const older = await anIdea(h, pm);
    const newer = await anIdea(h, pm);
    await link(h, pm, older.id, [await aFeatureRequest(h, a, pm), await aFeatureRequest(h, a, pm)]);
    await vote(h, pm, older.id, a, 'IMPORTANT');
    await vote(h, pm, newer.id, a, 'CRITICAL');
    h.counter.reset();
    const [ofA, ofB] = await ideasOf([a, b], pm);
    expect(h.counter.matching(/FROM idea_feedback/)).toHaveLength(1);
    expect(ofA.ideas).toEqual({ totalCount: 2, nodes: [{ id: newer.id }, { id: older.id }] });
    expect(ofB.ideas).toEqual({ totalCount: 0, nodes: [] });
    const [firstPage] = await ideasOf([a], pm, 1);
    expect(firstPage.ideas?.nodes).toEqual([{ id: newer.id }]);
  });

  it('answers null for a customer outside a sales rep’s scope', async () => {
    const [other] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: aViewer().id }),
    );
    const [seen] = await ideasOf([other], await h.tokenFor(aViewer({ roles: ['SALES_REP'] })));
    expect(seen.ideas).toBeNull();
  });
});
