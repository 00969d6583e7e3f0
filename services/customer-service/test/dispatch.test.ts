import { newId } from '@crm/database';
import { employeeDeactivated } from '@crm/events';
import { aViewer, eventually, graphql, graphqlOk, produceEvent } from '@crm/testing';
import { aPerson, knownDirectory, type Person } from './directory-api';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});
// agents left on duty would take other tests' tickets
afterEach(() => h.dataSource.query('UPDATE agent_profiles SET on_duty = false'));

const SAVE_PROFILE = `mutation($input: SaveAgentProfileInput!) {
  saveAgentProfile(input: $input) {
    profile { agent { id } capacity languages productLines regions onDuty openTickets }
    userErrors { field code message }
  }
}`;
const SET_DISPATCH = `mutation($input: SetTeamDispatchInput!) {
  setTeamDispatch(input: $input) { dispatch { teamId strategy } userErrors { field code message } }
}`;
const ASSIGNEE = `query($id: ID!) { ticket(id: $id) { assignee { id } } }`;
const QUEUE = `{ ticketQueue(first: 100) { nodes { id } } }`;

const manager = () => aViewer({ roles: ['SERVICE_MANAGER'] });

/** A team with agents known to the directory, each with a dispatch profile. */
async function aTeam(...profiles: Record<string, unknown>[]) {
  const teamId = newId();
  const agents = profiles.map(() => aPerson({ teamId }));
  await knownDirectory(h, { teamId, managerId: null }, ...agents);
  const token = await h.tokenFor(aViewer({ roles: ['SERVICE_MANAGER'], managedTeamIds: [teamId] }));
  for (const [i, profile] of profiles.entries()) {
    const result = await mutation(h, 'saveAgentProfile', SAVE_PROFILE, token, {
      employeeId: agents[i].employeeId,
      capacity: 5,
      ...profile,
    });
    expect(result.userErrors).toEqual([]);
  }
  return { teamId, ids: agents.map((a: Person) => a.employeeId), token };
}

async function assigneeOf(id: string, token: string): Promise<string | null> {
  const data = await graphqlOk<{ ticket: { assignee: { id: string } | null } }>(h.app, {
    query: ASSIGNEE,
    variables: { id },
    token,
  });
  return data.ticket.assignee?.id ?? null;
}

async function openIn(teamId: string, token: string, extra: Record<string, unknown> = {}) {
  const { id } = await anOpenTicket(h, token, { teamId, ...extra });
  return { id, assignee: await assigneeOf(id, token) };
}

