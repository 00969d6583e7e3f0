import { seedDemoLeadRules } from '@crm/infra';
import { eventually, unique } from '@crm/testing';
import { aCampaign, aManager, assignmentNamed, postForm } from './lead-handoff';
import { gatewayUrl } from './system';

describe('the demo hands a web-form lead to sales', () => {
  beforeAll(() => seedDemoLeadRules(gatewayUrl, () => undefined));

  it('assigns a qualified lead from anywhere to an East China rep and one from the north to a North China rep, by the seeded rules', async () => {
    const campaign = await aCampaign();
    const east = await aManager('manager.east@demo.crm');
    const north = await aManager('manager.north@demo.crm');
    const fromShanghai = unique('孙先生');
    const fromBeijing = unique('周女士');
    for (const [name, region] of [
      [fromShanghai, 'Shanghai'],
      [fromBeijing, 'Beijing'],
    ]) {
      const posted = await postForm(campaign.formKey, {
        name,
        company: '示例科技有限公司',
        title: `总经理${campaign.marker}`,
        region,
        email: `${unique('demo').replace(/\W/g, '')}@example.com`,
      });
      expect(posted.status === 201 ? 201 : posted).toBe(201);
    }
    const eastLead = await eventually(
      async () => {
        const found = await assignmentNamed(east.token, east.teamId, fromShanghai);
        expect(found?.status).toBe('ASSIGNED');
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(eastLead.rule).toBe('ROUND_ROBIN');
    expect(['rep.east1@demo.crm', 'rep.east2@demo.crm']).toContain(eastLead.assignee!.email);
    const northLead = await eventually(
      async () => {
        const found = await assignmentNamed(north.token, north.teamId, fromBeijing);
        expect(found?.status).toBe('ASSIGNED');
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    expect(northLead.rule).toBe('TERRITORY');
    expect(['rep.north1@demo.crm', 'rep.north2@demo.crm']).toContain(northLead.assignee!.email);
  });

  it('seeds the rules once: a second start adds none', async () => {
    const said: string[] = [];
    await seedDemoLeadRules(gatewayUrl, (line) => said.push(line));
    expect(said).toEqual([]);
  });
});
