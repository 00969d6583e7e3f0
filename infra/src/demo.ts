import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export interface DemoAccount {
  email: string;
  name: string;
  roles: string[];
  team?: string;
}

export interface DemoCompany {
  company: string;
  password: string;
  teams: { name: string; manager: string }[];
  employees: DemoAccount[];
  customers: {
    owner: string;
    name: string;
    kind: 'COMPANY' | 'PERSON';
    phone?: string;
    email?: string;
    industry?: string;
    region?: string;
    tier?: string;
  }[];
}

/** The demo company lives with the identity service that seeds it; infra only reads it. */
export function loadDemoCompany(): DemoCompany {
  return JSON.parse(
    readFileSync(path.join(repoRoot, 'services/identity/demo-company.json'), 'utf8'),
  ) as DemoCompany;
}

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string }[];
  };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data ?? {};
}

/** A demo person's token and employee id, logged in through the gateway. */
async function demoLogin(
  gatewayUrl: string,
  email: string,
  password: string,
): Promise<{ token: string; employeeId: string }> {
  const login = await graphql(
    gatewayUrl,
    'mutation($input: LoginInput!) { login(input: $input) { token employee { id } userErrors { message } } }',
    { input: { email, password } },
  );
  const { token, employee } = login.login as {
    token: string | null;
    employee: { id: string } | null;
  };
  if (!token || !employee) throw new Error(`demo login failed for ${email}`);
  return { token, employeeId: employee.id };
}

/**
 * Demo customers are created through the gateway by their owners, as a rep would: the events
 * they publish fill every department's replica.
 */
export async function seedDemoCustomers(
  gatewayUrl: string,
  say: (line: string) => void,
): Promise<void> {
  const demo = loadDemoCompany();
  const owners = [...new Set(demo.customers.map((c) => c.owner))];
  let created = 0;
  for (const owner of owners) {
    const { token, employeeId } = await demoLogin(gatewayUrl, owner, demo.password);
    const mine = await graphql(
      gatewayUrl,
      'query($owner: ID!) { customers(first: 1, filter: { ownerIds: [$owner] }) { totalCount } }',
      { owner: employeeId },
      token,
    );
    if ((mine.customers as { totalCount: number }).totalCount > 0) continue;
    for (const customer of demo.customers.filter((c) => c.owner === owner)) {
      const { owner: _owner, ...input } = customer;
      const result = await graphql(
        gatewayUrl,
        'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field message } } }',
        { input },
        token,
      );
      const errors = (result.createCustomer as { userErrors: { message: string }[] }).userErrors;
      if (errors.length)
        throw new Error(
          `demo customer ${customer.name}: ${errors.map((e) => e.message).join('; ')}`,
        );
      created++;
    }
  }
  if (created) say(`demo data: ${created} customers created through the gateway`);
}

/**
 * One lead-assignment rule per demo sales team, so a qualified web-form lead reaches a rep:
 * North China Sales takes the northern regions by territory, East China Sales every other lead
 * by round robin (tried last).
 */
export const DEMO_LEAD_RULES: Record<string, Record<string, unknown>> = {
  'North China Sales': {
    name: 'North China territory 华北',
    kind: 'TERRITORY',
    regions: [
      'Beijing',
      'Tianjin',
      'Hebei',
      'Shanxi',
      'Inner Mongolia',
      '北京',
      '天津',
      '河北',
      '山西',
      '内蒙古',
    ],
    priority: 10,
  },
  'East China Sales': {
    name: 'East China: every other lead 其他地区轮流分配',
    kind: 'ROUND_ROBIN',
    priority: 100,
  },
};

/** Each demo team's manager saves the team's rule through the gateway (once: by its name). */
export async function seedDemoLeadRules(
  gatewayUrl: string,
  say: (line: string) => void,
): Promise<void> {
  const demo = loadDemoCompany();
  let created = 0;
  for (const team of demo.teams) {
    const rule = DEMO_LEAD_RULES[team.name];
    if (!rule) continue;
    const { token } = await demoLogin(gatewayUrl, team.manager, demo.password);
    const mine = await graphql(
      gatewayUrl,
      '{ me { team { id } } leadAssignmentRules { name } }',
      {},
      token,
    );
    const teamId = (mine.me as { team: { id: string } | null }).team?.id;
    if (!teamId) throw new Error(`demo manager ${team.manager} has no team`);
    const rules = mine.leadAssignmentRules as { name: string }[];
    if (rules.some((r) => r.name === rule.name)) continue;
    const saved = await graphql(
      gatewayUrl,
      'mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { rule { id } userErrors { field message } } }',
      { input: { ...rule, teamId } },
      token,
    );
    const errors = (saved.saveLeadAssignmentRule as { userErrors: { message: string }[] })
      .userErrors;
    if (errors.length)
      throw new Error(`demo lead rule of ${team.name}: ${errors.map((e) => e.message).join('; ')}`);
    created++;
  }
  if (created) say(`demo data: ${created} lead-assignment rules (one per sales team)`);
}
