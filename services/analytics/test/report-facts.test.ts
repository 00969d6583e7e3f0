import { newId } from '@crm/database';
import {
  leadAssigned,
  leadContacted,
  opportunityCreated,
  opportunityStageChanged,
  opportunityWon,
  ticketSlaBreached,
  type EventData,
} from '@crm/events';
import { produceEvent } from '@crm/testing';
import {
  anOpportunity,
  handledBy,
  movedTo,
  startAnalytics,
  wonEvent,
  type Harness,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startAnalytics();
});
afterAll(async () => {
  await h.stop();
});

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 1, minutes)).toISOString();

describe('report facts from out-of-order and repeated events', () => {
  it('keeps an opportunity’s latest state, its creation time and every stage it reached, whatever the order', async () => {
    const created = anOpportunity(newId(), { createdAt: t(0) });
    const proposal = movedTo(created, 'PROPOSAL', 50, t(10));
    const won = movedTo({ ...created, stage: 'PROPOSAL' }, 'WON', 100, t(20));
    const proposalId = newId();
    const events = [
      produceEvent(opportunityWon, wonEvent(created, t(20))),
      produceEvent(opportunityStageChanged, proposal, { id: proposalId }),
      produceEvent(opportunityCreated, created),
      // delivered twice, before the last event (same key, same partition): handled by then
      produceEvent(opportunityStageChanged, proposal, { id: proposalId }),
      produceEvent(opportunityStageChanged, won),
    ];
    await handledBy(h.dataSource, h.groupId, events);

    const [row] = await h.dataSource.query(
      `SELECT status, stage, probability, created_at, closed_at FROM opportunity_facts WHERE opportunity_id = $1`,
      [created.opportunityId],
    );
    expect(row).toEqual({
      status: 'WON',
      stage: 'WON',
      probability: 100,
      created_at: new Date(t(0)),
      closed_at: new Date(t(20)),
    });
    const reached = await h.dataSource.query(
      `SELECT stage, reached_at FROM opportunity_stage_reached WHERE opportunity_id = $1 ORDER BY reached_at`,
      [created.opportunityId],
    );
    expect(reached).toEqual([
      { stage: 'QUALIFICATION', reached_at: new Date(t(0)) },
      { stage: 'PROPOSAL', reached_at: new Date(t(10)) },
      { stage: 'WON', reached_at: new Date(t(20)) },
    ]);
  });

  it('counts an SLA target’s first breach once, whatever escalations follow or come first', async () => {
    const breach = (firstBreach: boolean, at: string): EventData<typeof ticketSlaBreached> => ({
      ticketId,
      customerId: newId(),
      customerTier: 'KEY',
      priority: 'HIGH',
      target: 'FIRST_RESPONSE',
      policyId: newId(),
      dueAt: t(30),
      assigneeId: null,
      escalationLevel: firstBreach ? 'TEAM_MANAGER' : 'SERVICE_MANAGER',
      notifyIds: [],
      occurredAt: at,
      firstBreach,
    });
    const ticketId = newId();
    const events = [
      produceEvent(ticketSlaBreached, breach(false, t(60))),
      produceEvent(ticketSlaBreached, breach(true, t(30))),
    ];
    await handledBy(h.dataSource, h.groupId, events);
    const rows = await h.dataSource.query(
      'SELECT target, breached_at FROM sla_breaches WHERE ticket_id = $1',
      [ticketId],
    );
    expect(rows).toEqual([{ target: 'FIRST_RESPONSE', breached_at: new Date(t(30)) }]);
  });

  it('keeps a lead’s latest assignment and its first contact when a reassignment arrives first', async () => {
    const leadId = newId();
    const [first, second] = [newId(), newId()];
    const assignment = (assigneeId: string, at: string): EventData<typeof leadAssigned> => ({
      leadId,
      assigneeId,
      teamId: null,
      rule: 'ROUND_ROBIN',
      dueAt: new Date(Date.parse(at) + 24 * 3600_000).toISOString(),
      previousAssigneeId: null,
      assignedAt: at,
    });
    const events = [
      produceEvent(leadAssigned, assignment(second, t(40))),
      produceEvent(leadAssigned, assignment(first, t(0))),
      produceEvent(leadContacted, {
        leadId,
        assigneeId: second,
        contactedAt: t(50),
        withinSla: true,
      }),
    ];
    await handledBy(h.dataSource, h.groupId, events);
    const [row] = await h.dataSource.query(
      'SELECT assignee_id, assigned_at, contacted_at FROM lead_facts WHERE lead_id = $1',
      [leadId],
    );
    expect(row).toEqual({
      assignee_id: second,
      assigned_at: new Date(t(40)),
      contacted_at: new Date(t(50)),
    });
  });
});
