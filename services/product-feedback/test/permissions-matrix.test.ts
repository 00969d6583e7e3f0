import { ROLES, type Role } from '@crm/auth';
import { aCustomerSnapshot, aViewer, graphql, knownCustomers } from '@crm/testing';
import { anIdea, ideaMutation } from './graph';
import { startWithProductManager, type Harness } from './harness';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

type Operation = 'recordFeedback' | 'readIdeas' | 'createIdea' | 'vote' | 'ranking' | 'setWeights';

/** Which feedback and idea operations each role may run at all (the others answer FORBIDDEN). */
const MATRIX: Record<Role, Operation[]> = {
  ADMIN: ['recordFeedback', 'readIdeas', 'createIdea', 'vote', 'ranking', 'setWeights'],
  EXECUTIVE: ['readIdeas', 'ranking'],
  SALES_MANAGER: ['recordFeedback', 'readIdeas', 'vote'],
  SALES_REP: ['recordFeedback', 'readIdeas', 'vote'],
  MARKETING_MANAGER: ['recordFeedback', 'readIdeas', 'vote', 'ranking'],
  MARKETER: ['recordFeedback', 'readIdeas', 'vote', 'ranking'],
  SERVICE_MANAGER: ['recordFeedback', 'readIdeas', 'vote', 'ranking'],
  SERVICE_AGENT: ['recordFeedback', 'readIdeas', 'vote', 'ranking'],
  PRODUCT_MANAGER: ['recordFeedback', 'readIdeas', 'createIdea', 'vote', 'ranking', 'setWeights'],
  ANALYST: ['readIdeas', 'ranking'],
  INTEGRATION: ['readIdeas', 'ranking'],
};

type Call = { query: string; variables?: Record<string, unknown> };

const OPERATIONS: Record<Operation, (ctx: { ideaId: string; customerId: string }) => Call> = {
  recordFeedback: ({ customerId }) => ({
    query:
      'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { userErrors { message } } }',
    variables: { input: { customerId, kind: 'FEATURE_REQUEST', title: 'Matrix request' } },
  }),
  readIdeas: () => ({ query: '{ ideas { totalCount } }' }),
  createIdea: () => ({
    query: ideaMutation('createIdea', 'CreateIdeaInput'),
    variables: { input: { title: 'Matrix idea' } },
  }),
  vote: ({ ideaId, customerId }) => ({
    query: ideaMutation('voteForIdea', 'VoteForIdeaInput'),
    variables: { input: { ideaId, customerId, importance: 'IMPORTANT' } },
  }),
  ranking: () => ({ query: '{ ideaRanking(first: 1) { currency } }' }),
  setWeights: () => ({
    query:
      'mutation($input: SetIdeaRankingWeightsInput!) { setIdeaRankingWeights(input: $input) { userErrors { message } } }',
    variables: { input: {} },
  }),
};

describe('role × feedback and idea operation matrix', () => {
  it('covers every role', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES.map((role) => [role]))('%s runs exactly its operations', async (role) => {
    const viewer = aViewer({ roles: [role] });
    const [customerId] = await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ ownerId: viewer.id }),
    );
    const { id: ideaId } = await anIdea(h, pm);
    const token = await h.tokenFor(viewer);
    const allowed: Operation[] = [];
    for (const [operation, call] of Object.entries(OPERATIONS) as [
      Operation,
      typeof OPERATIONS.vote,
    ][]) {
      const res = await graphql(h.app, { ...call({ ideaId, customerId }), token });
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      if (codes.includes('FORBIDDEN')) continue;
      expect(res.errors).toBeUndefined();
      allowed.push(operation);
    }
    expect(allowed).toEqual(MATRIX[role]);
  });
});
