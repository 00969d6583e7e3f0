import type { IdeaStatus } from '../db/ideas';

/**
 * An idea's life: reviewed, planned, built and shipped, or declined (which can be reconsidered).
 * SHIPPED is final; DUPLICATE is reached only by merging into another idea, and is final too.
 */
export const IDEA_TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  NEW: ['UNDER_REVIEW', 'PLANNED', 'DECLINED'],
  UNDER_REVIEW: ['PLANNED', 'DECLINED'],
  PLANNED: ['UNDER_REVIEW', 'IN_PROGRESS', 'DECLINED'],
  IN_PROGRESS: ['PLANNED', 'SHIPPED'],
  SHIPPED: [],
  DECLINED: ['UNDER_REVIEW'],
  DUPLICATE: [],
};

/** Statuses that need a reason (staff must be able to tell why). */
export const REASON_REQUIRED: readonly IdeaStatus[] = ['DECLINED'];

/** An idea that is closed takes no more links, votes or merges. */
export function isClosed(status: IdeaStatus): boolean {
  return status === 'SHIPPED' || status === 'DUPLICATE';
}

export function ideaRefusal(from: IdeaStatus, to: IdeaStatus): string | null {
  if (to === 'DUPLICATE') return 'status: an idea becomes DUPLICATE by merging it (mergeIdeas)';
  if (IDEA_TRANSITIONS[from].includes(to)) return null;
  if (from === to) return `status: the idea is already ${to}`;
  const allowed = IDEA_TRANSITIONS[from];
  return allowed.length
    ? `status: a ${from} idea can move to ${allowed.join(' or ')}, not ${to}`
    : `status: a ${from} idea cannot change any more`;
}
