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
  /** SLA targets first missed in the 90 days before `now`. */
  slaBreachesLast90Days: number;
  /** Mean CSAT score (1-5) of the answers of the 90 days before `now`; null when none. */
  csatAverageLast90Days: number | null;
  /** Opportunities won (lost) in the 365 days before `now`. */
  wonLast365Days: number;
  lostLast365Days: number;
}

export type ChurnRisk = 'LOW' | 'MEDIUM' | 'HIGH';

export const HEALTH_FACTORS = [
  'RECENT_ACTIVITY',
  'OPEN_TICKETS',
  'URGENT_TICKETS',
  'TICKET_VOLUME',
  'SLA_BREACHES',
  'CSAT',
  'TIER',
  'FEEDBACK',
  'WON_OPPORTUNITIES',
  'LOST_OPPORTUNITIES',
] as const;

export type HealthFactor = (typeof HEALTH_FACTORS)[number];

/** A factor's weight is the most points it can add or take away. */
export type HealthWeights = Record<HealthFactor, number>;

/** The weights until an admin or executive changes them (README "Health score"). */
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  RECENT_ACTIVITY: 30,
  OPEN_TICKETS: 25,
  URGENT_TICKETS: 20,
  TICKET_VOLUME: 10,
  SLA_BREACHES: 20,
  CSAT: 20,
  TIER: 10,
  FEEDBACK: 6,
  WON_OPPORTUNITIES: 10,
  LOST_OPPORTUNITIES: 10,
};

/** The score every customer starts from before the factors. */
export const HEALTH_BASELINE = 80;

export interface FactorContribution {
  factor: HealthFactor;
  weight: number;
  /** How strongly the factor applies, -1 (all of its weight taken) to 1 (all of it added). */
  signal: number;
  /** weight x signal, in points, two decimals. */
  contribution: number;
}

export interface Health {
  score: number;
  churnRisk: ChurnRisk;
  factors: FactorContribution[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Points lost for days without any event about the customer (at the default weight of 30). */
export function inactivityPenalty(lastActivityAt: Date | null, now: Date): number {
  if (!lastActivityAt) return 30;
  const days = Math.floor((now.getTime() - lastActivityAt.getTime()) / DAY_MS);
  if (days >= 90) return 30;
  if (days >= 60) return 20;
  if (days >= 30) return 10;
  return 0;
}

const TIER_SIGNAL: Record<string, number> = { KEY: 1, A: 0.5 };
/** A share of `n` out of `cap`, at most 1. */
const share = (n: number, cap: number) => Math.min(n, cap) / cap;

/** Each factor's signal from the facts as of `now`. */
function signals(f: HealthFacts, now: Date): Record<HealthFactor, number> {
  return {
    RECENT_ACTIVITY: -inactivityPenalty(f.lastActivityAt, now) / 30,
    OPEN_TICKETS: -share(f.openTickets, 5),
    URGENT_TICKETS: -share(f.urgentOpenTickets, 2),
    TICKET_VOLUME: -share(Math.max(0, f.ticketsLast90Days - 3), 5),
    SLA_BREACHES: -share(f.slaBreachesLast90Days, 2),
    CSAT: f.csatAverageLast90Days === null ? 0 : (f.csatAverageLast90Days - 3) / 2,
    TIER: f.tier ? (TIER_SIGNAL[f.tier] ?? 0) : 0,
    FEEDBACK: share(f.feedbackCount, 3),
    WON_OPPORTUNITIES: share(f.wonLast365Days, 2),
    LOST_OPPORTUNITIES: -share(f.lostLast365Days, 2),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100 || 0;

/**
 * The customer health score, 0..100, each factor's contribution and the churn risk it implies.
 * Deterministic: the same facts, `now` and weights always give the same answer. With the
 * default weights:
 *
 *   80
 *   - inactivity: 10 after 30 days without an event, 20 after 60, 30 after 90
 *   - 5 per open ticket (at most 25), 10 more per urgent open ticket (at most 20)
 *   - 2 per ticket in the last 90 days beyond the third (at most 10)
 *   - 10 per SLA target missed in the last 90 days (at most 20)
 *   + 10 x (CSAT average of the last 90 days - 3) (from -20 to +20)
 *   + 10 for a KEY account, 5 for tier A; + 2 per feedback item (at most 6)
 *   + 5 per opportunity won in the last year, - 5 per one lost (each at most 10)
 *   rounded, clamped to 0..100; churn risk LOW from 70, MEDIUM from 40, HIGH below.
 */
export function customerHealth(
  facts: HealthFacts,
  now: Date,
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
): Health {
  const s = signals(facts, now);
  const factors = HEALTH_FACTORS.map((factor) => ({
    factor,
    weight: weights[factor],
    signal: round2(s[factor]),
    contribution: round2(weights[factor] * s[factor]),
  }));
  const total = factors.reduce((sum, f) => sum + f.contribution, HEALTH_BASELINE);
  const score = Math.max(0, Math.min(100, Math.round(total)));
  return { score, churnRisk: churnRiskOf(score), factors };
}

export function churnRiskOf(score: number): ChurnRisk {
  if (score >= 70) return 'LOW';
  if (score >= 40) return 'MEDIUM';
  return 'HIGH';
}
