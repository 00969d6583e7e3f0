/** What the health score is computed from (analytics' read model of one customer). */
export interface HealthFacts {
  /** Sales tier (KEY, A, B, C) from the customer replica; null when unknown or untiered. */
  tier: string | null;
  /** OPEN or PENDING tickets. */
  openTickets: number;
  /** Of those, the URGENT ones. */
  urgentOpenTickets: number;
  /** Tickets opened in the 90 days before `now`, whatever their status. */
  ticketsLast90Days: number;
  feedbackCount: number;
  /** The latest event about the customer; null when there is none. */
  lastActivityAt: Date | null;
}

export type ChurnRisk = 'LOW' | 'MEDIUM' | 'HIGH';

export interface Health {
  score: number;
  churnRisk: ChurnRisk;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Points lost for days without any event about the customer. */
export function inactivityPenalty(lastActivityAt: Date | null, now: Date): number {
  if (!lastActivityAt) return 30;
  const days = Math.floor((now.getTime() - lastActivityAt.getTime()) / DAY_MS);
  if (days >= 90) return 30;
  if (days >= 60) return 20;
  if (days >= 30) return 10;
  return 0;
}

const TIER_BONUS: Record<string, number> = { KEY: 10, A: 5 };

/**
 * The customer health score, 0..100, and the churn risk it implies. Deterministic: the same
 * facts and `now` always give the same answer (README "Health score" explains each term).
 *
 *   80
 *   - 5 per open ticket (at most 25)
 *   - 10 per urgent open ticket (at most 20)
 *   - 2 per ticket in the last 90 days beyond the third (at most 10)
 *   - inactivity: 10 after 30 days without an event, 20 after 60, 30 after 90
 *   + 10 for a KEY account, 5 for tier A
 *   + 2 per feedback item (at most 6)
 *   clamped to 0..100; churn risk LOW from 70, MEDIUM from 40, HIGH below.
 */
export function customerHealth(facts: HealthFacts, now: Date): Health {
  const score = Math.max(
    0,
    Math.min(
      100,
      80 -
        Math.min(25, 5 * facts.openTickets) -
        Math.min(20, 10 * facts.urgentOpenTickets) -
        Math.min(10, 2 * Math.max(0, facts.ticketsLast90Days - 3)) -
        inactivityPenalty(facts.lastActivityAt, now) +
        (facts.tier ? (TIER_BONUS[facts.tier] ?? 0) : 0) +
        Math.min(6, 2 * facts.feedbackCount),
    ),
  );
  return { score, churnRisk: churnRiskOf(score) };
}

export function churnRiskOf(score: number): ChurnRisk {
  if (score >= 70) return 'LOW';
  if (score >= 40) return 'MEDIUM';
  return 'HIGH';
}
