import { aViewer, graphql, graphqlOk } from '@crm/testing';
import { marketer, marketingUnderTest } from './harness';

const h = marketingUnderTest();
const BAD = 'not-a-uuid';
const executive = () => h.tokenFor(aViewer({ roles: ['EXECUTIVE'] }));

describe('a malformed id', () => {
  it('finds nothing when looked up, for entity references too', async () => {
    const data = await graphqlOk<Record<string, unknown>>(h.app, {
      query: `query($id: ID!, $refs: [_Any!]!) {
        lead(id: $id) { id } campaign(id: $id) { id } campaignPerformance(id: $id) { leads }
        segment(id: $id) { id }
        _entities(representations: $refs) {
          ... on Lead { id } ... on Campaign { id }
          ... on Customer { leads { totalCount } marketingTags sourceCampaign { id } }
        } }`,
      variables: {
        id: BAD,
        refs: [
          { __typename: 'Lead', id: BAD },
          { __typename: 'Campaign', id: BAD },
          { __typename: 'Customer', id: BAD },
        ],
      },
      token: await executive(),
    });
    expect(data).toEqual({
      lead: null,
      campaign: null,
      campaignPerformance: null,
      segment: null,
      _entities: [
        null,
        null,
        { leads: { totalCount: 0 }, marketingTags: [], sourceCampaign: null },
      ],
    });
  });

  it('in a mutation input is a user error naming the field', async () => {
    const data = await graphqlOk<Record<string, { userErrors: unknown[] }>>(h.app, {
      query: `mutation($id: ID!) {
        updateLead(input: { id: $id, name: "X" }) { lead { id } userErrors { field code message } }
        tagLeads(input: { leadIds: [$id], add: ["x"] }) { leads { id } userErrors { field code message } }
      }`,
      variables: { id: BAD },
      token: await h.tokenFor(marketer()),
    });
    expect(data.updateLead.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID', message: 'id: is not a valid id' },
    ]);
    expect(data.tagLeads.userErrors).toEqual([
      {
        field: ['input', 'leadIds', '0'],
        code: 'INVALID',
        message: 'leadIds.0: is not a valid id',
      },
    ]);
  });

  it('in a filter is BAD_USER_INPUT naming the argument', async () => {
    const token = await executive();
    const leads = await graphql(h.app, {
      query: `{ leads(filter: { campaignIds: ["${BAD}"] }) { totalCount } }`,
      token,
    });
    const campaigns = await graphql(h.app, {
      query: `{ campaigns(filter: { ownerIds: ["${BAD}"] }) { totalCount } }`,
      token,
    });
    expect(
      [...(leads.errors ?? []), ...(campaigns.errors ?? [])].map((e) => [
        e.message,
        e.extensions?.code,
      ]),
    ).toEqual([
      [`filter.campaignIds: "${BAD}" is not a valid id`, 'BAD_USER_INPUT'],
      [`filter.ownerIds: "${BAD}" is not a valid id`, 'BAD_USER_INPUT'],
    ]);
  });
});
