import { findCustomerReplicas } from '@crm/customer-replica';
import { recordAudit, type Tx } from '@crm/database';
import { publishEvent, ticketSlaBreached, ticketSlaWarning } from '@crm/events';
import { scheduleJob, type Job, type JobHandler } from '@crm/scheduler';
import { findCalendars } from '../../db/business-calendars';
import { databaseNow } from '../../db/database-now';
import { findActiveManagerOf, findActiveWithRole } from '../../db/directory';
import { findClocks, saveClock } from '../../db/sla-clocks';
import { findPolicies } from '../../db/sla-policies';
import { lockTicket, type Ticket } from '../../db/tickets';
import { SLA_ALERTS, type EscalationLevel, type SlaAlert } from './sla-alerts';
import { dueAtOf, timeAtShare } from './sla-clock';

/**
 * Who an alert of `level` goes to: the assignee (warning), their team's manager (breach), the
 * service managers (escalation); a level with nobody to tell goes up to the service managers.
 */
async function recipients(
  tx: Tx,
  level: number,
  ticket: Ticket,
): Promise<{ escalationLevel: EscalationLevel; notifyIds: string[] }> {
  if (level === 1 && ticket.assigneeId) {
    return { escalationLevel: 'ASSIGNEE', notifyIds: [ticket.assigneeId] };
  }
  if (level <= 2 && ticket.assigneeId) {
    const manager = await findActiveManagerOf(tx, ticket.assigneeId);
    if (manager) return { escalationLevel: 'TEAM_MANAGER', notifyIds: [manager] };
  }
  return {
    escalationLevel: 'SERVICE_MANAGER',
    notifyIds: await findActiveWithRole(tx, 'SERVICE_MANAGER'),
  };
}

/**
 * A scheduled SLA alert came due (by the database's clock). The clock is looked at again: one
 * that is met, paused or already past this level raises nothing; one whose time moved (a
 * policy or calendar change) is scheduled for its new time; otherwise the alert is recorded on
 * the clock, audited and published in this job's transaction.
 */
async function raiseSlaAlert(alert: SlaAlert, job: Job, tx: Tx): Promise<void> {
  const [ticketId, target] = job.key.split('/');
  const ticket = await lockTicket(tx, ticketId);
  if (!ticket?.slaPolicyId) return;
  const clock = (await findClocks(tx, [ticketId])).find((c) => c.target === target);
  if (!clock?.runningSince || clock.escalation >= alert.level) return;
  const [policy] = await findPolicies(tx, [ticket.slaPolicyId]);
  const [calendar] = policy?.calendarId ? await findCalendars(tx, [policy.calendarId]) : [];
  const now = await databaseNow(tx);
  const reachedAt = timeAtShare(clock, calendar ?? null, alert.share(policy));
  if (!reachedAt) return;
  if (reachedAt > now) {
    await scheduleJob(tx, { kind: alert.kind, key: job.key, dueAt: reachedAt });
    return;
  }
  const { escalationLevel, notifyIds } = await recipients(tx, alert.level, ticket);
  const dueAt = dueAtOf(clock, calendar ?? null)!;
  await saveClock(tx, {
    ...clock,
    escalation: alert.level,
    warnedAt: clock.warnedAt ?? now,
    breachedAt: alert.level >= 2 ? (clock.breachedAt ?? now) : clock.breachedAt,
  });
  await recordAudit(tx, {
    actorId: null,
    action: `ticket.${alert.kind.replace('.', '_')}`,
    entityType: 'Ticket',
    entityId: ticket.id,
    after: { target: clock.target, dueAt, escalationLevel, notifyIds },
  });
  const [customer] = await findCustomerReplicas(tx, [ticket.customerId]);
  const data = {
    ticketId: ticket.id,
    customerId: ticket.customerId,
    customerTier: customer?.tier ?? null,
    priority: ticket.priority,
    target: clock.target,
    policyId: policy.id,
    dueAt: dueAt.toISOString(),
    assigneeId: ticket.assigneeId,
    escalationLevel,
    notifyIds,
    occurredAt: now.toISOString(),
  };
  if (alert.level === 1) await publishEvent(tx, ticketSlaWarning, data);
  else await publishEvent(tx, ticketSlaBreached, { ...data, firstBreach: !clock.breachedAt });
}

/** The SLA alert job kinds and their handlers, for the scheduler. */
export const slaAlertJobHandlers: Record<string, JobHandler> = Object.fromEntries(
  SLA_ALERTS.map((alert) => [alert.kind, (job: Job, tx: Tx) => raiseSlaAlert(alert, job, tx)]),
);
