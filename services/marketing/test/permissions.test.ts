import { PERMISSIONS, rolesWith, scopeOf, type Role } from '@crm/auth';
import { newId } from '@crm/database';
import { leadAssigned } from '@crm/events';
import { aViewer, eventually, graphql, graphqlOk, produceEvent, uniqueMobile } from '@crm/testing';
import {
  activeCampaign,
  marketer,
  postForm,
  marketingUnderTest,
  type TestCampaign,
} from './harness';

const h = marketingUnderTest({ consumers: true });

async function formLead(campaign: TestCampaign, mobile: string): Promise<string> {
  await postForm(h.app, campaign.formKey, {
    name: '张伟',
    phone: mobile,
    email: `zw${mobile}@example.com`,
    consent: true,
  });
  const [{ id }] = await h.dataSource.query('SELECT id FROM leads WHERE phone_key = $1', [
    `+86${mobile}`,
  ]);
  return id;
}

function assign(leadId: string, assigneeId: string, teamId: string | null): void {
  produceEvent(leadAssigned, {
    leadId,
    assigneeId,
    teamId,
    rule: 'ROUND_ROBIN',
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    previousAssigneeId: null,
    assignedAt: new Date().toISOString(),
  });
}

describe('who sees which lead', () => {
  const teamId = newId();
  const rep = aViewer({ roles: ['SALES_REP'], teamId });
  const colleague = aViewer({ roles: ['SALES_REP'], teamId });
  const manager = aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [teamId] });
  const outsider = aViewer({ roles: ['SALES_REP'] });
  let campaign: TestCampaign;
  const mobiles = { rep: uniqueMobile(), colleague: uniqueMobile(), unassigned: uniqueMobile() };
  const ids = { rep: '', colleague: '', unassigned: '' };

  beforeAll(async () => {
    campaign = await activeCampaign(h);
    ids.rep = await formLead(campaign, mobiles.rep);
    ids.colleague = await formLead(campaign, mobiles.colleague);
    ids.unassigned = await formLead(campaign, mobiles.unassigned);
    assign(ids.rep, rep.id, teamId);
    assign(ids.colleague, colleague.id, teamId);
    await eventually(async () =>
      expect(
        await h.dataSource.query(
          'SELECT id FROM leads WHERE id = ANY($1) AND assignee_id IS NOT NULL',
          [[ids.rep, ids.colleague]],
        ),
      ).toHaveLength(2),
    );
  });

  const visibleTo = async (viewer: ReturnType<typeof aViewer>) => {
    const data = await graphqlOk<{ leads: { nodes: { id: string }[]; totalCount: number } }>(
      h.app,
      {
        query:
          'query($c: [ID!]) { leads(first: 100, filter: { campaignIds: $c }) { nodes { id } totalCount } }',
        variables: { c: [campaign.id] },
        token: await h.tokenFor(viewer),
      },
    );
    expect(data.leads.totalCount).toBe(data.leads.nodes.length);
    return data.leads.nodes.map((n) => n.id).sort();
  };

  it('gives marketing, executives and analysts every lead, a rep the leads assigned to them and a manager the team’s', async () => {
    const all = [ids.rep, ids.colleague, ids.unassigned].sort();
    expect(await visibleTo(marketer())).toEqual(all);
    expect(await visibleTo(aViewer({ roles: ['MARKETING_MANAGER'] }))).toEqual(all);
    expect(await visibleTo(aViewer({ roles: ['EXECUTIVE'] }))).toEqual(all);
    expect(await visibleTo(aViewer({ roles: ['ANALYST'] }))).toEqual(all);
    expect(await visibleTo(rep)).toEqual([ids.rep]);
    expect(await visibleTo(manager)).toEqual([ids.rep, ids.colleague].sort());
    expect(await visibleTo(outsider)).toEqual([]);
    const single = await graphqlOk<{ lead: { id: string } | null }>(h.app, {
      query: `{ lead(id: "${ids.colleague}") { id } }`,
      token: await h.tokenFor(rep),
    });
    expect(single.lead).toBeNull();
  });

  it('shows a rep the contact data of their lead and masks name, phone, email and consent details for an analyst', async () => {
    const query = `{ lead(id: "${ids.rep}") { name phone email consent { ip text } touches { payload } } }`;
    const repView = await graphqlOk<{ lead: { phone: string; name: string } }>(h.app, {
      query,
      token: await h.tokenFor(rep),
    });
    expect(repView.lead).toMatchObject({
      name: '张伟',
      phone: `${mobiles.rep.slice(0, 3)} ${mobiles.rep.slice(3, 7)} ${mobiles.rep.slice(7)}`,
    });
    const analystView = await graphqlOk<{
      lead: {
        name: string;
        phone: string;
        email: string;
        consent: { ip: string | null; text: string };
        touches: { payload: unknown }[];
      };
    }>(h.app, { query, token: await h.tokenFor(aViewer({ roles: ['ANALYST'] })) });
    expect(analystView.lead).toMatchObject({
      name: '张*',
      phone: `${mobiles.rep.slice(0, 3)}****${mobiles.rep.slice(-4)}`,
      email: 'z***@example.com',
      consent: { ip: null, text: expect.any(String) },
      touches: [{ payload: null }],
    });
  });

  it('refuses lead and campaign work to roles without marketing rights', async () => {
    const agent = await h.tokenFor(aViewer({ roles: ['SERVICE_AGENT'] }));
    const list = await graphql(h.app, { query: '{ leads { totalCount } }', token: agent });
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const capture = await graphql(h.app, {
      query: 'mutation($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }',
      variables: { input: { name: 'Sneaky', phone: uniqueMobile() } },
      token: await h.tokenFor(rep),
    });
    expect(capture.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const create = await graphql(h.app, {
      query:
        'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }',
      variables: { input: { name: 'Not mine', channel: 'ADS' } },
      token: await h.tokenFor(manager),
    });
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // a customer 360 still answers for them: marketing's fields are just empty
    const entity = await graphqlOk<{
      _entities: { leads: { totalCount: number; nodes: unknown[] }; marketingTags: string[] }[];
    }>(h.app, {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { leads { totalCount nodes { id } } marketingTags } } }',
      variables: { r: [{ __typename: 'Customer', id: newId() }] },
      token: agent,
    });
    expect(entity._entities).toEqual([{ leads: { totalCount: 0, nodes: [] }, marketingTags: [] }]);
  });
});

