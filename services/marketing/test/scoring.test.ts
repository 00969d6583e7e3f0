import type { OutboxRelay } from '@crm/events';
import {
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  kcatRead,
  unique,
  uniqueMobile,
} from '@crm/testing';
import {
  activeCampaign,
  marketer,
  marketingManager,
  postForm,
  marketingUnderTest,
  startRelay,
} from './harness';

const h = marketingUnderTest();
let relay: OutboxRelay | undefined;
afterAll(async () => {
  await relay?.stop();
});

interface RuleInput {
  name?: string;
  kind: 'FIELD' | 'ENGAGEMENT';
  field?: string;
  operator?: string;
  values?: string[];
  touchKind?: string;
  campaignId?: string;
  points: number;
}

async function createRule(input: RuleInput) {
  const data = await graphqlOk<{
    createScoringRule: {
      rule: { id: string } | null;
      userErrors: { field: string[]; code: string }[];
    };
  }>(h.app, {
    query: `mutation($input: CreateScoringRuleInput!) {
      createScoringRule(input: $input) { rule { id } userErrors { field code message } }
    }`,
    variables: { input: { name: unique('Rule'), ...input } },
    token: await h.tokenFor(marketingManager()),
  });
  return data.createScoringRule;
}

const leadByPhone = async (mobile: string) =>
  (
    await h.dataSource.query(
      'SELECT id, status, score, field_score, engagement_score, qualified_at FROM leads WHERE phone_key = $1',
      [`+86${mobile}`],
    )
  )[0];

const qualifiedEvents = (leadId: string) =>
  h.dataSource.query(
    "SELECT id, payload FROM outbox WHERE subject = $1 AND type = 'crm.marketing.lead.qualified.v1'",
    [leadId],
  );

