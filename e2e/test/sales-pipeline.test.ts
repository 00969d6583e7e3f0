import { eventually } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';

interface ForecastRow {
  month: string;
  teamId: string | null;
  team: { id: string; name: string } | null;
  currency: string;
  wonCount: number;
  wonAmount: { amount: string };
}

const monthInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

async function teamForecast(token: string, teamId: string): Promise<ForecastRow | undefined> {
  const month = monthInShanghai();
  const data = await asGateway<{ salesForecast: ForecastRow[] }>(
    'query($m: String!) { salesForecast(fromMonth: $m, toMonth: $m, groupBy: TEAM) { month teamId team { id name } currency wonCount wonAmount { amount } } }',
    token,
    { m: month },
  );
  return data.salesForecast.find((r) => r.teamId === teamId && r.currency === 'CNY');
}

describe("a deal from first follow-up to the manager's forecast", () => {
  it('a rep creates a customer, logs a follow-up, wins an opportunity, and the manager sees it in the team forecast', async () => {
    const rep = await login('rep.east2@demo.crm');
    const manager = await login('manager.east@demo.crm');
    const me = await asGateway<{ me: { team: { id: string } } }>(
      '{ me { team { id } } }',
      rep.token,
    );
    const teamId = me.me.team.id;
    const before = await teamForecast(manager.token, teamId);

    const customer = await createCustomer(rep.token, { tier: 'A' });
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const activity = await asGateway<{
      logActivity: { activity: { id: string } | null; userErrors: unknown[] };
    }>(
      'mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } userErrors { field code message } } }',
      rep.token,
      {
        input: {
          customerId: customer.id,
          kind: 'VISIT',
          subject: '首次拜访 first visit',
          outcome: 'Interested in 200 seats',
          nextFollowUpAt: nextWeek,
        },
      },
    );
    expect(activity.logActivity.userErrors).toEqual([]);

    const stages = await asGateway<{
      pipelineStages: {
        id: string;
        key: string;
        closedWon: boolean;
        closedLost: boolean;
        active: boolean;
      }[];
    }>('{ pipelineStages { id key closedWon closedLost active } }', rep.token);
    const open = stages.pipelineStages.filter((s) => s.active && !s.closedWon && !s.closedLost);
    const created = await asGateway<{
      createOpportunity: {
        opportunity: { id: string; stage: { id: string } } | null;
        userErrors: unknown[];
      };
    }>(
      'mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id stage { id } } userErrors { field code message } } }',
      rep.token,
      {
        input: {
          customerId: customer.id,
          name: '200 seats',
          amount: { amount: '123456.78', currency: 'CNY' },
        },
      },
    );
    expect(created.createOpportunity.userErrors).toEqual([]);
    const opportunityId = created.createOpportunity.opportunity!.id;
    const moved = await asGateway<{ moveOpportunityStage: { userErrors: unknown[] } }>(
      'mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { opportunity { id } userErrors { field code message } } }',
      rep.token,
      { input: { id: opportunityId, stageId: open[2].id } },
    );
    expect(moved.moveOpportunityStage.userErrors).toEqual([]);
    const won = await asGateway<{
      markOpportunityWon: {
        opportunity: { status: string; history: { to: { key: string } }[] } | null;
        userErrors: unknown[];
      };
    }>(
      'mutation($input: CloseOpportunityInput!) { markOpportunityWon(input: $input) { opportunity { status history { to { key } } } userErrors { field code message } } }',
      rep.token,
      { input: { id: opportunityId, reason: 'Best integration with their ERP' } },
    );
    expect(won.markOpportunityWon.userErrors).toEqual([]);
    expect(won.markOpportunityWon.opportunity!.status).toBe('WON');
    expect(won.markOpportunityWon.opportunity!.history).toHaveLength(3);

    const after = await eventually(async () => {
      const row = await teamForecast(manager.token, teamId);
      expect(row?.wonCount).toBe((before?.wonCount ?? 0) + 1);
      return row!;
    });
    const cents = (a: string) => Math.round(Number(a) * 100);
    expect(cents(after.wonAmount.amount) - cents(before?.wonAmount.amount ?? '0')).toBe(12345678);
    expect(after.team).toEqual({ id: teamId, name: 'East China Sales' });

    // the follow-up shows on the customer, with the deal, in one query through the gateway
    const view = await asGateway<{
      customer: {
        activities: { nodes: { subject: string }[] };
        opportunities: { nodes: { status: string }[] };
      };
    }>(
      'query($id: ID!) { customer(id: $id) { activities(first: 5) { nodes { subject } } opportunities { nodes { status } } } }',
      manager.token,
      { id: customer.id },
    );
    expect(view.customer.activities.nodes.map((a) => a.subject)).toContain('首次拜访 first visit');
    expect(view.customer.opportunities.nodes.map((o) => o.status)).toEqual(['WON']);
  });
});
