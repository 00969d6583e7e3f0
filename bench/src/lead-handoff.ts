import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { countArg } from './args';
import { databaseUrl, GATEWAY_URL, gql, login, sleep, summarize } from './common';

const USAGE = `
p50 / p99 time from a web-form post (201: the lead committed in marketing) to the lead being
assigned in sales (a row in crm_sales.lead_assignments), through Kafka.

  npm start   (in another terminal), then:
  pnpm --filter @crm/bench build && pnpm --filter @crm/bench lead-handoff [count]   (default 200)

The web form allows FORM_RATE_LIMIT posts per client and form a minute (20 by default), so the
script spreads its posts over campaigns of 20. It uses its own campaigns, scoring rules, region
and territory rule; when it ends (also when it fails) it disqualifies its leads, deactivates its
rules and completes its campaigns, so the demo's reps and rules are as they were.`;

const COUNT = countArg(USAGE, 200);

/** What the run created, for the clean-up. */
interface BenchData {
  campaignIds: string[];
  scoringRuleIds: string[];
  territoryRule: Record<string, unknown> | null;
  leadIds: string[];
}
const PER_CAMPAIGN = 20;

async function campaignWithRule(
  token: string,
  marker: string,
  index: number,
  bench: BenchData,
): Promise<string> {
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
  bench.campaignIds.push(id);
  await gql(
    'mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }',
    { input: { id, status: 'ACTIVE' } },
    token,
  );
  const rule = await gql<{
    createScoringRule: { rule: { id: string } | null; userErrors: { message: string }[] };
  }>(
    'mutation($input: CreateScoringRuleInput!) { createScoringRule(input: $input) { rule { id } userErrors { message } } }',
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
  if (!rule.createScoringRule.rule)
    throw new Error(JSON.stringify(rule.createScoringRule.userErrors));
  bench.scoringRuleIds.push(rule.createScoringRule.rule.id);
  return formKey;
}

/** Puts back what the run changed: its leads disqualified, its rules off, its campaigns done. */
async function cleanUp(bench: BenchData, marketingToken: string, managerToken: string) {
  const check = (what: string, errors: { message: string }[]) => {
    if (errors.length) throw new Error(`clean-up of ${what}: ${JSON.stringify(errors)}`);
  };
  for (const leadId of bench.leadIds) {
    const done = await gql<{ disqualifyLead: { userErrors: { message: string }[] } }>(
      'mutation($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) { userErrors { message } } }',
      { input: { leadId, reason: 'benchmark data' } },
      managerToken,
    );
    check(`lead ${leadId}`, done.disqualifyLead.userErrors);
  }
  if (bench.territoryRule) {
    const off = await gql<{ saveLeadAssignmentRule: { userErrors: { message: string }[] } }>(
      'mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { userErrors { message } } }',
      { input: { ...bench.territoryRule, active: false } },
      managerToken,
    );
    check('the territory rule', off.saveLeadAssignmentRule.userErrors);
  }
  for (const id of bench.scoringRuleIds) {
    const off = await gql<{ updateScoringRule: { userErrors: { message: string }[] } }>(
      'mutation($input: UpdateScoringRuleInput!) { updateScoringRule(input: $input) { userErrors { message } } }',
      { input: { id, active: false } },
      marketingToken,
    );
    check(`scoring rule ${id}`, off.updateScoringRule.userErrors);
  }
  for (const id of bench.campaignIds) {
    const done = await gql<{ setCampaignStatus: { userErrors: { message: string }[] } }>(
      'mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }',
      { input: { id, status: 'COMPLETED' } },
      marketingToken,
    );
    check(`campaign ${id}`, done.setCampaignStatus.userErrors);
  }
  process.stdout.write(
    `cleaned up: ${bench.leadIds.length} leads disqualified, ${bench.scoringRuleIds.length + (bench.territoryRule ? 1 : 0)} rules deactivated, ${bench.campaignIds.length} campaigns completed\n`,
  );
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
  const bench: BenchData = {
    campaignIds: [],
    scoringRuleIds: [],
    territoryRule: null,
    leadIds: [],
  };
  const sales = new Client({ connectionString: databaseUrl('crm_sales') });
  await sales.connect();
  let samples: number[];
  try {
    const territory = {
      name: `bench ${marker}`,
      kind: 'TERRITORY',
      teamId: me.me.team.id,
      regions: [region],
      priority: 1,
      maxOpenLeads: 10_000,
    };
    const rule = await gql<{
      saveLeadAssignmentRule: { rule: { id: string } | null; userErrors: { message: string }[] };
    }>(
      'mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { rule { id } userErrors { message } } }',
      { input: territory },
      manager.token,
    );
    if (!rule.saveLeadAssignmentRule.rule)
      throw new Error(JSON.stringify(rule.saveLeadAssignmentRule.userErrors));
    bench.territoryRule = { ...territory, id: rule.saveLeadAssignmentRule.rule.id };
    samples = await measure(marketing.token, marker, region, sales, bench);
  } finally {
    await sales.end();
    await cleanUp(bench, marketing.token, manager.token);
  }
  summarize('web-form post accepted -> lead assigned in sales', samples);
}

async function measure(
  marketingToken: string,
  marker: string,
  region: string,
  sales: Client,
  bench: BenchData,
): Promise<number[]> {
  const formBase = GATEWAY_URL.replace(/\/graphql$/, '/forms/');
  const samples: number[] = [];
  let formKey = '';
  for (let i = 0; i < COUNT; i++) {
    if (i % PER_CAMPAIGN === 0)
      formKey = await campaignWithRule(marketingToken, marker, i / PER_CAMPAIGN, bench);
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
      const found = await sales.query<{ lead_id: string }>(
        "SELECT lead_id FROM lead_assignments WHERE phone_key = $1 AND status = 'ASSIGNED'",
        [`+86${phone}`],
      );
      if (found.rowCount) {
        bench.leadIds.push(found.rows[0].lead_id);
        break;
      }
      if (performance.now() - accepted > 30_000)
        throw new Error(`lead ${phone} was not assigned within 30 s`);
      await sleep(2);
    }
    samples.push(performance.now() - accepted);
    await sleep(2); // a new phone number per post (Date.now-based)
  }
  return samples;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
