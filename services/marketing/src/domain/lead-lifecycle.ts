import type { LeadStatus } from '../db/leads';

/**
 * How far a lead has come. Sales' events can arrive late or twice; a lead only moves forward,
 * and a conversion outranks a disqualification (the deal happened).
 */
const RANK: Record<LeadStatus, number> = {
  NEW: 0,
  QUALIFIED: 1,
  HANDED_OFF: 2,
  CONTACTED: 3,
  DISQUALIFIED: 4,
  CONVERTED: 5,
};

export function advance(current: LeadStatus, next: LeadStatus): LeadStatus {
  return RANK[next] > RANK[current] ? next : current;
}

/** The earlier of two instants (null is "not yet"). */
export function earliest(a: Date | null, b: Date): Date {
  return a && a < b ? a : b;
}
