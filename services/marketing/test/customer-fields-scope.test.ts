import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import { aCustomerSnapshot, aViewer, graphqlOk, knownCustomers, uniqueMobile } from '@crm/testing';
import { activeCampaign, marketer, marketingUnderTest, postForm } from './harness';

// Security finding (issue 11): marketing's fields on the federated Customer (tags, segments,
// source campaign) answered for any customer to anyone who reads marketing at all.

const h = marketingUnderTest({ consumers: true });

interface CustomerView {
  id: string;
  marketingTags: string[];
  segments: { id: string }[];
  sourceCampaign: { id: string } | null;
}

/** Marketing's fields of a customer, asked of the marketing subgraph as the gateway would. */
async function fieldsAs(viewer: Viewer, customerId: string): Promise<CustomerView> {
  const data = await graphqlOk<{ _entities: CustomerView[] }>(h.app, {
    query: `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Customer { id marketingTags segments { id } sourceCampaign { id } } } }`,
    variables: { r: [{ __typename: 'Customer', id: customerId }] },
    token: await h.tokenFor(viewer),
  });
  return data._entities[0];
}

async function asMarketer<T>(query: string, input: Record<string, unknown>): Promise<T> {
  return graphqlOk<T>(h.app, { query, variables: { input }, token: await h.tokenFor(marketer()) });
}

describe("marketing's customer fields", () => {
  it('answer only to viewers whose scope reaches the customer in the replica', async () => {
    const teamId = newId();
    const owner = aViewer({ roles: ['SALES_REP'], teamId });
    const manager = aViewer({ roles: ['SALES_MANAGER'], teamId, managedTeamIds: [teamId] });
    const otherRep = aViewer({ roles: ['SALES_REP'], teamId: newId() });
    const otherManager = aViewer({ roles: ['SALES_MANAGER'], managedTeamIds: [newId()] });
    const mobile = uniqueMobile();
    const customerId = newId();
    await knownCustomers(
      h.dataSource,
      aCustomerSnapshot({ customerId, ownerId: owner.id, teamId, phoneKey: `+86${mobile}` }),
    );
    // a lead matched to the customer (its source campaign), a segment of it, and a tag
    const campaign = await activeCampaign(h);
    const posted = await postForm(h.app, campaign.formKey, {
      name: '客户联系人',
      phone: mobile,
      consent: true,
    });
    expect(posted.status).toBe(201);
    const segment = await asMarketer<{ createSegment: { segment: { id: string } } }>(
      'mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } } }',
      { name: '本次活动', filter: { campaignIds: [campaign.id] } },
    );
    await asMarketer(
      'mutation($input: TagCustomerInput!) { tagCustomer(input: $input) { userErrors { code } } }',
      { customerId, add: ['webinar-vip'] },
    );

    const full: CustomerView = {
      id: customerId,
      marketingTags: ['webinar-vip'],
      segments: [{ id: segment.createSegment.segment.id }],
      sourceCampaign: { id: campaign.id },
    };
    for (const viewer of [owner, manager, marketer()])
      expect(await fieldsAs(viewer, customerId)).toEqual(full);
    const nothing: CustomerView = {
      id: customerId,
      marketingTags: [],
      segments: [],
      sourceCampaign: null,
    };
    for (const viewer of [otherRep, otherManager])
      expect(await fieldsAs(viewer, customerId)).toEqual(nothing);
  });
});
