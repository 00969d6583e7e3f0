import type { Viewer } from '@crm/auth';
import { graphqlOk } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, anOpportunity, aSalesTeam, stagesByKey } from './opportunities-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

const call = async <T>(viewer: Viewer, query: string, variables: Record<string, unknown>) =>
  graphqlOk<T>(h.app, { query, variables, token: await h.tokenFor(viewer) });

async function aWonDeal(rep: Viewer, customerId: string): Promise<string> {
  const id = await anOpportunity(h, rep, { customerId });
  const stages = await stagesByKey(h, rep);
  await call(
    rep,
    'mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { userErrors { message } } }',
    { input: { id, stageId: stages.PROPOSAL } },
  );
  await call(
    rep,
    'mutation($input: CloseOpportunityInput!) { markOpportunityWon(input: $input) { userErrors { message } } }',
    { input: { id } },
  );
  return id;
}

interface Seen {
  customer: {
    opportunities: { nodes: { id: string; status: string; owner: { id: string } }[] };
  } | null;
  opportunity: { id: string; history: { to: { key: string } }[] } | null;
}

const SEEN = `query($customer: ID!, $deal: ID!) {
  customer(id: $customer) { opportunities { nodes { id status owner { id } } } }
  opportunity(id: $deal) { id history { to { key } } }
}`;

describe("a customer's deal history after a transfer", () => {
  it('goes with the customer to the new owner, read-only, while the won deal stays credited to the rep who won it', async () => {
    const team = await aSalesTeam(h, 2);
    const [winner, successor] = team.reps;
    const customerId = await aCustomer(h, winner);
    const dealId = await aWonDeal(winner, customerId);
    const moved = await call<{ transferCustomers: { userErrors: unknown[] } }>(
      team.manager,
      'mutation($input: TransferCustomersInput!) { transferCustomers(input: $input) { userErrors { field code message } } }',
      { input: { customerIds: [customerId], toOwnerId: successor.id } },
    );
    expect(moved.transferCustomers.userErrors).toEqual([]);

    const bySuccessor = await call<Seen>(successor, SEEN, { customer: customerId, deal: dealId });
    expect(bySuccessor.customer?.opportunities.nodes).toEqual([
      { id: dealId, status: 'WON', owner: { id: winner.id } },
    ]);
    expect(bySuccessor.opportunity?.history.map((c) => c.to.key)).toEqual([
      'QUALIFICATION',
      'PROPOSAL',
      'WON',
    ]);
    const byWinner = await call<Seen>(winner, SEEN, { customer: customerId, deal: dealId });
    expect(byWinner.customer).toBeNull();
    expect(byWinner.opportunity?.id).toBe(dealId);
    const edit = await call<{ updateOpportunity: { userErrors: { code: string }[] } }>(
      successor,
      'mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { userErrors { code } } }',
      { input: { id: dealId, name: 'renamed' } },
    );
    expect(edit.updateOpportunity.userErrors.map((e) => e.code)).not.toEqual([]);
  });

  it('does not go with a customer into the public pool', async () => {
    const team = await aSalesTeam(h, 2);
    const [winner, other] = team.reps;
    const customerId = await aCustomer(h, winner);
    const dealId = await aWonDeal(winner, customerId);
    await call(
      team.manager,
      'mutation($input: TransferCustomersInput!) { transferCustomers(input: $input) { userErrors { message } } }',
      { input: { customerIds: [customerId], toOwnerId: null } },
    );
    const byOther = await call<Seen>(other, SEEN, { customer: customerId, deal: dealId });
    expect(byOther.customer?.opportunities.nodes).toEqual([]);
    expect(byOther.opportunity).toBeNull();
  });
});
