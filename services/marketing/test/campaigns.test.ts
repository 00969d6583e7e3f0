import { aViewer, graphql, graphqlOk, unique } from '@crm/testing';
import { activeCampaign, marketer, postForm, marketingUnderTest } from './harness';

const h = marketingUnderTest();

const FIELDS = `id name channel status budget { amount currency } actualCost { amount currency } startsAt endsAt
  owner { id } formKey version`;

interface CampaignView {
  id: string;
  name: string;
  status: string;
  budget: { amount: string; currency: string } | null;
  actualCost: { amount: string; currency: string } | null;
  owner: { id: string } | null;
  formKey: string | null;
  version: number;
}

type Payload = {
  campaign: CampaignView | null;
  userErrors: { field: string[]; code: string; message: string }[];
};

async function run(
  mutation: string,
  input: Record<string, unknown>,
  token?: string,
): Promise<Payload> {
  const data = await graphqlOk<Record<string, Payload>>(h.app, {
    query: `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) {
      ${mutation}(input: $input) { campaign { ${FIELDS} } userErrors { field code message } }
    }`,
    variables: { input },
    token: token ?? (await h.tokenFor(marketer())),
  });
  return data[mutation];
}

describe('campaigns', () => {
  it('plans a campaign owned by its creator, with money as decimal strings, a form key, an audit record and an event', async () => {
    const me = marketer();
    const result = await run(
      'createCampaign',
      {
        name: unique('双十一直播'),
        channel: 'SOCIAL',
        budget: '120000',
        actualCost: '3500.5',
        startsAt: '2026-11-01T00:00:00Z',
        endsAt: '2026-11-12T00:00:00Z',
      },
      await h.tokenFor(me),
    );
    expect(result.userErrors).toEqual([]);
    expect(result.campaign).toMatchObject({
      status: 'PLANNED',
      budget: { amount: '120000.00', currency: 'CNY' },
      actualCost: { amount: '3500.50', currency: 'CNY' },
      owner: { id: me.id },
      formKey: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
      version: 1,
    });
    const id = result.campaign!.id;
    const [event] = await h.dataSource.query(
      'SELECT type, payload FROM outbox WHERE subject = $1',
      [id],
    );
    expect(event.type).toBe('crm.marketing.campaign.created.v1');
    expect(event.payload).toMatchObject({
      budget: { amount: '120000.00', currency: 'CNY' },
      status: 'PLANNED',
    });
    const audit = await h.dataSource.query(
      "SELECT actor_id, after FROM audit_log WHERE entity_id = $1 AND action = 'campaign.create'",
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(me.id);
    expect(audit[0].after.formKey).toBeUndefined();
  });

  it('reports each bad field, a duplicate name and an end before the start, and creates nothing', async () => {
    const bad = await run('createCampaign', {
      name: ' ',
      channel: 'ADS',
      budget: '12.345',
      currency: 'yuan',
    });
    expect(bad.campaign).toBeNull();
    expect(bad.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.currency', 'INVALID'],
      ['input.budget', 'INVALID'],
    ]);
    const name = unique('Expo');
    await run('createCampaign', { name, channel: 'TRADE_SHOW' });
    const duplicate = await run('createCampaign', {
      name: name.toUpperCase(),
      channel: 'TRADE_SHOW',
    });
    expect(duplicate.userErrors).toEqual([
      {
        field: ['input', 'name'],
        code: 'DUPLICATE',
        message: `name: a campaign called "${name.toUpperCase()}" already exists`,
      },
    ]);
    const backwards = await run('createCampaign', {
      name: unique('Backwards'),
      channel: 'EMAIL',
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-11-01T00:00:00Z',
    });
    expect(backwards.userErrors.map((e) => e.code)).toEqual(['INVALID']);
  });

  it('moves through its statuses and refuses a transition that is not allowed', async () => {
    const { campaign } = await run('createCampaign', {
      name: unique('Webinar'),
      channel: 'WEBINAR',
    });
    const token = await h.tokenFor(marketer());
    const move = async (status: string) =>
      (
        await graphqlOk<{ setCampaignStatus: Payload }>(h.app, {
          query: `mutation($input: SetCampaignStatusInput!) {
            setCampaignStatus(input: $input) { campaign { status } userErrors { field code message } }
          }`,
          variables: { input: { id: campaign!.id, status } },
          token,
        })
      ).setCampaignStatus;
    expect((await move('PAUSED')).userErrors).toEqual([
      {
        field: ['input', 'status'],
        code: 'INVALID_TRANSITION',
        message: 'status: a PLANNED campaign cannot become PAUSED (allowed: ACTIVE, COMPLETED)',
      },
    ]);
    for (const status of ['ACTIVE', 'PAUSED', 'ACTIVE', 'COMPLETED'])
      expect((await move(status)).campaign?.status).toBe(status);
    expect((await move('ACTIVE')).userErrors[0].message).toBe(
      'status: a COMPLETED campaign cannot become ACTIVE (allowed: none, it is final)',
    );
    const events = await h.dataSource.query(
      "SELECT payload->'changedFields' AS changed FROM outbox WHERE subject = $1 AND type = 'crm.marketing.campaign.updated.v1'",
      [campaign!.id],
    );
    expect(events.map((e: { changed: string[] }) => e.changed)).toEqual([
      ['status'],
      ['status'],
      ['status'],
      ['status'],
    ]);
  });

  it('updates the fields given, keeps a running campaign’s channel, and changes nothing when nothing changes', async () => {
    const campaign = await activeCampaign(h, { actualCost: '100' });
    const updated = await run('updateCampaign', {
      id: campaign.id,
      actualCost: '2500.75',
      description: '展会后追加投放',
    });
    expect(updated.campaign).toMatchObject({ actualCost: { amount: '2500.75' }, version: 3 });
    const same = await run('updateCampaign', { id: campaign.id, actualCost: '2500.75' });
    expect(same.campaign?.version).toBe(3);
    const channel = await run('updateCampaign', { id: campaign.id, channel: 'ADS' });
    expect(channel.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('deletes only a planned campaign without leads', async () => {
    const token = await h.tokenFor(marketer());
    const remove = (id: string) =>
      graphqlOk<{
        deleteCampaign: { deletedCampaignId: string | null; userErrors: { code: string }[] };
      }>(h.app, {
        query:
          'mutation($input: CampaignIdInput!) { deleteCampaign(input: $input) { deletedCampaignId userErrors { code } } }',
        variables: { input: { id } },
        token,
      });
    const { campaign: planned } = await run('createCampaign', {
      name: unique('Mistake'),
      channel: 'EMAIL',
    });
    expect((await remove(planned!.id)).deleteCampaign.deletedCampaignId).toBe(planned!.id);
    const running = await activeCampaign(h);
    await postForm(h.app, running.formKey, {
      name: 'Kept',
      email: `${unique('k').replace(/\s/g, '')}@example.com`,
      consent: true,
    });
    expect((await remove(running.id)).deleteCampaign.userErrors.map((e) => e.code)).toEqual([
      'CONFLICT',
    ]);
  });

  it('lists campaigns with filters and cursor pages, resolving owners without extra queries', async () => {
    const tag = unique('Spring');
    const owner = marketer();
    const token = await h.tokenFor(owner);
    for (let i = 0; i < 5; i++)
      await run('createCampaign', { name: `${tag} ${i}`, channel: 'EMAIL' }, token);
    const page = async (after: string | null) =>
      (
        await graphqlOk<{
          campaigns: {
            nodes: { name: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
            totalCount: number;
          };
        }>(h.app, {
          query: `query($after: String, $search: String) {
            campaigns(first: 3, after: $after, filter: { search: $search, channels: [EMAIL] }, orderBy: { field: NAME, direction: ASC }) {
              nodes { name owner { id } } pageInfo { hasNextPage endCursor } totalCount
            }
          }`,
          variables: { after, search: tag },
          token,
        })
      ).campaigns;
    h.counter.reset();
    const first = await page(null);
    expect(h.counter.matching(/FROM campaigns/)).toHaveLength(2); // the total and the page
    const second = await page(first.pageInfo.endCursor);
    expect([...first.nodes, ...second.nodes].map((n) => n.name)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `${tag} ${i}`),
    );
    expect(first.totalCount).toBe(5);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves 20 campaign references with their performance in one query per kind', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(
        (await run('createCampaign', { name: unique(`Ref ${i}`), channel: 'ADS' })).campaign!.id,
      );
    h.counter.reset();
    const data = await graphqlOk<{ _entities: { id: string; performance: { leads: number } }[] }>(
      h.app,
      {
        query:
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Campaign { id name performance { leads roi } } } }',
        variables: { r: ids.map((id) => ({ __typename: 'Campaign', id })) },
        token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
      },
    );
    expect(data._entities.map((e) => e.id)).toEqual(ids);
    expect(h.counter.matching(/FROM campaigns c WHERE c.id = ANY/)).toHaveLength(1);
    expect(h.counter.matching(/FROM attributions/)).toHaveLength(1);
  });

  it('refuses campaign changes to a sales rep', async () => {
    const res = await graphql(h.app, {
      query:
        'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }',
      variables: { input: { name: unique('Nope'), channel: 'ADS' } },
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
