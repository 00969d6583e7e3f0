import type { SlaPolicy } from '../../db/sla-policies';
import type { TicketPriority } from '../../db/tickets';

/** The first policy (in order) whose tiers and priorities match; an empty list matches any. */
export function pickPolicy(
  policies: readonly SlaPolicy[],
  tier: string | null,
  priority: TicketPriority,
): SlaPolicy | null {
  return (
    policies.find(
      (p) =>
        (p.tiers.length === 0 || (tier !== null && (p.tiers as string[]).includes(tier))) &&
        (p.priorities.length === 0 || p.priorities.includes(priority)),
    ) ?? null
  );
}

/** The target of a policy for one clock, in milliseconds; null when the policy sets none. */
export function targetMsOf(
  policy: SlaPolicy,
  target: 'FIRST_RESPONSE' | 'NEXT_RESPONSE' | 'RESOLUTION',
): number | null {
  const minutes = {
    FIRST_RESPONSE: policy.firstResponseMinutes,
    NEXT_RESPONSE: policy.nextResponseMinutes,
    RESOLUTION: policy.resolutionMinutes,
  }[target];
  return minutes === null ? null : minutes * 60_000;
}
