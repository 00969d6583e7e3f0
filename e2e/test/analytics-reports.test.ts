import { eventually } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';
import { gatewayUrl } from './system';

const todayInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Report {
  salesReport: {
    current: { won: number; wonOpportunities: { id: string; name: string; status: string }[] };
  };
}

describe('analytics reports through the gateway', () => {
  it('a won deal reaches the rep’s sales report from events, drills down to the opportunity in sales, and exports as CSV', async () => {
    const rep = await login('rep.east2@demo.crm');
    const customer = await createCustomer(rep.token, { tier: 'KEY' });
    const stages = await asGateway<{
      pipelineStages: { id: string; closedWon: boolean; closedLost: boolean; active: boolean }[];
    }>('{ pipelineStages { id closedWon closedLost active } }', rep.token);
    const open = stages.pipelineStages.filter((s) => s.active && !s.closedWon && !s.closedLost);
    const created = await asGateway<{
      createOpportunity: { opportunity: { id: string } | null; userErrors: unknown[] };
    }>(
      'mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { field code message } } }',
      rep.token,
      {
        input: {
          customerId: customer.id,
          name: 'Analytics seats',
          amount: { amount: '5000.00', currency: 'CNY' },
        },
      },
    );
    expect(created.createOpportunity.userErrors).toEqual([]);
    const id = created.createOpportunity.opportunity!.id;
    await asGateway(
      'mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { userErrors { message } } }',
      rep.token,
      { input: { id, stageId: open[2].id } },
    );
    const won = await asGateway<{ markOpportunityWon: { userErrors: unknown[] } }>(
      'mutation($input: CloseOpportunityInput!) { markOpportunityWon(input: $input) { userErrors { field code message } } }',
      rep.token,
      { input: { id, reason: 'e2e' } },
    );
    expect(won.markOpportunityWon.userErrors).toEqual([]);

    const today = todayInShanghai();
    const report = await eventually(
      async () => {
        const data = await asGateway<Report>(
          `query($d: String!) { salesReport(from: $d, to: $d) { current { won wonOpportunities { id name status } } } }`,
          rep.token,
          { d: today },
        );
        expect(data.salesReport.current.wonOpportunities.map((o) => o.id)).toContain(id);
        return data.salesReport;
      },
      { timeoutMs: 60_000 },
    );
    // the drill-down's details come from sales, through the gateway
    expect(report.current.wonOpportunities.find((o) => o.id === id)).toEqual({
      id,
      name: 'Analytics seats',
      status: 'WON',
    });

    const base = gatewayUrl.replace(/\/graphql$/, '');
    const csv = await fetch(`${base}/reports/sales.csv?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${rep.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain(`current,${today},${today},`);
    const anonymous = await fetch(`${base}/reports/sales.csv?from=${today}&to=${today}`);
    expect(anonymous.status).toBe(401);
  });
});
