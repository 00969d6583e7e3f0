import { eventually } from '@crm/testing';
import { asGateway, login } from './clients';
import {
  aCampaign,
  aNorthTerritory,
  assignmentNamed,
  postForm,
  type Assignment,
} from './lead-handoff';

describe('from a web-form lead to campaign ROI', () => {
  it('the form posts a lead, scoring qualifies it, sales assigns it by territory, the rep converts it and wins, and the campaign shows the revenue', async () => {
    const campaign = await aCampaign('10000');
    const territory = await aNorthTerritory();

    // a name of its own: other tests' leads reach the North China team too
    const name = `钱女士${campaign.marker}`;
    const posted = await postForm(campaign.formKey, {
      name,
      title: `采购${campaign.marker}`,
      company: '天津重工有限公司',
      region: territory.region,
    });
    expect(posted.status === 201 ? 201 : posted).toBe(201);

    // sales assigns the qualified lead to a North China rep under the territory rule
    const assignment: Assignment = await eventually(
      async () => {
        const found = await assignmentNamed(territory.managerToken, territory.teamId, name);
        expect(found).toMatchObject({ rule: 'TERRITORY', status: 'ASSIGNED' });
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(['rep.north1@demo.crm', 'rep.north2@demo.crm']).toContain(assignment.assignee!.email);
    expect(new Date(assignment.dueAt!).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    // marketing sees the hand-off
    await eventually(async () => {
      const data = await asGateway<{
        lead: { status: string; score: number; assignee: { id: string } | null };
      }>('query($id: ID!) { lead(id: $id) { status score assignee { id } } }', campaign.token, {
        id: assignment.lead.id,
      });
      expect(data.lead).toMatchObject({
        status: 'HANDED_OFF',
        assignee: { id: assignment.assignee!.id },
      });
    });

    // the rep converts it into a customer with an opportunity carrying the campaign, and wins it
    const rep = await login(assignment.assignee!.email);
    const converted = await asGateway<{
      convertLead: {
        assignment: {
          status: string;
          customer: { id: string };
          opportunity: { id: string; sourceCampaignId: string };
        } | null;
        userErrors: unknown[];
      };
    }>(
      'mutation($input: ConvertLeadInput!) { convertLead(input: $input) { assignment { status customer { id } opportunity { id sourceCampaignId } } userErrors { field code message } } }',
      rep.token,
      {
        input: {
          leadId: assignment.lead.id,
          opportunity: { name: '重工 ERP', amount: { amount: '50000.00', currency: 'CNY' } },
        },
      },
    );
    expect(converted.convertLead.userErrors).toEqual([]);
    const deal = converted.convertLead.assignment!.opportunity;
    expect(deal.sourceCampaignId).toBe(campaign.id);
    const stages = await asGateway<{
      pipelineStages: { id: string; closedWon: boolean; closedLost: boolean; active: boolean }[];
    }>('{ pipelineStages { id closedWon closedLost active } }', rep.token);
    const open = stages.pipelineStages.filter((s) => s.active && !s.closedWon && !s.closedLost);
    await asGateway(
      'mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { userErrors { message } } }',
      rep.token,
      {
        input: { id: deal.id, stageId: open[2].id },
      },
    );
    const won = await asGateway<{ markOpportunityWon: { userErrors: unknown[] } }>(
      'mutation($input: CloseOpportunityInput!) { markOpportunityWon(input: $input) { opportunity { status } userErrors { field code message } } }',
      rep.token,
      { input: { id: deal.id } },
    );
    expect(won.markOpportunityWon.userErrors).toEqual([]);

    // marketing credits the won revenue to the campaign: ROI = (50000 - 10000) / 10000
    const performance = await eventually(
      async () => {
        const data = await asGateway<{
          campaignPerformance: {
            leads: number;
            qualified: number;
            converted: number;
            wonDeals: number;
            wonRevenue: { amount: string; currency: string }[];
            roi: string;
          };
        }>(
          'query($id: ID!) { campaignPerformance(id: $id) { leads qualified converted wonDeals wonRevenue { amount currency } roi } }',
          campaign.token,
          { id: campaign.id },
        );
        expect(data.campaignPerformance.wonDeals).toBe(1);
        return data.campaignPerformance;
      },
      { timeoutMs: 30_000 },
    );
    expect(performance).toMatchObject({ leads: 1, qualified: 1, converted: 1 });
    expect(performance.wonRevenue.map((m) => [Number(m.amount), m.currency])).toEqual([
      [50000, 'CNY'],
    ]);
    expect(Number(performance.roi)).toBe(4);
  });
});
