import { newId } from '@crm/database';
import { leadConverted } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
  unique,
  uniqueMobile,
} from '@crm/testing';
import { activeCampaign, marketer, marketingUnderTest, postForm } from './harness';

const h = marketingUnderTest({ consumers: true });

async function capture(input: Record<string, unknown>): Promise<string> {
  const data = await graphqlOk<{ captureLead: { lead: { id: string } } }>(h.app, {
    query:
      'mutation($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } userErrors { message } } }',
    variables: { input: { name: unique('Lead'), phone: uniqueMobile(), ...input } },
    token: await h.tokenFor(marketer()),
  });
  return data.captureLead.lead.id;
}

async function createSegment(filter: Record<string, unknown>): Promise<string> {
  const data = await graphqlOk<{ createSegment: { segment: { id: string } } }>(h.app, {
    query:
      'mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } userErrors { message } } }',
    variables: { input: { name: unique('Segment'), filter } },
    token: await h.tokenFor(marketer()),
  });
  return data.createSegment.segment.id;
}

describe('tags and segments', () => {
  it('lists the leads of a rule-based segment with their count, page by page', async () => {
    const tag = unique('cloud');
    const fair = await activeCampaign(h, { channel: 'TRADE_SHOW' });
    const ids = [
      await capture({
        tags: [tag, 'vip'],
        region: '上海',
        campaignId: fair.id,
        touchKind: 'EVENT_VISITED',
      }),
      await capture({
        tags: [tag],
        region: '上海',
        campaignId: fair.id,
        touchKind: 'EVENT_VISITED',
      }),
      await capture({ tags: [tag, 'vip'], region: '北京', campaignId: fair.id }),
      await capture({ tags: [tag, 'vip'], region: '上海' }),
    ];
    const segmentId = await createSegment({
      tags: [tag, 'vip'],
      regions: ['上海', '北京'],
      campaignIds: [fair.id],
      minScore: 10,
    });
    const read = async (after: string | null) =>
      (
        await graphqlOk<{
          segment: {
            count: number;
            filter: { campaigns: { id: string }[] };
            leads: {
              nodes: { id: string }[];
              pageInfo: { endCursor: string; hasNextPage: boolean };
            };
          };
        }>(h.app, {
          query: `query($id: ID!, $after: String) { segment(id: $id) {
            count filter { campaigns { id } } leads(first: 1, after: $after, orderBy: { field: SCORE, direction: DESC }) { nodes { id } pageInfo { endCursor hasNextPage } }
          } }`,
          variables: { id: segmentId, after },
          token: await h.tokenFor(marketer()),
        })
      ).segment;
    const first = await read(null);
    // lead 2 lacks the vip tag; lead 3 (manual entry, 0 points) is under the minimum score; lead 4 has no touch in the campaign
    expect(first.count).toBe(1);
    expect(first.filter.campaigns).toEqual([{ id: fair.id }]);
    expect(first.leads.nodes).toEqual([{ id: ids[0] }]);
    expect(first.leads.pageInfo.hasNextPage).toBe(false);

    const tagged = await graphqlOk<{ tagLeads: { leads: { tags: string[] }[] } }>(h.app, {
      query:
        'mutation($input: TagLeadsInput!) { tagLeads(input: $input) { leads { tags } userErrors { message } } }',
      variables: { input: { leadIds: [ids[1]], add: ['vip'] } },
      token: await h.tokenFor(marketer()),
    });
    expect(tagged.tagLeads.leads[0].tags).toEqual([tag, 'vip']);
    const after = await read(null);
    expect(after.count).toBe(2);
    const next = await read(after.leads.pageInfo.endCursor);
    expect([...after.leads.nodes, ...next.leads.nodes].map((n) => n.id).sort()).toEqual(
      [ids[0], ids[1]].sort(),
    );
  });

  it('shows a customer’s leads, source campaign, segments and marketing tags with one query per kind', async () => {
    const tag = unique('expo-visitor');
    const segmentId = await createSegment({ tags: [tag] });
    const customers: string[] = [];
    const campaigns: string[] = [];
    for (let i = 0; i < 5; i++) {
      const campaign = await activeCampaign(h);
      const mobile = uniqueMobile();
      await postForm(h.app, campaign.formKey, { name: `客户 ${i}`, phone: mobile, consent: true });
      const [{ id: leadId }] = await h.dataSource.query(
        'SELECT id FROM leads WHERE phone_key = $1',
        [`+86${mobile}`],
      );
      await graphqlOk(h.app, {
        query:
          'mutation($input: TagLeadsInput!) { tagLeads(input: $input) { userErrors { message } } }',
        variables: { input: { leadIds: [leadId], add: [tag] } },
        token: await h.tokenFor(marketer()),
      });
      const customerId = newId();
      produceEvent(leadConverted, {
        leadId,
        customerId,
        contactId: null,
        opportunityId: null,
        campaignId: campaign.id,
        existingCustomer: false,
        convertedBy: newId(),
        convertedAt: new Date().toISOString(),
      });
      customers.push(customerId);
      campaigns.push(campaign.id);
    }
    await eventually(async () =>
      expect(
        await h.dataSource.query('SELECT id FROM leads WHERE customer_id = ANY($1)', [customers]),
      ).toHaveLength(5),
    );
    h.counter.reset();
    const data = await graphqlOk<{
      _entities: {
        id: string;
        leads: { totalCount: number; nodes: { id: string }[] };
        sourceCampaign: { id: string };
        segments: { id: string }[];
        marketingTags: string[];
      }[];
    }>(h.app, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {
        id leads(first: 5) { totalCount nodes { id status campaign { name } } } sourceCampaign { id name } segments { id } marketingTags
      } } }`,
      variables: { r: customers.map((id) => ({ __typename: 'Customer', id })) },
      token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
    });
    expect(data._entities.map((c) => c.sourceCampaign.id)).toEqual(campaigns);
    for (const c of data._entities) {
      expect(c.leads.nodes).toHaveLength(1);
      expect(c.leads.totalCount).toBe(1);
      expect(c.segments.map((s) => s.id)).toContain(segmentId);
      // the converted lead's tags carried over to the customer
      expect(c.marketingTags).toEqual([tag]);
    }
    expect(h.counter.matching(/AS "linkedCustomerId"/)).toHaveLength(1);
    expect(h.counter.matching(/JOIN segments s/)).toHaveLength(1);
    expect(h.counter.matching(/FROM customer_marketing_tags/)).toHaveLength(1);
    expect(h.counter.matching(/FROM campaigns c WHERE c.id = ANY/)).toHaveLength(1);
  });

  it('lets marketing tag a customer that sales knows', async () => {
    const customerId = newId();
    await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ customerId, name: unique('Tagged Co') }),
    );
    const tag = async (input: Record<string, unknown>) =>
      (
        await graphqlOk<{
          tagCustomer: {
            customer: { marketingTags: string[] } | null;
            userErrors: { code: string }[];
          };
        }>(h.app, {
          query:
            'mutation($input: TagCustomerInput!) { tagCustomer(input: $input) { customer { marketingTags } userErrors { code } } }',
          variables: { input },
          token: await h.tokenFor(marketer()),
        })
      ).tagCustomer;
    expect(
      (await tag({ customerId, add: ['webinar-2026', 'ai'] })).customer?.marketingTags,
    ).toEqual(['ai', 'webinar-2026']);
    expect((await tag({ customerId, remove: ['ai'] })).customer?.marketingTags).toEqual([
      'webinar-2026',
    ]);
    expect((await tag({ customerId: newId(), add: ['x'] })).userErrors.map((e) => e.code)).toEqual([
      'NOT_FOUND',
    ]);
  });
});
