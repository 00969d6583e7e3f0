import type { Viewer } from '@crm/auth';
import type { Logger } from '@crm/config';
import { findJob } from '@crm/scheduler';
import { graphql, graphqlOk } from '@crm/testing';
import { LEAD_FIRST_CONTACT_JOB } from '../src/domain/leads/assign-lead';
import { warnWithoutLeadRules } from '../src/domain/leads/warn-without-rules';
import { startSales, type SalesHarness } from './harness';
import { aQualifiedLead, aRule, leadEvents, qualify, withoutActiveRules } from './leads-fixtures';
import { aSalesTeam } from './opportunities-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
// Every lead here starts without a rule that could take it.
withoutActiveRules(() => h);
afterAll(() => h.stop());

interface QueueItem {
  lead: { id: string };
  status: string;
}

/** Every lead of the viewer's queue, page by page. */
async function queueOf(viewer: Viewer): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount: number;
  for (;;) {
    const data: {
      unassignedLeads: {
        totalCount: number;
        nodes: QueueItem[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await graphqlOk(h.app, {
      query: `query($after: String) { unassignedLeads(first: 100, after: $after) {
        totalCount nodes { lead { id } status } pageInfo { hasNextPage endCursor } } }`,
      variables: { after },
      token: await h.tokenFor(viewer),
    });
    ids.push(...data.unassignedLeads.nodes.map((n) => n.lead.id));
    totalCount = data.unassignedLeads.totalCount;
    if (!data.unassignedLeads.pageInfo.hasNextPage) return { ids, totalCount };
    after = data.unassignedLeads.pageInfo.endCursor;
  }
}

const ASSIGNMENT =
  'assignment { status rule dueAt teamId assignee { id } } userErrors { field code message }';

async function assignLead(viewer: Viewer, input: Record<string, unknown>) {
  const data = await graphqlOk<{
    assignLead: {
      assignment: {
        status: string;
        rule: string;
        dueAt: string;
        teamId: string;
        assignee: { id: string };
      } | null;
      userErrors: { field: string[]; code: string; message: string }[];
    };
  }>(h.app, {
    query: `mutation($input: AssignLeadInput!) { assignLead(input: $input) { ${ASSIGNMENT} } }`,
    variables: { input },
    token: await h.tokenFor(viewer),
  });
  return data.assignLead;
}

async function rerun(viewer: Viewer, leadId: string) {
  const data = await graphqlOk<{
    rerunLeadAssignment: {
      assignment: { status: string; rule: string; assignee: { id: string } } | null;
      userErrors: { field: string[]; code: string; message: string }[];
    };
  }>(h.app, {
    query: `mutation($input: RerunLeadAssignmentInput!) { rerunLeadAssignment(input: $input) { ${ASSIGNMENT} } }`,
    variables: { input: { leadId } },
    token: await h.tokenFor(viewer),
  });
  return data.rerunLeadAssignment;
}

describe('the queue of unassigned leads', () => {
  it('shows managers the leads no rule could assign, oldest first, and no one else', async () => {
    const team = await aSalesTeam(h, 1);
    const older = (await qualify(h, aQualifiedLead()))!;
    const newer = (await qualify(h, aQualifiedLead()))!;
    expect([older.status, newer.status]).toEqual(['UNASSIGNED', 'UNASSIGNED']);
    const queue = await queueOf(team.manager);
    expect(queue.ids.filter((id) => id === older.leadId || id === newer.leadId)).toEqual([
      older.leadId,
      newer.leadId,
    ]);
    expect(queue.totalCount).toBe(queue.ids.length);
    const asRep = await graphql(h.app, {
      query: '{ unassignedLeads { totalCount } }',
      token: await h.tokenFor(team.reps[0]),
    });
    expect(asRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('assigning a lead by hand', () => {
  it('gives the lead to a rep of the manager’s team, publishes lead.assigned and starts the first-contact deadline', async () => {
    const team = await aSalesTeam(h, 2);
    const lead = (await qualify(h, aQualifiedLead()))!;
    const rep = team.reps[1];
    const result = await assignLead(team.manager, { leadId: lead.leadId, assigneeId: rep.id });
    expect(result.userErrors).toEqual([]);
    expect(result.assignment).toMatchObject({
      status: 'ASSIGNED',
      rule: 'MANUAL',
      teamId: team.teamId,
      assignee: { id: rep.id },
    });
    const events = await leadEvents(h, lead.leadId);
    expect(events.map((e) => e.type)).toEqual(['crm.sales.lead.assigned.v1']);
    expect(events[0].payload).toMatchObject({
      leadId: lead.leadId,
      assigneeId: rep.id,
      teamId: team.teamId,
      rule: 'MANUAL',
      dueAt: result.assignment!.dueAt,
    });
    const job = await findJob(h.dataSource.manager, LEAD_FIRST_CONTACT_JOB, lead.leadId);
    expect(job?.dueAt.toISOString()).toBe(result.assignment!.dueAt);
    expect((await queueOf(team.manager)).ids).not.toContain(lead.leadId);
  });

  it('refuses a rep of another team and a lead that is no longer unassigned, changing nothing', async () => {
    const team = await aSalesTeam(h, 1);
    const other = await aSalesTeam(h, 1);
    const lead = (await qualify(h, aQualifiedLead()))!;
    const wrongRep = await assignLead(team.manager, {
      leadId: lead.leadId,
      assigneeId: other.reps[0].id,
    });
    expect(wrongRep.assignment).toBeNull();
    expect(wrongRep.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'assigneeId'], 'INVALID'],
    ]);
    expect(await leadEvents(h, lead.leadId)).toEqual([]);
    await assignLead(team.manager, { leadId: lead.leadId, assigneeId: team.reps[0].id });
    const again = await assignLead(team.manager, {
      leadId: lead.leadId,
      assigneeId: team.reps[0].id,
    });
    expect(again.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'leadId'], 'INVALID_TRANSITION'],
    ]);
    const elsewhere = await assignLead(other.manager, {
      leadId: lead.leadId,
      assigneeId: other.reps[0].id,
    });
    expect(elsewhere.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await leadEvents(h, lead.leadId)).map((e) => e.type)).toEqual([
      'crm.sales.lead.assigned.v1',
    ]);
    const [row] = await h.dataSource.query(
      'SELECT assignee_id FROM lead_assignments WHERE lead_id = $1',
      [lead.leadId],
    );
    expect(row.assignee_id).toBe(team.reps[0].id);
  });
});

