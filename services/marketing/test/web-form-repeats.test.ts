import { graphqlOk, uniqueMobile } from '@crm/testing';
import { activeCampaign, marketer, marketingUnderTest, postForm } from './harness';

// Security finding (issue 11): posting the same public form again and again (no login) kept
// raising the lead's score, up to qualification and a hand-off to sales.

const h = marketingUnderTest();

interface LeadView {
  score: number;
  status: string;
  touches: { kind: string; points: number; duplicate: boolean }[];
}

async function leadOf(mobile: string): Promise<LeadView> {
  const [{ id }] = await h.dataSource.query('SELECT id FROM leads WHERE phone_key = $1', [
    `+86${mobile}`,
  ]);
  const data = await graphqlOk<{ lead: LeadView }>(h.app, {
    query: `query($id: ID!) { lead(id: $id) { score status touches { kind points duplicate } } }`,
    variables: { id },
    token: await h.tokenFor(marketer()),
  });
  return data.lead;
}

describe('repeat web-form posts', () => {
  it('records every repeat post but scores the form once per campaign within the window', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const post = (formKey = campaign.formKey) =>
      postForm(h.app, formKey, { name: '刷分', phone: mobile, consent: true });
    for (let i = 0; i < 6; i++) expect((await post()).status).toBe(201);
    const lead = await leadOf(mobile);
    // form submitted +10, once: six posts would have made 60 and qualified the lead
    expect(lead).toMatchObject({ score: 10, status: 'NEW' });
    expect(lead.touches).toHaveLength(6);
    expect(lead.touches.map((t) => t.points)).toEqual([10, 0, 0, 0, 0, 0]);

    // Another campaign's form is a new engagement: it counts, once.
    const other = await activeCampaign(h);
    expect((await post(other.formKey)).status).toBe(201);
    expect((await post(other.formKey)).status).toBe(201);
    expect((await leadOf(mobile)).score).toBe(20);
  });
});
