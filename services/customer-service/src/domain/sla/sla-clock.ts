import { slaTargets } from '@crm/events';
import { addBusinessMs, businessMsBetween, type Calendar } from './business-time';

export { slaTargets };
export type SlaTarget = (typeof slaTargets)[number];

/**
 * One SLA target's clock on one ticket. It counts business time only: `elapsedMs` holds what was
 * counted before `runningSince`; while paused (the ticket is PENDING) `runningSince` is null.
 */
export interface SlaClock {
  target: SlaTarget;
  targetMs: number;
  elapsedMs: number;
  runningSince: Date | null;
  /** When the target was met (the clock stopped for good). */
  stoppedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** How far its alerts went: 0 none, 1 assignee warned, 2 team manager, 3 service managers. */
  escalation: number;
}

export function startClock(target: SlaTarget, targetMs: number, at: Date): SlaClock {
  return {
    target,
    targetMs,
    elapsedMs: 0,
    runningSince: at,
    stoppedAt: null,
    warnedAt: null,
    breachedAt: null,
    escalation: 0,
  };
}

/** Business time counted up to `now`. */
export function elapsedAt(clock: SlaClock, calendar: Calendar, now: Date): number {
  return (
    clock.elapsedMs +
    (clock.runningSince ? businessMsBetween(calendar, clock.runningSince, now) : 0)
  );
}

export function pauseClock(clock: SlaClock, calendar: Calendar, at: Date): SlaClock {
  if (!clock.runningSince) return clock;
  return { ...clock, elapsedMs: elapsedAt(clock, calendar, at), runningSince: null };
}

export function resumeClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.runningSince || clock.stoppedAt) return clock;
  return { ...clock, runningSince: at };
}

/** The target was met at `at`: the clock stops for good (a breach before stays a breach). */
export function stopClock(clock: SlaClock, calendar: Calendar, at: Date): SlaClock {
  if (clock.stoppedAt) return clock;
  return { ...pauseClock(clock, calendar, at), stoppedAt: at };
}

/**
 * A new target or calendar from `at` on (the ticket's policy changed): what was counted stays
 * counted under the old calendar, the rest counts under the new one.
 */
export function retargetClock(
  clock: SlaClock,
  from: Calendar,
  to: { calendar: Calendar; targetMs: number },
  at: Date,
): { clock: SlaClock; calendar: Calendar } {
  const running = clock.runningSince !== null;
  const paused = { ...pauseClock(clock, from, at), targetMs: to.targetMs };
  return { clock: running ? resumeClock(paused, at) : paused, calendar: to.calendar };
}

/** When a running clock reaches `share` (0..1] of its target; null when paused or stopped. */
export function timeAtShare(clock: SlaClock, calendar: Calendar, share: number): Date | null {
  if (!clock.runningSince) return null;
  return addBusinessMs(calendar, clock.runningSince, clock.targetMs * share - clock.elapsedMs);
}

export function dueAtOf(clock: SlaClock, calendar: Calendar): Date | null {
  return timeAtShare(clock, calendar, 1);
}

export interface ClockView {
  target: SlaTarget;
  dueAt: Date | null;
  remainingMs: number;
  breached: boolean;
  paused: boolean;
  metAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  escalation: number;
}

/** What a ticket shows of a clock at `now`. */
export function viewClock(clock: SlaClock, calendar: Calendar, now: Date): ClockView {
  const remainingMs = clock.targetMs - elapsedAt(clock, calendar, now);
  const breached =
    clock.breachedAt !== null || (clock.stoppedAt ? remainingMs < 0 : remainingMs <= 0);
  return {
    target: clock.target,
    dueAt: dueAtOf(clock, calendar),
    remainingMs,
    breached,
    paused: !clock.runningSince && !clock.stoppedAt,
    metAt: clock.stoppedAt,
    warnedAt: clock.warnedAt,
    breachedAt: clock.breachedAt,
    escalation: clock.escalation,
  };
}
