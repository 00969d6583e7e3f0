import type { Tx } from '@crm/database';
import { movePipelineOnMerge } from './opportunities/pipeline-steps';

export interface CustomerMerge {
  sourceId: string;
  targetId: string;
  /** Null when the system merges. */
  actorId: string | null;
}

/** Moves one area's records from the merged-away customer to the surviving one. */
export type MergeStep = (tx: Tx, merge: CustomerMerge) => Promise<void>;

/**
 * Run by mergeCustomers inside its transaction, after the contacts moved and before the
 * source becomes a tombstone. Other sales areas (opportunities, activities, tasks, quotes)
 * append their step here; a step that throws rolls the whole merge back.
 */
export const mergeSteps: MergeStep[] = [];

// Opportunities, activities, tasks, quotes and leads move with the customer.
mergeSteps.push(movePipelineOnMerge);
