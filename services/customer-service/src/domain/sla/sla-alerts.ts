import { cancelJob, scheduleJob } from '@crm/scheduler';
import type { Tx } from '@crm/database';
import type { slaEscalationLevels } from '@crm/events';
import type { SlaPolicy } from '../../db/sla-policies';
import type { Calendar } from './business-time';
import { timeAtShare, type SlaClock } from './sla-clock';

export type EscalationLevel = (typeof slaEscalationLevels)[number];

/**
 * The alerts of a clock, level by level: the warning at the policy's share of the target (to
 * the assignee), the breach at the target (to the team's manager), and a further escalation
 * at twice the target (to the service managers). `level` is what `SlaClock.escalation` becomes.
 */
export const SLA_ALERTS = [
  { kind: 'sla.warning', level: 1, share: (p: SlaPolicy) => p.warningPercent / 100 },
  { kind: 'sla.breach', level: 2, share: () => 1 },
  { kind: 'sla.escalation', level: 3, share: () => 2 },
] as const;

export type SlaAlert = (typeof SLA_ALERTS)[number];

export const alertJobKey = (ticketId: string, target: string) => `${ticketId}/${target}`;

/**
 * Schedules, as durable jobs in the caller's transaction, the alerts a clock has still to
 * raise while it runs, and cancels them while it is paused or met.
 */
export async function scheduleClockAlerts(
  tx: Tx,
  ticketId: string,
  clock: SlaClock,
  policy: SlaPolicy,
  calendar: Calendar,
): Promise<void> {
  const key = alertJobKey(ticketId, clock.target);
  for (const alert of SLA_ALERTS) {
    const at =
      clock.escalation < alert.level ? timeAtShare(clock, calendar, alert.share(policy)) : null;
    if (at) await scheduleJob(tx, { kind: alert.kind, key, dueAt: at });
    else await cancelJob(tx, alert.kind, key);
  }
}

export async function cancelClockAlerts(tx: Tx, ticketId: string, target: string): Promise<void> {
  for (const alert of SLA_ALERTS) await cancelJob(tx, alert.kind, alertJobKey(ticketId, target));
}
