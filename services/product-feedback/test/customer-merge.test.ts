import { customerMerged } from '@crm/events';
import {
  aCustomerSnapshot,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { aFeatureRequest, anIdea, link, vote } from './graph';
import { startWithProductManager, type Harness } from './harness';
import { dealIs, openDeal, winDeal } from './opportunities';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

const votesOf = async (ideaId: string) =>
  (
    await graphqlOk<{ idea: { votes: { customer: { id: string }; importance: string }[] } }>(
      h.app,
      { query: `{ idea(id: "${ideaId}") { votes { customer { id } importance } } }`, token: pm },
    )
  ).idea.votes;

describe('merged customers', () => {
  it('moves feedback, deals and votes to the surviving customer, one vote per idea with the higher importance', async () => {
    const survivor = aCustomerSnapshot();
    const [source, target] = await knownCustomers(h.dataSource, aCustomerSnapshot(), survivor);
    const both = await anIdea(h, pm);
    const onlySource = await anIdea(h, pm);
    const item = await aFeatureRequest(h, source, pm);
    await link(h, pm, both.id, [item]);
    await vote(h, pm, both.id, source, 'CRITICAL');
    await vote(h, pm, both.id, target, 'NICE_TO_HAVE');
    await vote(h, pm, onlySource.id, source, 'IMPORTANT');
    const deal = openDeal(source, '100.50', new Date('2026-11-01T09:00:00Z'));
    winDeal(source, deal, '100.50', new Date('2026-11-01T10:00:00Z'));
    await dealIs(h, deal, 'WON');

    produceEvent(customerMerged, {
      sourceId: source,
      targetId: target,
      target: survivor,
      mergedBy: null,
      mergedAt: new Date().toISOString(),
    });
    await eventually(async () => {
      expect(
        await h.dataSource.query('SELECT customer_id FROM feedback_items WHERE id = $1', [item]),
      ).toEqual([{ customer_id: target }]);
    });
    expect(await votesOf(both.id)).toEqual([{ customer: { id: target }, importance: 'CRITICAL' }]);
    expect(await votesOf(onlySource.id)).toEqual([
      { customer: { id: target }, importance: 'IMPORTANT' },
    ]);
    expect(
      await h.dataSource.query(
        'SELECT customer_id FROM customer_opportunities WHERE opportunity_id = $1',
        [deal],
      ),
    ).toEqual([{ customer_id: target }]);
  });
});