describe('dispatching new tickets', () => {
  it('gives a ticket to an agent of its team who knows its language, else to the least loaded', async () => {
    const { teamId, ids, token } = await aTeam(
      { languages: ['EN'] },
      { languages: ['en', 'zh'], productLines: ['printers'] },
    );
    const [english, bilingual] = ids;
    expect(await openIn(teamId, token, { language: ' ZH ' })).toMatchObject({
      assignee: bilingual,
    });
    expect(await openIn(teamId, token, { productLine: 'printers' })).toMatchObject({
      assignee: bilingual,
    });
    expect(await openIn(teamId, token)).toMatchObject({ assignee: english });
    expect(await openIn(teamId, token, { language: 'en' })).toMatchObject({ assignee: english });
    const profiles = await graphqlOk<{
      agentProfiles: { agent: { id: string }; openTickets: number }[];
    }>(h.app, { query: '{ agentProfiles { agent { id } openTickets } }', token });
    expect(profiles.agentProfiles.filter((p) => ids.includes(p.agent.id))).toEqual(
      [
        { agent: { id: english }, openTickets: 2 },
        { agent: { id: bilingual }, openTickets: 2 },
      ].sort((a, b) => a.agent.id.localeCompare(b.agent.id)),
    );
  });

  it('takes turns in a ROUND_ROBIN team whatever the load', async () => {
    const { teamId, ids, token } = await aTeam({}, {});
    const set = await mutation(h, 'setTeamDispatch', SET_DISPATCH, token, {
      teamId,
      strategy: 'ROUND_ROBIN',
    });
    expect(set).toEqual({ dispatch: { teamId, strategy: 'ROUND_ROBIN' }, userErrors: [] });
    // the first agent is busier: LEAST_LOAD would give the next two tickets to the second
    await openIn(teamId, token, { assigneeId: ids[0] });
    await openIn(teamId, token, { assigneeId: ids[0] });
    const turns = [];
    for (let i = 0; i < 4; i++) turns.push((await openIn(teamId, token)).assignee);
    expect(turns[0]).not.toBe(turns[1]);
    expect(turns).toEqual([turns[0], turns[1], turns[0], turns[1]]);
    expect(new Set(turns)).toEqual(new Set(ids));
  });

  it('queues a ticket nobody can take: agents full, off duty or without the skill', async () => {
    const { teamId, ids, token } = await aTeam({ capacity: 1 }, { onDuty: false });
    const first = await openIn(teamId, token);
    expect(first.assignee).toBe(ids[0]);
    const second = await openIn(teamId, token);
    const third = await openIn(teamId, token, { region: 'north' });
    expect([second.assignee, third.assignee]).toEqual([null, null]);
    const queue = await graphqlOk<{ ticketQueue: { nodes: { id: string }[] } }>(h.app, {
      query: QUEUE,
      token,
    });
    const queued = queue.ticketQueue.nodes.map((n) => n.id);
    expect(queued).toEqual(expect.arrayContaining([second.id, third.id]));
    expect(queued.indexOf(second.id)).toBeLessThan(queued.indexOf(third.id));
    expect(queued).not.toContain(first.id);
  });

  it("hands a deactivated agent's open tickets to a colleague, or back to the queue", async () => {
    const { teamId, ids, token } = await aTeam({}, { capacity: 1 });
    const [leaving, colleague] = ids;
    await h.dataSource.query('UPDATE agent_profiles SET on_duty = false WHERE employee_id = $1', [
      colleague,
    ]);
    const a = await openIn(teamId, token);
    const b = await openIn(teamId, token);
    expect([a.assignee, b.assignee]).toEqual([leaving, leaving]);
    await h.dataSource.query('UPDATE agent_profiles SET on_duty = true WHERE employee_id = $1', [
      colleague,
    ]);
    produceEvent(employeeDeactivated, {
      ...aPerson({ employeeId: leaving, teamId }),
      active: false,
      version: 2,
      deactivatedBy: null,
    });
    await eventually(async () => {
      expect([await assigneeOf(a.id, token), await assigneeOf(b.id, token)]).toEqual([
        colleague,
        null,
      ]);
    });
    const events = await h.dataSource.query(
      "SELECT payload->>'previousAssigneeId' AS previous, payload->>'assigneeId' AS now FROM outbox WHERE subject = ANY($1) AND type = 'crm.customer-service.ticket.assigned.v1' ORDER BY seq",
      [[a.id, b.id]],
    );
    expect(events).toEqual([
      { previous: leaving, now: colleague },
      { previous: leaving, now: null },
    ]);
  });
});

describe('agent profiles', () => {
  it('refuses a profile for someone who is no active agent, and an agent may not set one', async () => {
    const salesRep = aPerson({ roles: ['SALES_REP'] });
    await knownDirectory(h, null, salesRep);
    const token = await h.tokenFor(manager());
    for (const employeeId of [salesRep.employeeId, newId()]) {
      const result = await mutation(h, 'saveAgentProfile', SAVE_PROFILE, token, {
        employeeId,
        capacity: 3,
      });
      expect(result.userErrors).toEqual([
        {
          field: ['input', 'employeeId'],
          code: 'NOT_FOUND',
          message: `employeeId: no active SERVICE_AGENT ${employeeId}`,
        },
      ]);
    }
    const res = await graphql(h.app, {
      query: SAVE_PROFILE,
      variables: { input: { employeeId: salesRep.employeeId, capacity: 3 } },
      token: await h.tokenFor(anAgent()),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
