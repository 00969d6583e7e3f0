import { newId } from '@crm/database';
import { leadConverted, opportunityWon, type EventData } from '@crm/events';
import {
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  produceEvent,
  unique,
  uniqueMobile,
} from '@crm/testing';
import { subtractDecimal } from '../src/domain/decimal';
import { activeCampaign, marketer, postForm, marketingUnderTest } from './harness';

const h = marketingUnderTest({ consumers: true });

interface Money {
  amount: string;
  currency: string;
}

interface Performance {
  leads: number;
  touches: number;
  qualified: number;
  converted: number;
  wonDeals: number;
  wonRevenue: Money[];
  actualCost: Money;
  costPerLead: Money | null;
  roi: string | null;
}

const PERFORMANCE = `query($id: ID!) { campaignPerformance(id: $id) {
  leads touches qualified converted wonDeals wonRevenue { amount currency } actualCost { amount currency }
  costPerLead { amount currency } roi
} }`;

async function performance(id: string): Promise<Performance> {
  const data = await graphqlOk<{ campaignPerformance: Performance }>(h.app, {
    query: PERFORMANCE,
    variables: { id },
    token: await h.tokenFor(marketer()),
  });
  return data.campaignPerformance;
}

async function formLead(formKey: string): Promise<string> {
  const mobile = uniqueMobile();
  expect(
    (await postForm(h.app, formKey, { name: unique('Buyer'), phone: mobile, consent: true }))
      .status,
  ).toBe(201);
  const [{ id }] = await h.dataSource.query('SELECT id FROM leads WHERE phone_key = $1', [
    `+86${mobile}`,
  ]);
  return id;
}

function won(
  overrides: Partial<EventData<typeof opportunityWon>>,
): EventData<typeof opportunityWon> {
  return {
    opportunityId: newId(),
    customerId: newId(),
    name: unique('Deal'),
    amount: { amount: '80000.00', currency: 'CNY' },
    ownerId: newId(),
    teamId: null,
    sourceCampaignId: null,
    leadId: null,
    wonAt: new Date().toISOString(),
    ...overrides,
  };
}

function convert(leadId: string, customerId: string): void {
  produceEvent(leadConverted, {
    leadId,
    customerId,
    contactId: null,
    opportunityId: newId(),
    campaignId: null,
    existingCustomer: false,
    convertedBy: newId(),
    convertedAt: new Date().toISOString(),
  });
}

