import { newId } from '@crm/database';
import { aViewer, testLogger } from '@crm/testing';
import { createDeskScheduler } from '../src/events/desk-scheduler';
import { aPerson, knownDirectory } from './directory-api';
import { startCustomerService, type Harness } from './harness';
import { aPolicy, withoutPolicies } from './sla-api';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => withoutPolicies(h));

/** A scheduler as a freshly started service has it: nothing in memory, only the job rows. */
const runDueJobs = () =>
  createDeskScheduler({ dataSource: h.dataSource, logger: testLogger() }).runDue();

/** Moves a ticket's clocks and pending jobs `minutes` into the past, as if that time had gone by. */
async function letTimePass(ticketId: string, minutes: number) {
  const by = `${minutes} minutes`;
  await h.dataSource.query(
    'UPDATE ticket_sla_clocks SET running_since = running_since - $2::interval, due_at = due_at - $2::interval WHERE ticket_id = $1',
    [ticketId, by],
  );
  await h.dataSource.query(
    "UPDATE scheduled_jobs SET due_at = due_at - $2::interval WHERE key LIKE $1 || '/%' AND done_at IS NULL",
    [ticketId, by],
  );
}

async function alertsOf(ticketId: string) {
  const found: { type: string; payload: Record<string, unknown> }[] = await h.dataSource.query(
    "SELECT type, payload FROM outbox WHERE subject = $1 AND type LIKE '%.sla_%' ORDER BY seq",
    [ticketId],
  );
  return found.map((e) => ({ type: e.type.split('.')[3], ...e.payload }));
}

/** An agent in a team whose manager the directory knows (from identity's events). */
async function anAgentWithManager() {
  const teamId = newId();
  const manager = aPerson({ roles: ['SERVICE_MANAGER'], teamId });
  const agent = aPerson({ teamId });
  await knownDirectory(h, { teamId, managerId: manager.employeeId }, manager, agent);
  return {
    agent: aViewer({ id: agent.employeeId, roles: ['SERVICE_AGENT'], teamId }),
    managerId: manager.employeeId,
  };
}

const REPLY = `mutation($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { userErrors { field code message } } }`;
const STATUS = `mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { userErrors { field code message } } }`;