describe('the permission table for marketing', () => {
  const expected: Record<string, Partial<Record<Role, string>>> = {
    'marketing.read': {
      ADMIN: 'all',
      EXECUTIVE: 'all',
      MARKETING_MANAGER: 'all',
      MARKETER: 'all',
      ANALYST: 'all',
      INTEGRATION: 'all',
      SALES_MANAGER: 'team',
      SALES_REP: 'own',
    },
    'marketing.write': { ADMIN: 'all', MARKETING_MANAGER: 'all', MARKETER: 'all' },
    'marketing.contact': {
      ADMIN: 'all',
      EXECUTIVE: 'all',
      MARKETING_MANAGER: 'all',
      MARKETER: 'all',
      INTEGRATION: 'all',
      SALES_MANAGER: 'team',
      SALES_REP: 'own',
    },
    'marketing.configure': { ADMIN: 'all', MARKETING_MANAGER: 'all' },
    'marketing.reports': {
      ADMIN: 'all',
      EXECUTIVE: 'all',
      MARKETING_MANAGER: 'all',
      MARKETER: 'all',
      ANALYST: 'all',
      INTEGRATION: 'all',
    },
  };

  it.each(Object.keys(expected))('grants %s role by role as marketing expects', (permission) => {
    const row = expected[permission];
    const perm = permission as keyof typeof PERMISSIONS;
    for (const role of Object.keys(row) as Role[]) {
      expect({ role, scope: scopeOf(aViewer({ roles: [role] }), perm) }).toEqual({
        role,
        scope: row[role],
      });
    }
    expect(rolesWith(perm).sort()).toEqual(Object.keys(row).sort());
  });
});
