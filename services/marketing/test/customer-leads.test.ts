import { newId } from '@crm/database';
import { leadConverted } from '@crm/events';
import { aViewer, eventually, graphqlOk, produceEvent, uniqueMobile } from '@crm/testing';
import { marketer, marketingUnderTest } from './harness';

const h = marketingUnderTest({ consumers: true });

interface LeadPage {
  totalCount: number;
  nodes: { id: string }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function leadsOf(customerId: string, first: number, after?: string | null) {
  const data = await graphqlOk<{ _entities: { leads: LeadPage }[] }>(h.app, {
    query: `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {
      ... on Customer { leads(first: $first, after: $after) {
        totalCount nodes { id } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } }`,
    variables: { r: [{ __typename: 'Customer', id: customerId }], first, after },
    token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
  });
  return data._entities[0].leads;
}

describe('a customer’s leads', () => {
  it('are a cursor connection, oldest first, with the total count', async () => {
    const customerId = newId();
    const leadIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const data = await graphqlOk<{ captureLead: { lead: { id: string } } }>(h.app, {
        query: 'mutation($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }',
        variables: { input: { name: `Lead ${i}`, phone: uniqueMobile() } },
        token: await h.tokenFor(marketer()),
      });
      leadIds.push(data.captureLead.lead.id);
    }
    for (const leadId of leadIds)
      produceEvent(leadConverted, {
        leadId,
        customerId,
        contactId: null,
        opportunityId: null,
        campaignId: null,
        existingCustomer: true,
        convertedBy: newId(),
        convertedAt: new Date().toISOString(),
      });
    await eventually(async () => expect((await leadsOf(customerId, 10)).totalCount).toBe(3));

    const page1 = await leadsOf(customerId, 2);
    expect(page1.nodes.map((l) => l.id)).toEqual(leadIds.slice(0, 2));
    expect(page1.edges.map((e) => e.node.id)).toEqual(leadIds.slice(0, 2));
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await leadsOf(customerId, 2, page1.pageInfo.endCursor);
    expect(page2).toMatchObject({
      totalCount: 3,
      nodes: [{ id: leadIds[2] }],
      pageInfo: { hasNextPage: false },
    });
  });
});
