import { aCustomerSnapshot, aViewer, graphqlOk, knownCustomers } from '@crm/testing';
import { anIdea, ideaMutate, merge, vote } from './graph';
import { startWithProductManager, type Harness } from './harness';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

interface VoteOut {
  customer: { id: string };
  importance: string;
}

async function votesOf(ideaId: string, token = pm): Promise<VoteOut[]> {
  const data = await graphqlOk<{ idea: { votes: VoteOut[] } }>(h.app, {
    query: `{ idea(id: "${ideaId}") { votes { customer { id } importance } } }`,
    token,
  });
  return data.idea.votes;
}

describe('votes on behalf of customers', () => {
  it('keeps one vote per customer per idea whose importance can change, auditing each change', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    const repToken = await h.tokenFor(rep);
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot({ ownerId: rep.id }));
    const idea = await anIdea(h, pm);
    expect((await vote(h, repToken, idea.id, customerId, 'NICE_TO_HAVE')).userErrors).toEqual([]);
    expect((await vote(h, repToken, idea.id, customerId, 'CRITICAL')).userErrors).toEqual([]);
    expect(await votesOf(idea.id)).toEqual([
      { customer: { id: customerId }, importance: 'CRITICAL' },
    ]);
    const audit = await h.dataSource.query(
      "SELECT action, before->>'importance' AS before, after->>'importance' AS after FROM audit_log WHERE entity_id = $1 AND action LIKE '%vote' ORDER BY at, id",
      [idea.id],
    );
    expect(audit).toEqual([
      { action: 'idea.vote', before: null, after: 'NICE_TO_HAVE' },
      { action: 'idea.change_vote', before: 'NICE_TO_HAVE', after: 'CRITICAL' },
    ]);
    await ideaMutate(h, 'withdrawVote', 'WithdrawVoteInput', repToken, {
      ideaId: idea.id,
      customerId,
    });
    expect(await votesOf(idea.id)).toEqual([]);
  });

  it('refuses a vote for a customer outside the voter’s scope and changes nothing', async () => {
    const [someoneElses] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: aViewer().id }),
    );
    const idea = await anIdea(h, pm);
    const rep = await h.tokenFor(aViewer({ roles: ['SALES_REP'] }));
    expect((await vote(h, rep, idea.id, someoneElses, 'IMPORTANT')).userErrors).toEqual([
      {
        field: ['input', 'customerId'],
        code: 'NOT_FOUND',
        message: `customerId: no customer ${someoneElses}`,
      },
    ]);
    expect(await votesOf(idea.id)).toEqual([]);
  });

  it('folds votes into the surviving idea on merge: one per customer, the higher importance', async () => {
    const [a, b] = await knownCustomers(h.dataSource, aCustomerSnapshot(), aCustomerSnapshot());
    const into = await anIdea(h, pm);
    const duplicate = await anIdea(h, pm);
    await vote(h, pm, into.id, a, 'NICE_TO_HAVE');
    await vote(h, pm, duplicate.id, a, 'CRITICAL');
    await vote(h, pm, duplicate.id, b, 'IMPORTANT');
    await merge(h, pm, duplicate.id, into.id);
    const votes = await votesOf(into.id);
    expect(votes).toHaveLength(2);
    expect(votes).toEqual(
      expect.arrayContaining([
        { customer: { id: a }, importance: 'CRITICAL' },
        { customer: { id: b }, importance: 'IMPORTANT' },
      ]),
    );
    expect(await votesOf(duplicate.id)).toEqual([]);
  });
});
