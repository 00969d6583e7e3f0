import { customerCreated } from '@crm/events';
import {
  aCustomerSnapshot,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
  unique,
  uniqueMobile,
} from '@crm/testing';
import { activeCampaign, marketer, marketingUnderTest, postForm } from './harness';

const h = marketingUnderTest({ consumers: true });

const LEAD = `query($id: ID!) {
  lead(id: $id) {
    id name phone email company status score
    matchedCustomer { id }
    touches { kind duplicate campaign { id } points }
  }
}`;

interface LeadView {
  id: string;
  phone: string;
  email: string | null;
  company: string | null;
  matchedCustomer: { id: string } | null;
  touches: { kind: string; duplicate: boolean; campaign: { id: string } | null; points: number }[];
}

async function leadView(id: string): Promise<LeadView> {
  const data = await graphqlOk<{ lead: LeadView }>(h.app, {
    query: LEAD,
    variables: { id },
    token: await h.tokenFor(marketer()),
  });
  return data.lead;
}

const leadIdsByPhone = async (mobile: string): Promise<string[]> =>
  (await h.dataSource.query('SELECT id FROM leads WHERE phone_key = $1', [`+86${mobile}`])).map(
    (r: { id: string }) => r.id,
  );

describe('dedup of leads', () => {
  it('gives one lead with two touches when the same person posts twice with the phone written differently', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const first = await postForm(h.app, campaign.formKey, {
      name: '陈静',
      phone: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      consent: true,
    });
    const second = await postForm(h.app, campaign.formKey, {
      name: '陈静',
      phone: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
      company: '静云贸易',
      consent: true,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const ids = await leadIdsByPhone(mobile);
    expect(ids).toHaveLength(1);
    const lead = await leadView(ids[0]);
    expect(lead.touches.map((t) => [t.kind, t.duplicate])).toEqual([
      ['FORM_SUBMITTED', false],
      ['FORM_SUBMITTED', true],
    ]);
    // the second submission filled in what the lead lacked
    expect(lead.company).toBe('静云贸易');
    const events = await h.dataSource.query(
      'SELECT type, payload FROM outbox WHERE subject = $1 ORDER BY seq',
      [ids[0]],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.marketing.lead.captured.v1',
      'crm.marketing.lead.touched.v1',
    ]);
    expect(events[1].payload).toMatchObject({ duplicate: true, kind: 'FORM_SUBMITTED' });
  });

  it('links a capture by email (any case) to the lead of another campaign and reports it as a duplicate', async () => {
    const fair = await activeCampaign(h, { channel: 'TRADE_SHOW' });
    const webinar = await activeCampaign(h, { channel: 'WEBINAR' });
    const email = `${unique('zhao').replace(/\s/g, '.')}@example.cn`;
    const token = await h.tokenFor(marketer());
    const capture = (campaignId: string, address: string) =>
      graphqlOk<{
        captureLead: { lead: { id: string }; duplicate: boolean; userErrors: unknown[] };
      }>(h.app, {
        query: `mutation($input: CaptureLeadInput!) {
          captureLead(input: $input) { lead { id } duplicate userErrors { field message } }
        }`,
        variables: {
          input: { name: '赵磊', email: address, campaignId, touchKind: 'EVENT_VISITED' },
        },
        token,
      });
    const first = (await capture(fair.id, email)).captureLead;
    const again = (await capture(webinar.id, email.toUpperCase())).captureLead;
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, lead: { id: first.lead.id }, userErrors: [] });
    const lead = await leadView(first.lead.id);
    expect(lead.touches.map((t) => t.campaign?.id)).toEqual([fair.id, webinar.id]);
  });

  it('keeps one lead when the same new person posts many times at once', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postForm(h.app, campaign.formKey, { name: `Burst ${i}`, phone: mobile, consent: true }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = await leadIdsByPhone(mobile);
    expect(ids).toHaveLength(1);
    expect((await leadView(ids[0])).touches).toHaveLength(6);
  });

  it('flags a lead whose phone belongs to a customer sales already has (from the replica)', async () => {
    const mobile = uniqueMobile();
    const customer = aCustomerSnapshot({ phoneKey: `+86${mobile}` });
    await knownCustomers(h.dataSource, customer);
    const campaign = await activeCampaign(h);
    const res = await postForm(h.app, campaign.formKey, {
      name: '老客户',
      phone: mobile,
      consent: true,
    });
    expect(res.status).toBe(201);
    const [id] = await leadIdsByPhone(mobile);
    expect((await leadView(id)).matchedCustomer).toEqual({ id: customer.customerId });
  });

  it('flags an earlier lead when sales creates a customer with its email later', async () => {
    const campaign = await activeCampaign(h);
    const email = `${unique('later').replace(/\s/g, '.')}@example.com`;
    await postForm(h.app, campaign.formKey, { name: 'Later Match', email, consent: true });
    const [lead] = await h.dataSource.query('SELECT id FROM leads WHERE email_key = $1', [email]);
    expect((await leadView(lead.id)).matchedCustomer).toBeNull();
    const customer = aCustomerSnapshot({ emailKey: email });
    produceEvent(customerCreated, customer);
    await eventually(async () =>
      expect((await leadView(lead.id)).matchedCustomer).toEqual({ id: customer.customerId }),
    );
  });
});
