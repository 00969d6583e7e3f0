import { aViewer, graphqlOk, unique, uniqueMobile } from '@crm/testing';
import { activeCampaign, marketer, postForm, marketingUnderTest } from './harness';

const h = marketingUnderTest();

type Errors = { field: string[]; code: string; message: string }[];

async function capture(input: Record<string, unknown>) {
  return (
    await graphqlOk<{
      captureLead: { lead: { id: string; score: number } | null; userErrors: Errors };
    }>(h.app, {
      query:
        'mutation($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id score } userErrors { field code message } } }',
      variables: { input },
      token: await h.tokenFor(marketer()),
    })
  ).captureLead;
}

async function update(input: Record<string, unknown>) {
  return (
    await graphqlOk<{
      updateLead: {
        lead: { title: string; score: number; version: number } | null;
        userErrors: Errors;
      };
    }>(h.app, {
      query:
        'mutation($input: UpdateLeadInput!) { updateLead(input: $input) { lead { title score version } userErrors { field code message } } }',
      variables: { input },
      token: await h.tokenFor(marketer()),
    })
  ).updateLead;
}

describe('leads entered and corrected by marketers', () => {
  it('re-scores a corrected title and refuses a phone number another lead already has', async () => {
    const lead = (await capture({ name: '黄蕾', phone: uniqueMobile(), title: '工程师' })).lead!;
    expect(lead.score).toBe(0);
    const corrected = await update({ id: lead.id, title: '技术总监' });
    expect(corrected.lead).toMatchObject({ title: '技术总监', score: 20, version: 2 });
    const otherPhone = uniqueMobile();
    await capture({ name: 'Other Person', phone: otherPhone });
    const clash = await update({ id: lead.id, phone: otherPhone });
    expect(clash.lead).toBeNull();
    expect(clash.userErrors[0]).toMatchObject({ field: ['input', 'phone'], code: 'DUPLICATE' });
    const history = await h.dataSource.query(
      'SELECT kind, details FROM lead_history WHERE lead_id = $1 ORDER BY at, id',
      [lead.id],
    );
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['CAPTURED', 'UPDATED']);
    expect(history[1].details.changedFields).toEqual(['title']);
  });

  it('asks for a phone or an email and names the campaign it does not know', async () => {
    const result = await capture({
      name: 'No Contact',
      campaignId: '0192f3c4-0000-7000-8000-000000000000',
    });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'phone'],
        code: 'REQUIRED',
        message: 'phone: a phone number or an email is required to follow the lead up',
      },
    ]);
    const unknown = await capture({
      name: 'Lost',
      phone: uniqueMobile(),
      campaignId: '0192f3c4-0000-7000-8000-000000000000',
    });
    expect(unknown.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('resolves a page of 20 leads with their campaigns, touches and history in one query each', async () => {
    const campaign = await activeCampaign(h);
    const tag = unique('batch');
    for (let i = 0; i < 20; i++) {
      await postForm(h.app, campaign.formKey, {
        name: `Batch ${i}`,
        phone: uniqueMobile(),
        consent: true,
      });
    }
    const [{ ids }] = await h.dataSource.query(
      'SELECT array_agg(id) AS ids FROM leads WHERE campaign_id = $1',
      [campaign.id],
    );
    await graphqlOk(h.app, {
      query:
        'mutation($input: TagLeadsInput!) { tagLeads(input: $input) { userErrors { message } } }',
      variables: { input: { leadIds: ids, add: [tag] } },
      token: await h.tokenFor(marketer()),
    });
    h.counter.reset();
    const data = await graphqlOk<{
      leads: { nodes: { campaign: { id: string }; touches: unknown[]; history: unknown[] }[] };
    }>(h.app, {
      query: `query($tags: [String!]) { leads(first: 20, filter: { tags: $tags }) {
        nodes { id campaign { id name } touches { kind campaign { id } } history { kind actor { id } } assignee { id } }
      } }`,
      variables: { tags: [tag] },
      token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
    });
    expect(data.leads.nodes).toHaveLength(20);
    expect(
      data.leads.nodes.every((n) => n.campaign.id === campaign.id && n.touches.length === 1),
    ).toBe(true);
    expect(h.counter.matching(/FROM campaigns/)).toHaveLength(1);
    expect(h.counter.matching(/FROM lead_touches t WHERE t.lead_id = ANY/)).toHaveLength(1);
    expect(h.counter.matching(/FROM lead_history/)).toHaveLength(1);
  });
});

describe('lead search', () => {
  const search = async (text: string, viewer = marketer()) =>
    (
      await graphqlOk<{ leads: { nodes: { id: string }[] } }>(h.app, {
        query: 'query($s: String) { leads(filter: { search: $s }) { nodes { id } } }',
        variables: { s: text },
        token: await h.tokenFor(viewer),
      })
    ).leads.nodes.map((l) => l.id);

  it('finds a lead by its phone or email however they are written', async () => {
    const mobile = uniqueMobile();
    const email = `${unique('Search').replace(/\W/g, '')}@Example.com`;
    const lead = (await capture({ name: '周敏', phone: mobile, email })).lead!;
    const spaced = `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
    expect(await search(spaced)).toEqual([lead.id]);
    expect(await search(mobile)).toEqual([lead.id]);
    expect(await search(` ${email.toUpperCase()} `)).toEqual([lead.id]);
    // analysts see leads with contact data masked: they cannot find a person by it either
    expect(await search(mobile, aViewer({ roles: ['ANALYST'] }))).toEqual([]);
  });
});
