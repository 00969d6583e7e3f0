import { findCustomerReplicas } from '@crm/customer-replica';
import type { Tx } from '@crm/database';
import { findCalendars } from '../../db/business-calendars';
import { deleteClock, findClocks, saveClock, type StoredClock } from '../../db/sla-clocks';
import { findPolicies, type SlaPolicy } from '../../db/sla-policies';
import type { Ticket } from '../../db/tickets';
import type { Calendar } from './business-time';
import { pickPolicy, targetMsOf } from './pick-policy';
import { cancelClockAlerts, scheduleClockAlerts } from './sla-alerts';
import {
  dueAtOf,
  pauseClock,
  resumeClock,
  retargetClock,
  slaTargets,
  startClock,
  stopClock,
  type SlaClock,
  type SlaTarget,
} from './sla-clock';

/** What just happened on the ticket's thread, for the response clocks. */
export type ThreadHappening = { kind: 'REPLY' | 'CUSTOMER'; at: Date } | null;

export interface TicketSlaState {
  policy: SlaPolicy | null;
  calendar: Calendar;
  clocks: StoredClock[];
}

async function calendarOf(tx: Tx, policy: SlaPolicy | null): Promise<Calendar> {
  if (!policy?.calendarId) return null;
  const [calendar] = await findCalendars(tx, [policy.calendarId]);
  return calendar ?? null;
}

/** A clock for a target the ticket had none for (the first policy, or a new target). */
function firstClock(
  ticket: Ticket,
  target: SlaTarget,
  targetMs: number,
  calendar: Calendar,
  happening: ThreadHappening,
): SlaClock | null {
  if (target === 'NEXT_RESPONSE') {
    return happening?.kind === 'CUSTOMER' && ticket.firstRespondedAt
      ? startClock(target, targetMs, happening.at)
      : null;
  }
  // a policy picked mid-ticket counts from the opening
  const clock = startClock(target, targetMs, ticket.createdAt);
  const metAt = target === 'FIRST_RESPONSE' ? ticket.firstRespondedAt : ticket.resolvedAt;
  return metAt ? stopClock(clock, calendar, metAt) : clock;
}

function afterHappening(
  clock: SlaClock,
  calendar: Calendar,
  happening: ThreadHappening,
  ticket: Ticket,
): SlaClock {
  if (!happening) return clock;
  if (happening.kind === 'REPLY' && clock.target !== 'RESOLUTION') {
    return stopClock(clock, calendar, happening.at);
  }
  // the customer wrote again after being answered: a new wait for the next response
  if (
    happening.kind === 'CUSTOMER' &&
    clock.target === 'NEXT_RESPONSE' &&
    clock.stoppedAt &&
    ticket.firstRespondedAt
  ) {
    return startClock(clock.target, clock.targetMs, happening.at);
  }
  return clock;
}

/** Clocks run while the ticket is OPEN; resolution stops on RESOLVED/CLOSED and resumes on reopening. */
function alignedWithStatus(
  clock: SlaClock,
  calendar: Calendar,
  ticket: Ticket,
  now: Date,
): SlaClock {
  let next = clock;
  if (next.target === 'RESOLUTION') {
    const done = ticket.status === 'RESOLVED' || ticket.status === 'CLOSED';
    if (done && !next.stoppedAt) next = stopClock(next, calendar, ticket.resolvedAt ?? now);
    if (!done && next.stoppedAt) next = { ...next, stoppedAt: null };
  }
  const run = ticket.status === 'OPEN' && !next.stoppedAt;
  return run ? resumeClock(next, now) : pauseClock(next, calendar, now);
}

/**
 * Brings a ticket's SLA up to date after a change at `now` (the database's time): picks the
 * policy for the customer's tier and the ticket's priority (first match wins), carries every
 * clock over to a changed policy, applies what just happened on the thread, runs the clocks
 * while the ticket is OPEN and pauses them otherwise, and stores each due time.
 */
export async function refreshTicketSla(
  tx: Tx,
  ticket: Ticket,
  now: Date,
  happening: ThreadHappening = null,
): Promise<TicketSlaState> {
  const [customer] = await findCustomerReplicas(tx, [ticket.customerId]);
  const policies = await findPolicies(tx);
  const policy = pickPolicy(policies, customer?.tier ?? null, ticket.priority);
  const previous = policies.find((p) => p.id === ticket.slaPolicyId) ?? null;
  const calendar = await calendarOf(tx, policy);
  const previousCalendar = previous === policy ? calendar : await calendarOf(tx, previous);
  if ((policy?.id ?? null) !== ticket.slaPolicyId) {
    await tx.query('UPDATE tickets SET sla_policy_id = $2 WHERE id = $1', [
      ticket.id,
      policy?.id ?? null,
    ]);
  }
  const existing = await findClocks(tx, [ticket.id]);
  const clocks: StoredClock[] = [];
  for (const target of slaTargets) {
    const stored = existing.find((c) => c.target === target);
    const targetMs = policy ? targetMsOf(policy, target) : null;
    if (!policy || targetMs === null) {
      if (stored) {
        await deleteClock(tx, ticket.id, target);
        await cancelClockAlerts(tx, ticket.id, target);
      }
      continue;
    }
    let clock: SlaClock | null = stored
      ? retargetClock(stored, previousCalendar, { calendar, targetMs }, now).clock
      : firstClock(ticket, target, targetMs, calendar, happening);
    if (!clock) continue;
    if (stored) clock = afterHappening(clock, calendar, happening, ticket);
    clock = alignedWithStatus(clock, calendar, ticket, now);
    const saved = { ...clock, ticketId: ticket.id, dueAt: dueAtOf(clock, calendar) };
    await saveClock(tx, saved);
    await scheduleClockAlerts(tx, ticket.id, saved, policy, calendar);
    clocks.push(saved);
  }
  return { policy, calendar, clocks };
}