describe('attribution and ROI', () => {
  it('credits won revenue to the source campaign and computes cost per lead and ROI without floats', async () => {
    const campaign = await activeCampaign(h, { actualCost: '20000', budget: '50000' });
    const [converted] = [await formLead(campaign.formKey), await formLead(campaign.formKey)];
    const customerId = newId();
    convert(converted, customerId);
    const deal = won({
      customerId,
      sourceCampaignId: campaign.id,
      amount: { amount: '80000.00', currency: 'CNY' },
    });
    produceEvent(opportunityWon, deal);
    produceEvent(opportunityWon, deal); // sales may publish twice: counted once
    await eventually(async () =>
      expect(await performance(campaign.id)).toMatchObject({ converted: 1, wonDeals: 1 }),
    );
    expect(await performance(campaign.id)).toEqual({
      leads: 2,
      touches: 2,
      qualified: 0,
      converted: 1,
      wonDeals: 1,
      wonRevenue: [{ amount: '80000.00', currency: 'CNY' }],
      actualCost: { amount: '20000.00', currency: 'CNY' },
      costPerLead: { amount: '10000.00', currency: 'CNY' },
      roi: '3.0000',
    });
  });

  it('falls back to the campaign of the lead converted into the customer, keeps currencies apart, and rounds ROI', async () => {
    const campaign = await activeCampaign(h, { actualCost: '30000' });
    const leadId = await formLead(campaign.formKey);
    const customerId = newId();
    convert(leadId, customerId);
    await eventually(async () =>
      expect(await performance(campaign.id)).toMatchObject({ converted: 1 }),
    );
    produceEvent(
      opportunityWon,
      won({ customerId, amount: { amount: '10000.10', currency: 'CNY' } }),
    );
    produceEvent(opportunityWon, won({ customerId, amount: { amount: '2500', currency: 'USD' } }));
    await eventually(async () => expect((await performance(campaign.id)).wonDeals).toBe(2));
    const figures = await performance(campaign.id);
    expect(figures.wonRevenue).toEqual([
      { amount: '10000.10', currency: 'CNY' },
      { amount: '2500.00', currency: 'USD' },
    ]);
    // (10000.10 - 30000) / 30000 = -0.66666333... -> -0.6667 (only the campaign's currency counts)
    expect(figures.roi).toBe('-0.6667');
    const [row] = await h.dataSource.query(
      'SELECT rule, lead_id FROM attributions WHERE customer_id = $1 AND currency = $2',
      [customerId, 'CNY'],
    );
    expect(row).toEqual({ rule: 'CUSTOMER_FIRST_LEAD', lead_id: leadId });
  });

  it('adds every campaign of a channel up, per currency', async () => {
    const channelOf = async () => {
      const data = await graphqlOk<{
        channelPerformance: {
          channel: string;
          campaigns: number;
          leads: number;
          wonDeals: number;
          returns: { currency: string; actualCost: Money; wonRevenue: Money; leads: number }[];
        }[];
      }>(h.app, {
        query: `{ channelPerformance { channel campaigns leads wonDeals
          returns { currency actualCost { amount } wonRevenue { amount } leads costPerLead { amount } roi } } }`,
        token: await h.tokenFor(aViewer({ roles: ['ANALYST'] })),
      });
      return data.channelPerformance.find((c) => c.channel === 'REFERRAL');
    };
    const before = await channelOf();
    const first = await activeCampaign(h, { channel: 'REFERRAL', actualCost: '1000' });
    const second = await activeCampaign(h, { channel: 'REFERRAL', actualCost: '500.50' });
    await formLead(first.formKey);
    await formLead(second.formKey);
    produceEvent(
      opportunityWon,
      won({ sourceCampaignId: second.id, amount: { amount: '4000', currency: 'CNY' } }),
    );
    const after = await eventually(async () => {
      const found = await channelOf();
      expect(found?.wonDeals).toBe((before?.wonDeals ?? 0) + 1);
      return found!;
    });
    expect(after.campaigns - (before?.campaigns ?? 0)).toBe(2);
    expect(after.leads - (before?.leads ?? 0)).toBe(2);
    const cny = (p: typeof after | undefined) => p?.returns.find((r) => r.currency === 'CNY');
    expect(
      subtractDecimal(cny(after)!.actualCost.amount, cny(before)?.actualCost.amount ?? '0'),
    ).toBe('1500.50');
    expect(
      subtractDecimal(cny(after)!.wonRevenue.amount, cny(before)?.wonRevenue.amount ?? '0'),
    ).toBe('4000.00');
  });

  it('shows figures to marketing, executives and analysts only', async () => {
    const campaign = await activeCampaign(h, { budget: '9999.99' });
    const rep = await h.tokenFor(aViewer({ roles: ['SALES_REP'] }));
    const refused = await graphql(h.app, {
      query: PERFORMANCE,
      variables: { id: campaign.id },
      token: rep,
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const query = `query($id: ID!) { campaign(id: $id) { name budget { amount } formKey } }`;
    const repView = await graphqlOk<{ campaign: { budget: Money | null; formKey: string | null } }>(
      h.app,
      {
        query,
        variables: { id: campaign.id },
        token: rep,
      },
    );
    expect(repView.campaign).toMatchObject({ budget: null, formKey: null });
    const executive = await graphqlOk<{ campaign: { budget: Money; formKey: string | null } }>(
      h.app,
      {
        query,
        variables: { id: campaign.id },
        token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
      },
    );
    expect(executive.campaign).toMatchObject({ budget: { amount: '9999.99' }, formKey: null });
  });
});