describe('lead scoring and qualification', () => {
  it('scores a form lead with the default rules (title contains 经理 +20, form submitted +10)', async () => {
    const campaign = await activeCampaign(h);
    const mobile = uniqueMobile();
    await postForm(h.app, campaign.formKey, {
      name: '孙丽',
      title: '市场部经理',
      phone: mobile,
      consent: true,
    });
    expect(await leadByPhone(mobile)).toMatchObject({
      status: 'NEW',
      field_score: 20,
      engagement_score: 10,
      score: 30,
      qualified_at: null,
    });
  });

  it('qualifies a lead that reaches the threshold and publishes lead.qualified once, with what sales needs', async () => {
    const campaign = await activeCampaign(h);
    const region = unique('华东');
    const rule = await createRule({
      kind: 'FIELD',
      field: 'REGION',
      operator: 'EQUALS_ANY',
      values: [region],
      campaignId: campaign.id,
      points: 25,
    });
    expect(rule.userErrors).toEqual([]);
    const mobile = uniqueMobile();
    const post = () =>
      postForm(h.app, campaign.formKey, {
        name: '周总',
        title: '采购总监',
        company: unique('大成制造'),
        region,
        phone: mobile,
        email: `${unique('zhou').replace(/\s/g, '')}@example.com`,
        consent: true,
      });
    expect((await post()).status).toBe(201);
    const lead = await leadByPhone(mobile);
    // 20 (title) + 25 (region, this campaign) + 10 (form) = 55 >= 50
    expect(lead).toMatchObject({ status: 'QUALIFIED', score: 55 });
    expect(lead.qualified_at).not.toBeNull();
    // a second submission adds a touch (no points: a repeat post), and no second announcement
    expect((await post()).status).toBe(201);
    expect(await leadByPhone(mobile)).toMatchObject({ status: 'QUALIFIED', score: 55 });
    const events = await qualifiedEvents(lead.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      leadId: lead.id,
      name: '周总',
      title: '采购总监',
      phoneKey: `+86${mobile}`,
      region,
      campaignId: campaign.id,
      channel: 'WEB_FORM',
      score: 55,
      matchedCustomerId: null,
    });

    relay = startRelay();
    const record = await eventually(
      () => {
        const found = kcatRead('crm.marketing.lead.v1').filter(
          (r) => r.headers.ce_id === events[0].id,
        );
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(record.key).toBe(lead.id);
    expect(record.headers.ce_type).toBe('crm.marketing.lead.qualified.v1');
    expect(JSON.parse(record.payload!)).toMatchObject({ leadId: lead.id, score: 55 });
  });

  it('counts engagement rules per touch and qualifies when a recorded engagement reaches the threshold', async () => {
    const webinar = await activeCampaign(h, { channel: 'WEBINAR' });
    await createRule({
      kind: 'ENGAGEMENT',
      touchKind: 'WEBINAR_ATTENDED',
      campaignId: webinar.id,
      points: 30,
    });
    const mobile = uniqueMobile();
    await postForm(h.app, webinar.formKey, { name: 'Webinar Fan', phone: mobile, consent: true });
    const lead = await leadByPhone(mobile);
    expect(lead.score).toBe(10);
    const token = await h.tokenFor(marketer());
    const engage = () =>
      graphqlOk<{
        recordEngagement: { lead: { status: string; score: number }; touch: { points: number } };
      }>(h.app, {
        query: `mutation($input: RecordEngagementInput!) {
          recordEngagement(input: $input) { lead { status score } touch { points } userErrors { message } }
        }`,
        variables: { input: { leadId: lead.id, kind: 'WEBINAR_ATTENDED', campaignId: webinar.id } },
        token,
      });
    // default webinar rule +15 and this campaign's +30
    expect((await engage()).recordEngagement).toEqual({
      lead: { status: 'QUALIFIED', score: 55 },
      touch: { points: 45 },
      userErrors: [],
    });
    expect((await engage()).recordEngagement.lead).toEqual({ status: 'QUALIFIED', score: 100 });
    expect(await qualifiedEvents(lead.id)).toHaveLength(1);
  });

  it('uses the threshold a marketing manager sets, and lets a marketer qualify a lead by hand', async () => {
    const manager = await h.tokenFor(marketingManager());
    const setThreshold = (threshold: number, token = manager) =>
      graphql<{ setQualificationThreshold: { leadScoring: { qualificationThreshold: number } } }>(
        h.app,
        {
          query: `mutation($input: SetQualificationThresholdInput!) {
            setQualificationThreshold(input: $input) { leadScoring { qualificationThreshold } userErrors { message } }
          }`,
          variables: { input: { threshold } },
          token,
        },
      );
    const campaign = await activeCampaign(h);
    try {
      expect((await setThreshold(10)).data?.setQualificationThreshold.leadScoring).toEqual({
        qualificationThreshold: 10,
      });
      const mobile = uniqueMobile();
      await postForm(h.app, campaign.formKey, { name: 'Low Bar', phone: mobile, consent: true });
      expect((await leadByPhone(mobile)).status).toBe('QUALIFIED');
    } finally {
      await setThreshold(50);
    }
    const refused = await setThreshold(5, await h.tokenFor(marketer()));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const mobile = uniqueMobile();
    await postForm(h.app, campaign.formKey, { name: 'Hot Call', phone: mobile, consent: true });
    const lead = await leadByPhone(mobile);
    expect(lead.status).toBe('NEW');
    const qualified = await graphqlOk<{
      qualifyLead: {
        lead: { status: string; history: { kind: string; details: { reason: string } }[] };
      };
    }>(h.app, {
      query: `mutation($input: QualifyLeadInput!) {
          qualifyLead(input: $input) { lead { status history { kind details } } userErrors { message } }
        }`,
      variables: { input: { id: lead.id, note: 'asked for a quote on the phone' } },
      token: await h.tokenFor(marketer()),
    });
    expect(qualified.qualifyLead.lead.status).toBe('QUALIFIED');
    expect(qualified.qualifyLead.lead.history.at(-1)).toMatchObject({
      kind: 'QUALIFIED',
      details: { reason: 'MANUAL', note: 'asked for a quote on the phone' },
    });
    expect(await qualifiedEvents(lead.id)).toHaveLength(1);
  });

  it('explains what a rule lacks, and shows the rules to marketing but not to sales reps', async () => {
    const bad = await createRule({ kind: 'FIELD', points: 500 });
    expect(bad.rule).toBeNull();
    expect(bad.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.points', 'INVALID'],
      ['input.field', 'REQUIRED'],
      ['input.values', 'REQUIRED'],
    ]);
    const query = '{ leadScoring { qualificationThreshold rules { name kind points active } } }';
    const seen = await graphqlOk<{ leadScoring: { rules: { name: string }[] } }>(h.app, {
      query,
      token: await h.tokenFor(marketer()),
    });
    expect(seen.leadScoring.rules.map((r) => r.name)).toContain('Decision-maker title');
    const rep = await graphql(h.app, {
      query,
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(rep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
