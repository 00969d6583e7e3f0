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
    const login = await graphql(
      gatewayUrl,
      'mutation($input: LoginInput!) { login(input: $input) { token employee { id } userErrors { message } } }',
      { input: { email: owner, password: demo.password } },
    );
    const { token, employee } = login.login as {
      token: string | null;
      employee: { id: string } | null;
    };
    if (!token || !employee) throw new Error(`demo login failed for ${owner}`);
    const mine = await graphql(
      gatewayUrl,
      'query($owner: ID!) { customers(first: 1, filter: { ownerIds: [$owner] }) { totalCount } }',
      { owner: employee.id },
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