describe('SLA warnings and breaches', () => {
  it('warns the assignee, then escalates the breach to their manager and then to the service managers', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, {
      name: 'Fast',
      position: 0,
      firstResponseMinutes: 10,
      warningPercent: 50,
    });
    const { agent, managerId } = await anAgentWithManager();
    const token = await h.tokenFor(agent);
    const { id, customerId } = await anOpenTicket(h, token, {
      assigneeId: agent.id,
      priority: 'HIGH',
    });

    const jobs = await h.dataSource.query(
      "SELECT kind, round(extract(epoch FROM due_at - t.created_at) / 60) AS minutes FROM scheduled_jobs j JOIN tickets t ON j.key = t.id || '/FIRST_RESPONSE' WHERE t.id = $1 ORDER BY due_at",
      [id],
    );
    expect(jobs.map((j: { kind: string; minutes: string }) => [j.kind, Number(j.minutes)])).toEqual(
      [
        ['sla.warning', 5],
        ['sla.breach', 10],
        ['sla.escalation', 20],
      ],
    );
    expect(await runDueJobs()).toBe(0);

    await letTimePass(id, 6);
    expect(await runDueJobs()).toBe(1);
    expect(await alertsOf(id)).toEqual([
      expect.objectContaining({
        type: 'sla_warning',
        ticketId: id,
        customerId,
        customerTier: 'B',
        priority: 'HIGH',
        target: 'FIRST_RESPONSE',
        assigneeId: agent.id,
        escalationLevel: 'ASSIGNEE',
        notifyIds: [agent.id],
      }),
    ]);

    await letTimePass(id, 5);
    await runDueJobs();
    await letTimePass(id, 10);
    await runDueJobs();
    const alerts = await alertsOf(id);
    expect(alerts.slice(1)).toEqual([
      expect.objectContaining({
        type: 'sla_breached',
        escalationLevel: 'TEAM_MANAGER',
        notifyIds: [managerId],
        firstBreach: true,
      }),
      expect.objectContaining({
        type: 'sla_breached',
        escalationLevel: 'SERVICE_MANAGER',
        notifyIds: expect.arrayContaining([managerId]),
        firstBreach: false,
      }),
    ]);
    const [clock] = await h.dataSource.query(
      "SELECT escalation, breached_at IS NOT NULL AS breached FROM ticket_sla_clocks WHERE ticket_id = $1 AND target = 'FIRST_RESPONSE'",
      [id],
    );
    expect(clock).toEqual({ escalation: 3, breached: true });
    const audit = await h.dataSource.query(
      "SELECT action, actor_id FROM audit_log WHERE entity_id = $1 AND action LIKE 'ticket.sla_%' ORDER BY at, id",
      [id],
    );
    expect(audit).toEqual([
      { action: 'ticket.sla_warning', actor_id: null },
      { action: 'ticket.sla_breach', actor_id: null },
      { action: 'ticket.sla_escalation', actor_id: null },
    ]);
  });

  it('raises nothing once the target is met in time', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, { name: 'Fast', position: 0, firstResponseMinutes: 10 });
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await letTimePass(id, 3);
    const reply = await mutation(h, 'addTicketMessage', REPLY, token, {
      ticketId: id,
      kind: 'REPLY',
      body: 'Hi!',
    });
    expect(reply.userErrors).toEqual([]);
    await letTimePass(id, 60);
    await runDueJobs();
    expect(await alertsOf(id)).toEqual([]);
  });

  it('holds the alerts while the ticket is PENDING and moves them by the time it waited', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, { name: 'Fast', position: 0, resolutionMinutes: 10 });
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await letTimePass(id, 4);
    await mutation(h, 'changeTicketStatus', STATUS, token, { ticketId: id, status: 'PENDING' });
    const pendingJobs = await h.dataSource.query(
      "SELECT count(*)::int AS n FROM scheduled_jobs WHERE key = $1 || '/RESOLUTION' AND done_at IS NULL",
      [id],
    );
    expect(pendingJobs).toEqual([{ n: 0 }]);
    await letTimePass(id, 60);
    expect(await runDueJobs()).toBe(0);
    await mutation(h, 'changeTicketStatus', STATUS, token, { ticketId: id, status: 'OPEN' });
    // 4 minutes were counted before the wait: the breach is 6 minutes after the reopening
    const [breach] = await h.dataSource.query(
      "SELECT round(extract(epoch FROM due_at - now()) / 60) AS minutes FROM scheduled_jobs WHERE kind = 'sla.breach' AND key = $1 || '/RESOLUTION' AND done_at IS NULL",
      [id],
    );
    expect(Number(breach.minutes)).toBe(6);
  });

  it('waits for the right time when a job comes due before its clock does', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, { name: 'Slow', position: 0, resolutionMinutes: 600 });
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await h.dataSource.query(
      "UPDATE scheduled_jobs SET due_at = now() - interval '1 minute' WHERE kind = 'sla.breach' AND key = $1 || '/RESOLUTION'",
      [id],
    );
    expect(await runDueJobs()).toBe(1);
    expect(await alertsOf(id)).toEqual([]);
    const [job] = await h.dataSource.query(
      "SELECT done_at, round(extract(epoch FROM j.due_at - t.created_at) / 60) AS minutes FROM scheduled_jobs j JOIN tickets t ON j.key = t.id || '/RESOLUTION' WHERE j.kind = 'sla.breach' AND t.id = $1",
      [id],
    );
    expect(job).toEqual({ done_at: null, minutes: '600' });
  });
});
