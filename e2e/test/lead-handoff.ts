import { unique, uniqueMobile } from '@crm/testing';
import { asGateway, login } from './clients';
import { gatewayUrl } from './system';

export const formUrl = (formKey: string) => gatewayUrl.replace(/\/graphql$/, `/forms/${formKey}`);

/** A web-form campaign with a campaign-only scoring rule that qualifies leads whose title has `marker`. */
export async function aCampaign(
  actualCost = '10000',
): Promise<{ id: string; formKey: string; marker: string; token: string }> {
  const mm = await login('marketing.manager@demo.crm');
  const marker = unique('E2E职位').replace(/\s/g, '');
  const created = await asGateway<{
    createCampaign: { campaign: { id: string; formKey: string } | null; userErrors: unknown[] };
  }>(
    'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id formKey } userErrors { field code message } } }',
    mm.token,
    {
      input: {
        name: unique('官网表单 Web form'),
        channel: 'WEB_FORM',
        budget: '20000',
        actualCost,
        currency: 'CNY',
        formConsentText: '我同意贵公司就产品信息联系我 I agree to be contacted',
        formConsentVersion: '2026-11',
      },
    },
  );
  if (!created.createCampaign.campaign)
    throw new Error(JSON.stringify(created.createCampaign.userErrors));
  const campaign = created.createCampaign.campaign;
  await asGateway(
    'mutation($input: SetCampaignStatusInput!) { setCampaignStatus(input: $input) { userErrors { message } } }',
    mm.token,
    {
      input: { id: campaign.id, status: 'ACTIVE' },
    },
  );
  const rule = await asGateway<{ createScoringRule: { userErrors: unknown[] } }>(
    'mutation($input: CreateScoringRuleInput!) { createScoringRule(input: $input) { rule { id } userErrors { field code message } } }',
    mm.token,
    {
      input: {
        name: `Decision maker ${marker}`,
        kind: 'FIELD',
        field: 'TITLE',
        operator: 'CONTAINS_ANY',
        values: [marker],
        campaignId: campaign.id,
        points: 60,
      },
    },
  );
  if (rule.createScoringRule.userErrors.length)
    throw new Error(JSON.stringify(rule.createScoringRule.userErrors));
  return { ...campaign, marker, token: mm.token };
}

/** A territory rule sending leads of a fresh region to the North China team. */
export async function aNorthTerritory(
  firstContactSeconds?: number,
): Promise<{ region: string; teamId: string; managerToken: string }> {
  const manager = await login('manager.north@demo.crm');
  const me = await asGateway<{ me: { team: { id: string } } }>(
    '{ me { team { id } } }',
    manager.token,
  );
  const region = unique('E2E区域').replace(/\s/g, '');
  const saved = await asGateway<{ saveLeadAssignmentRule: { userErrors: unknown[] } }>(
    'mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { rule { id } userErrors { field code message } } }',
    manager.token,
    {
      input: {
        name: `Territory ${region}`,
        kind: 'TERRITORY',
        teamId: me.me.team.id,
        regions: [region],
        priority: 1,
        firstContactSeconds,
      },
    },
  );
  if (saved.saveLeadAssignmentRule.userErrors.length)
    throw new Error(JSON.stringify(saved.saveLeadAssignmentRule.userErrors));
  return { region, teamId: me.me.team.id, managerToken: manager.token };
}

/** Posts the web form as a company website would (no login); answers the HTTP status and body. */
export async function postForm(
  formKey: string,
  fields: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(formUrl(formKey), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '赵先生', phone: uniqueMobile(), consent: true, ...fields }),
  });
  return { status: res.status, body: await res.json() };
}

export interface Assignment {
  lead: { id: string };
  status: string;
  rule: string | null;
  assignee: { id: string; email: string } | null;
  dueAt: string | null;
  breachCount: number;
}

export async function assignmentsOfTeam(
  managerToken: string,
  teamId: string,
): Promise<Assignment[]> {
  const data = await asGateway<{ leadAssignments: { nodes: Assignment[] } }>(
    'query($teams: [ID!]) { leadAssignments(first: 100, filter: { teamIds: $teams }) { nodes { lead { id } status rule assignee { id email } dueAt breachCount } } }',
    managerToken,
    { teams: [teamId] },
  );
  return data.leadAssignments.nodes;
}

/** The assignment of the lead posted with `name` among the newest of a team (undefined until then). */
export async function assignmentNamed(
  managerToken: string,
  teamId: string,
  name: string,
): Promise<(Assignment & { name: string }) | undefined> {
  const data = await asGateway<{ leadAssignments: { nodes: (Assignment & { name: string })[] } }>(
    'query($teams: [ID!]) { leadAssignments(first: 100, filter: { teamIds: $teams }) { nodes { name lead { id } status rule assignee { id email } dueAt breachCount } } }',
    managerToken,
    { teams: [teamId] },
  );
  return data.leadAssignments.nodes.find((a) => a.name === name);
}

/** A demo sales manager's token and team. */
export async function aManager(email: string): Promise<{ token: string; teamId: string }> {
  const manager = await login(email);
  const me = await asGateway<{ me: { team: { id: string } } }>(
    '{ me { team { id } } }',
    manager.token,
  );
  return { token: manager.token, teamId: me.me.team.id };
}
