import type { Viewer } from '@crm/auth';
import { newId } from '@crm/database';
import type { EventData, leadQualified } from '@crm/events';
import { graphqlOk, testLogger, unique, uniqueMobile } from '@crm/testing';
import { receiveQualifiedLead } from '../src/events/lead-handlers';
import type { SalesHarness } from './harness';

export function aQualifiedLead(
  overrides: Partial<EventData<typeof leadQualified>> = {},
): EventData<typeof leadQualified> {
  const mobile = uniqueMobile();
  return {
    leadId: newId(),
    name: unique('张伟'),
    company: unique('华信科技有限公司'),
    title: '采购经理',
    phone: mobile,
    phoneKey: `+86${mobile}`,
    email: null,
    emailKey: null,
    region: null,
    industry: '制造业',
    companySize: '200-500',
    campaignId: newId(),
    channel: 'WEB_FORM',
    score: 80,
    matchedCustomerId: null,
    notes: null,
    qualifiedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** What the lead.qualified consumer does with an event, without the transport. */
export function qualify(h: SalesHarness, data: EventData<typeof leadQualified>) {
  return h.dataSource.transaction((tx) => receiveQualifiedLead(tx, data, testLogger()));
}

export async function aRule(h: SalesHarness, manager: Viewer, input: Record<string, unknown>) {
  const data = await graphqlOk<{
    saveLeadAssignmentRule: { rule: { id: string } | null; userErrors: unknown[] };
  }>(h.app, {
    query: `mutation($input: SaveLeadAssignmentRuleInput!) { saveLeadAssignmentRule(input: $input) { rule { id } userErrors { field code message } } }`,
    variables: { input: { name: unique('规则'), ...input } },
    token: await h.tokenFor(manager),
  });
  if (!data.saveLeadAssignmentRule.rule)
    throw new Error(JSON.stringify(data.saveLeadAssignmentRule.userErrors));
  return data.saveLeadAssignmentRule.rule.id;
}

export const leadEvents = (h: SalesHarness, leadId: string) =>
  h.dataSource.query('SELECT type, payload FROM outbox WHERE subject = $1 ORDER BY id', [
    leadId,
  ]) as Promise<{ type: string; payload: Record<string, unknown> }[]>;

/**
 * Rules apply to every lead in the database, whichever test file made them: each test of the
 * calling file starts with no active rule and leaves none behind for the next file.
 */
export function withoutActiveRules(harness: () => SalesHarness): void {
  const deactivate = () =>
    harness().dataSource.query('UPDATE lead_assignment_rules SET active = false');
  beforeEach(deactivate);
  afterEach(deactivate);
}
