import type { Candidate, DispatchStrategy } from '../../db/agents';

const age = (c: Candidate) => c.lastAssignedAt?.getTime() ?? -Infinity;

/**
 * The agent a ticket goes to, among those with a free place (load below capacity): ROUND_ROBIN
 * takes the one whose last ticket is oldest (never assigned first), LEAST_LOAD the one with the
 * fewest open tickets (then the same order). null when nobody has room.
 */
export function chooseAgent(candidates: Candidate[], strategy: DispatchStrategy): string | null {
  const free = candidates.filter((c) => c.load < c.capacity);
  free.sort(
    (a, b) =>
      (strategy === 'LEAST_LOAD' ? a.load - b.load : 0) ||
      age(a) - age(b) ||
      a.employeeId.localeCompare(b.employeeId),
  );
  return free[0]?.employeeId ?? null;
}
