import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import { aViewer, graphqlOk, unique } from '@crm/testing';
import { upsertEmployee, upsertTeam } from '../src/db/directory';
import type { SalesHarness } from './harness';

export interface SalesTeam {
  teamId: string;
  manager: Viewer;
  reps: Viewer[];
}

/** A team with its manager and reps in sales' directory replica (as identity's events would leave it). */
export async function aSalesTeam(h: SalesHarness, repCount = 2): Promise<SalesTeam> {
  const teamId = newId();
  const manager = aViewer({ roles: ['SALES_MANAGER'], teamId, managedTeamIds: [teamId] });
  const reps = Array.from({ length: repCount }, () => aViewer({ roles: ['SALES_REP'], teamId }));
  await h.dataSource.transaction(async (tx) => {
    await upsertTeam(tx, { id: teamId, name: unique('Team'), managerId: manager.id, version: 1 });
    for (const person of [manager, ...reps])
      await upsertEmployee(tx, {
        id: person.id,
        name: person.name,
        email: person.email,
        roles: person.roles,
        teamId,
        active: true,
        version: 1,
      });
  });
  return { teamId, manager, reps };
}

/** A customer owned by `owner`, created through the API. */
export async function aCustomer(h: SalesHarness, owner: Viewer, name = unique('客户')) {
  const data = await graphqlOk<{
    createCustomer: { customer: { id: string } | null; userErrors: unknown[] };
  }>(h.app, {
    query: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }`,
    variables: { input: { name } },
    token: await h.tokenFor(owner),
  });
  if (!data.createCustomer.customer)
    throw new Error(`could not create a customer: ${JSON.stringify(data.createCustomer)}`);
  return data.createCustomer.customer.id;
}

export interface StageRef {
  id: string;
  key: string;
}

export async function stagesByKey(h: SalesHarness, viewer: Viewer) {
  const data = await graphqlOk<{ pipelineStages: (StageRef & { active: boolean })[] }>(h.app, {
    query: '{ pipelineStages { id key active } }',
    token: await h.tokenFor(viewer),
  });
  return Object.fromEntries(data.pipelineStages.filter((s) => s.active).map((s) => [s.key, s.id]));
}

export const OPPORTUNITY_FIELDS = `id name status amount { amount currency } weightedAmount { amount currency }
  stage { key } probability expectedCloseDate closeReason closedAt owner { id } teamId leadId sourceCampaignId
  history { from { key } to { key } changedBy { id } reason }`;

export async function anOpportunity(
  h: SalesHarness,
  viewer: Viewer,
  input: Record<string, unknown>,
) {
  const data = await graphqlOk<{
    createOpportunity: {
      opportunity: { id: string; stage: { key: string } } | null;
      userErrors: { field: string[]; code: string; message: string }[];
    };
  }>(h.app, {
    query: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) {
      opportunity { ${OPPORTUNITY_FIELDS} } userErrors { field code message } } }`,
    variables: { input: { name: unique('商机'), amount: { amount: '100000' }, ...input } },
    token: await h.tokenFor(viewer),
  });
  if (!data.createOpportunity.opportunity)
    throw new Error(`could not create an opportunity: ${JSON.stringify(data.createOpportunity)}`);
  return data.createOpportunity.opportunity.id;
}
