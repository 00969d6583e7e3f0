// p50 / p99 time from a web-form post (201: the lead committed in marketing) to the lead being
// assigned in sales (a row in crm_sales.lead_assignments), through Kafka.
//   npm start   (in another terminal), then:
//   pnpm --filter @crm/bench build && pnpm --filter @crm/bench lead-handoff [count]
// The web form allows FORM_RATE_LIMIT posts per client and form a minute (20 by default), so the
// script spreads its posts over campaigns of 20.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { databaseUrl, GATEWAY_URL, gql, login, sleep, summarize } from './common';

const COUNT = Number(process.argv[2] ?? 200);
const PER_CAMPAIGN = 20;

async function campaignWithRule(token: string, marker: string, index: number): Promise<string> {
  const created = await gql<{ createCampaign: { campaign: { id: string; formKey: string } } }>(
    'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id formKey } userErrors { message } } }',
    {
      input: {
        name: `Hand-off bench ${marker} ${index}`,
        channel: 'WEB_FORM',
        actualCost: '1000',
        formConsentText: 'I agree to be contacted',
        formConsentVersion: 'bench',
      },
    },
    token,
  );
  const { id, formKey } = created.createCampaign.campaign;
  await gql(
    'mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }',
    { input: { id, status: 'ACTIVE' } },
    token,
  );
  const rule = await gql<{ createScoringRule: { userErrors: { message: string }[] } }>(
    'mutation($input: CreateScoringRuleInput!) { createScoringRule(input: $input) { userErrors { message } } }',
    {
      input: {
        name: `bench ${marker} ${index}`,
        kind: 'FIELD',
        field: 'TITLE',
        operator: 'CONTAINS_ANY',
        values: [marker],
        campaignId: id,
        points: 60,
      },
    },
    token,
  );
  if (rule.createScoringRule.userErrors.length)
    throw new Error(JSON.stringify(rule.createScoringRule.userErrors));
  return formKey;
}

async function main(): Promise<void> {
  const marketing = await login('marketing.manager@demo.crm');
  const manager = await login('manager.north@demo.crm');
  const me = await gql<{ me: { team: { id: string } } }>(
    '{ me { team { id } } }',
    {},
    manager.token,
  );
  const marker = `Bench${Date.now().toString(36)}`;
  const region = `Bench region ${marker}`;
  const rule = await gql<{ saveLeadAssignmentRule: { userErrors: { message: string }[] } }>(
    'mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { userErrors { message } } }',
    {
      input: {
        name: `bench ${marker}`,
        kind: 'TERRITORY',
        teamId: me.me.team.id,
        regions: [region],
        priority: 1,
        maxOpenLeads: 10_000,
      },
    },
    manager.token,
  );
  if (rule.saveLeadAssignmentRule.userErrors.length)
    throw new Error(JSON.stringify(rule.saveLeadAssignmentRule.userErrors));
  const sales = new Client({ connectionString: databaseUrl('crm_sales') });
  await sales.connect();
  const formBase = GATEWAY_URL.replace(/\/graphql$/, '/forms/');
  const samples: number[] = [];
  let formKey = '';
  for (let i = 0; i < COUNT; i++) {
    if (i % PER_CAMPAIGN === 0)
      formKey = await campaignWithRule(marketing.token, marker, i / PER_CAMPAIGN);
    const phone = `137${String(Date.now() % 1e8).padStart(8, '0')}`;
    const res = await fetch(`${formBase}${formKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench ${i}`,
        phone,
        title: `Director ${marker}`,
        region,
        consent: true,
      }),
    });
    if (res.status !== 201)
      throw new Error(`form post answered ${res.status}: ${await res.text()}`);
    const accepted = performance.now();
    for (;;) {
      const found = await sales.query(
        "SELECT 1 FROM lead_assignments WHERE phone_key = $1 AND status = 'ASSIGNED'",
        [`+86${phone}`],
      );
      if (found.rowCount) break;
      if (performance.now() - accepted > 30_000)
        throw new Error(`lead ${phone} was not assigned within 30 s`);
      await sleep(2);
    }
    samples.push(performance.now() - accepted);
    await sleep(2); // a new phone number per post (Date.now-based)
  }
  summarize('web-form post accepted -> lead assigned in sales', samples);
  await sales.end();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
