import type { Role } from '@crm/auth';
import type { FeedbackSource, FeedbackStatus } from '../db/feedback-items';

/**
 * Product's triage of feedback. NEW items are triaged (or declined); triaged ones are planned,
 * done or declined; a plan can be dropped back to triage; DONE is final; a declined item can be
 * reconsidered (back to TRIAGED).
 */
export const FEEDBACK_TRANSITIONS: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  NEW: ['TRIAGED', 'DECLINED'],
  TRIAGED: ['PLANNED', 'DONE', 'DECLINED'],
  PLANNED: ['TRIAGED', 'DONE', 'DECLINED'],
  DONE: [],
  DECLINED: ['TRIAGED'],
};

export function canMoveFeedback(from: FeedbackStatus, to: FeedbackStatus): boolean {
  return FEEDBACK_TRANSITIONS[from].includes(to);
}

export function feedbackRefusal(from: FeedbackStatus, to: FeedbackStatus): string {
  if (from === to) return `status: the feedback is already ${to}`;
  const allowed = FEEDBACK_TRANSITIONS[from];
  return allowed.length
    ? `status: ${from} feedback can move to ${allowed.join(' or ')}, not ${to}`
    : `status: ${from} feedback cannot change any more`;
}

/** Where feedback came from when the recorder does not say: their department. */
export function defaultSource(roles: readonly Role[]): FeedbackSource {
  if (roles.some((r) => r === 'SERVICE_AGENT' || r === 'SERVICE_MANAGER')) return 'SERVICE';
  if (roles.some((r) => r === 'SALES_REP' || r === 'SALES_MANAGER')) return 'SALES';
  return 'OTHER';
}
