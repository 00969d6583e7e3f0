import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import { aViewer, graphql, graphqlOk, unique } from '@crm/testing';
import { upsertEmployee, upsertTeam } from '../src/db/directory';
import type { SalesHarness } from './harness';

export interface UserErrorShape {
  field: string[] | null;
  code: string;
  message: string;
}

/** Puts people in sales' employee replica (what identity's events would do) and returns them. */
export async function seedPeople(h: SalesHarness, ...people: Viewer[]): Promise<Viewer[]> {
  for (const p of people) {
    await upsertEmployee(h.dataSource.manager, {
      id: p.id,
      name: p.name,
      email: p.email,
      roles: p.roles,
      teamId: p.teamId,
      active: true,
      version: 1,
    });
  }
  return people;
}

/** A sales team with its manager and reps, known to sales' replica. */
export async function seedTeam(h: SalesHarness, reps = 2) {
  const teamId = newId();
  const manager = aViewer({ roles: ['SALES_MANAGER'], teamId, managedTeamIds: [teamId] });
  const members = Array.from({ length: reps }, () => aViewer({ roles: ['SALES_REP'], teamId }));
  await upsertTeam(h.dataSource.manager, {
    id: teamId,
    name: unique('Team'),
    managerId: manager.id,
    version: 1,
  });
  await seedPeople(h, manager, ...members);
  return { teamId, manager, reps: members };
}

/** Runs a mutation `name(input: $input) { <selection> userErrors { field code message } }`. */
export async function mutate<T = Record<string, unknown>>(
  h: SalesHarness,
  viewer: Viewer,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<T & { userErrors: UserErrorShape[] }> {
  const data = await graphqlOk<Record<string, T & { userErrors: UserErrorShape[] }>>(h.app, {
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`,
    variables: { input },
    token: await h.tokenFor(viewer),
  });
  return data[name];
}

/** Creates a customer as `viewer` and fails the test on user errors. */
export async function aCustomer(
  h: SalesHarness,
  viewer: Viewer,
  input: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const result = await mutate<{ customer: { id: string; name: string } | null }>(
    h,
    viewer,
    'createCustomer',
    'CreateCustomerInput',
    { name: unique('客户'), ...input },
    'customer { id name }',
  );
  if (!result.customer)
    throw new Error(`createCustomer failed: ${JSON.stringify(result.userErrors)}`);
  return result.customer;
}

/** A query as `viewer`, failing the test on GraphQL errors. */
export async function query<T>(
  h: SalesHarness,
  viewer: Viewer,
  text: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return graphqlOk<T>(h.app, { query: text, variables, token: await h.tokenFor(viewer) });
}

/** The GraphQL error code of a call that should fail as a whole (e.g. FORBIDDEN). */
export async function errorCode(
  h: SalesHarness,
  viewer: Viewer,
  text: string,
  variables: Record<string, unknown> = {},
): Promise<unknown> {
  const res = await graphql(h.app, { query: text, variables, token: await h.tokenFor(viewer) });
  return res.errors?.[0]?.extensions?.code;
}