describe('re-running the assignment rules', () => {
  it('says so when still no rule applies, and assigns the lead once a rule exists', async () => {
    const team = await aSalesTeam(h, 1);
    const lead = (await qualify(h, aQualifiedLead()))!;
    const none = await rerun(team.manager, lead.leadId);
    expect(none.assignment).toBeNull();
    expect(none.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'leadId'], 'CONFLICT'],
    ]);
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    const done = await rerun(team.manager, lead.leadId);
    expect(done.userErrors).toEqual([]);
    expect(done.assignment).toMatchObject({
      status: 'ASSIGNED',
      rule: 'ROUND_ROBIN',
      assignee: { id: team.reps[0].id },
    });
    expect((await leadEvents(h, lead.leadId)).map((e) => e.type)).toEqual([
      'crm.sales.lead.assigned.v1',
    ]);
    expect(await findJob(h.dataSource.manager, LEAD_FIRST_CONTACT_JOB, lead.leadId)).not.toBeNull();
  });
});

describe('starting without rules', () => {
  it('warns that qualified leads will wait unassigned, and is quiet once a rule is active', async () => {
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    expect(await warnWithoutLeadRules(h.dataSource.manager, logger)).toBe(true);
    expect(String(warnings[0]?.[0])).toMatch(/no active lead-assignment rule/);
    const team = await aSalesTeam(h, 1);
    await aRule(h, team.manager, { kind: 'ROUND_ROBIN', teamId: team.teamId });
    expect(await warnWithoutLeadRules(h.dataSource.manager, logger)).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});
